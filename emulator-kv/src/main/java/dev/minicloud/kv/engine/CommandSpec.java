package dev.minicloud.kv.engine;

import dev.minicloud.kv.acl.CommandCategories;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the command table, as {@code COMMAND INFO} describes it: lower-case name, arity
 * (negative = at least), flags, key positions and ACL categories, plus its handler and, for
 * container commands ({@code CLIENT}, {@code CONFIG}, ...), its subcommands.
 */
public final class CommandSpec {
    public static final int WRITE = 1;
    public static final int READONLY = 1 << 1;
    public static final int DENYOOM = 1 << 2;
    public static final int ADMIN = 1 << 3;
    public static final int PUBSUB = 1 << 4;
    public static final int NOSCRIPT = 1 << 5;
    public static final int BLOCKING = 1 << 6;
    public static final int LOADING = 1 << 7;
    public static final int STALE = 1 << 8;
    public static final int FAST = 1 << 9;
    public static final int NO_AUTH = 1 << 10;
    public static final int NO_MULTI = 1 << 11;
    public static final int ALLOW_BUSY = 1 << 12;
    /** Allowed while a RESP2 connection is in subscriber mode. */
    public static final int SUBSCRIBER_OK = 1 << 13;
    /** Runs immediately even inside MULTI (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET). */
    public static final int TX_CONTROL = 1 << 14;

    private static final List<Object[]> FLAG_NAMES = List.of(
            new Object[] {WRITE, "write"}, new Object[] {READONLY, "readonly"}, new Object[] {DENYOOM, "denyoom"},
            new Object[] {ADMIN, "admin"}, new Object[] {PUBSUB, "pubsub"}, new Object[] {NOSCRIPT, "noscript"},
            new Object[] {BLOCKING, "blocking"}, new Object[] {LOADING, "loading"}, new Object[] {STALE, "stale"},
            new Object[] {FAST, "fast"}, new Object[] {NO_AUTH, "no_auth"}, new Object[] {NO_MULTI, "no_multi"},
            new Object[] {ALLOW_BUSY, "allow_busy"});

    private final String name;
    private final String fullName;
    private final int arity;
    private final int flags;
    private final int firstKey;
    private final int lastKey;
    private final int step;
    private final String group;
    private final String summary;
    private final CommandHandler handler;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();

    public CommandSpec(String name, String parent, int arity, int flags, int firstKey, int lastKey, int step,
            String group, String summary, CommandHandler handler) {
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

    public boolean has(int flag) {
        return (flags & flag) != 0;
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
        List<String> out = new java.util.ArrayList<>();
        for (Object[] f : FLAG_NAMES) {
            if ((flags & (Integer) f[0]) != 0) {
                out.add((String) f[1]);
            }
        }
        return out;
    }

    /** The ACL categories COMMAND INFO lists, as Redis 7 assigns them (see {@link CommandCategories}). */
    public List<String> aclCategories() {
        return CommandCategories.labels(aclCategoryBits());
    }

    /** {@link #aclCategories()} as {@link dev.minicloud.kv.acl.AclCategory} bits, what {@code +@category} rules test. */
    public long aclCategoryBits() {
        return CommandCategories.bits(this);
    }
}
