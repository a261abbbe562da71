package dev.minicloud.kv.internal.engine;

import static dev.minicloud.kv.internal.engine.CommandFlag.MOVABLEKEYS;
import static dev.minicloud.kv.internal.engine.CommandFlag.WRITE;

import dev.minicloud.kv.internal.acl.CommandCategories;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the command table, as {@code COMMAND INFO} describes it: lower-case name, arity
 * (negative = at least), flags ({@link CommandFlag} bits), key positions, key specs, tips and ACL
 * categories, plus its handler and, for container commands ({@code CLIENT}, {@code CONFIG}, ...),
 * its subcommands. The row builds it once at start; {@link #keys} and {@link #tips} complete it
 * there, and it is not changed after.
 */
public final class CommandSpec {
    private final String name;
    private final String fullName;
    private final int arity;
    private int flags;
    private final int firstKey;
    private final int lastKey;
    private final int step;
    private final String group;
    private final String summary;
    private final CommandHandler handler;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
    /** Set by {@link #keys} where the row's first/last/step range cannot say where the keys are. */
    private List<KeySpec> keySpecs;
    /** Set by {@link #keys(KeyFinder)} where the specs cannot say where a call's keys are. */
    private KeyFinder keyFinder;
    /** Redis' command tips ({@code nondeterministic_output}, {@code request_policy:all_shards}, ...). */
    private List<String> tips = List.of();

    public CommandSpec(
            String name,
            String parent,
            int arity,
            int flags,
            int firstKey,
            int lastKey,
            int step,
            String group,
            String summary,
            CommandHandler handler) {
        this.name = name;
        this.fullName = parent == null ? name : parent + "|" + name;
        this.arity = arity;
        this.flags = flags;
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.step = step;
        this.group = group;
        this.summary = summary;
        this.handler = handler;
    }

    public String name() {
        return name;
    }

    /** {@code get}, or {@code client|setname} for a subcommand (the form used in error messages). */
    public String fullName() {
        return fullName;
    }

    public int arity() {
        return arity;
    }

    public int flags() {
        return flags;
    }

    public boolean has(CommandFlag flag) {
        return (flags & flag.bit()) != 0;
    }

    /**
     * Declares the command's key specs (Redis 7 {@code key_specs}) where they say more than the
     * row's first/last/step: keys after a keyword, counted by a {@code numkeys} argument, or with
     * Redis' own key flags. Movable specs make the command {@link CommandFlag#MOVABLEKEYS}.
     */
    public CommandSpec keys(KeySpec... specs) {
        this.keySpecs = List.of(specs);
        for (KeySpec k : specs) {
            if (k.movable()) {
                flags |= MOVABLEKEYS.bit();
            }
        }
        return this;
    }

    /** Declares how to find a call's keys where its specs cannot (Redis' getkeys_proc). */
    public CommandSpec keys(KeyFinder finder) {
        this.keyFinder = finder;
        return this;
    }

    /** The row's key finder, or null when its key specs find its keys. */
    public KeyFinder keyFinder() {
        return keyFinder;
    }

    /** Declares Redis' command tips, which COMMAND INFO lists for clients (cluster routing, output order). */
    public CommandSpec tips(String... tips) {
        this.tips = List.of(tips);
        return this;
    }

    public List<String> tips() {
        return tips;
    }

    /** The key specs: the declared ones, else the one the row's first/last/step range describes. */
    public List<KeySpec> keySpecs() {
        if (keySpecs != null) {
            return keySpecs;
        }
        if (firstKey <= 0) {
            return List.of();
        }
        return List.of(
                KeySpec.range(has(WRITE) ? "RW" : "RO", firstKey, lastKey < 0 ? lastKey : lastKey - firstKey, step));
    }

    /**
     * The keys of one call with the flags of the spec that found each, as Redis'
     * {@code getKeysFromCommandWithSpecs} finds them for ACL checks: the row's key finder where it has
     * one, else its specs, skipping {@code not_key} ones (shard channels); none when the arguments do
     * not hold the keys the specs say (a bad {@code numkeys}: the command itself then fails).
     */
    public List<KeyFinder.Found> keysOf(byte[][] args, int argc) {
        if (keyFinder != null) {
            return keyFinder.find(args, argc);
        }
        List<KeySpec> specs = keySpecs();
        if (specs.isEmpty()) {
            return List.of();
        }
        List<KeyFinder.Found> out = new ArrayList<>();
        try {
            for (KeySpec k : specs) {
                if (k.notKey()) {
                    continue;
                }
                for (int pos : k.positions(args, argc)) {
                    out.add(new KeyFinder.Found(pos, k.flags()));
                }
            }
        } catch (KeySpec.InvalidArguments e) {
            return List.of();
        }
        return out;
    }

    /**
     * The first/last/step {@code COMMAND INFO} prints: with declared key specs, the range of the
     * leading index-and-range specs as Redis computes it ({@code populateCommandLegacyRangeSpec}),
     * else the row's own.
     */
    int[] legacyRange() {
        if (keySpecs == null) {
            return new int[] {firstKey, lastKey, step};
        }
        int first = 0;
        int last = 0;
        int keyStep = 0;
        for (KeySpec k : keySpecs) {
            if (!(k.begin() instanceof KeySpec.Index i) || !(k.find() instanceof KeySpec.Range r) || r.limit() > 1) {
                continue;
            }
            int specLast = r.lastKey() < 0 ? r.lastKey() : i.index() + r.lastKey();
            if (first == 0) {
                first = i.index();
                last = specLast;
                keyStep = r.keyStep();
            } else if (last >= 0 && i.index() == last + keyStep && r.keyStep() == keyStep) {
                last = specLast;
            } else {
                break;
            }
        }
        return new int[] {first, last, keyStep};
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int step() {
        return step;
    }

    public String group() {
        return group;
    }

    public String summary() {
        return summary;
    }

    public CommandHandler handler() {
        return handler;
    }

    public Map<String, CommandSpec> subcommands() {
        return subcommands;
    }

    public boolean arityOk(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public List<String> flagNames() {
        return CommandFlag.listedNames(flags);
    }

    /** The ACL categories COMMAND INFO lists, as Redis 7 assigns them (see {@link CommandCategories}). */
    public List<String> aclCategories() {
        return CommandCategories.labels(aclCategoryBits());
    }

    /** {@link #aclCategories()} as {@link dev.minicloud.kv.internal.acl.AclCategory} bits, what {@code +@category} rules test. */
    public long aclCategoryBits() {
        return CommandCategories.bits(this);
    }
}
