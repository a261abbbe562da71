package dev.minicloud.kv.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commands the server knows, by name. Lookups by the raw name bytes avoid building a
 * {@code String} per command for the usual all-lower or all-upper spellings.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    private final Map<ByteName, CommandSpec> byBytes = new HashMap<>();
    private final List<Runnable> resetHooks = new ArrayList<>();

    /**
     * Registers a command; {@code flags} names its {@link CommandFlag}s as Redis does ({@code "write denyoom fast"}),
     * keys at {@code first..last} (negative last counts from the end) by {@code step}.
     */
    public CommandSpec add(
            String name,
            int arity,
            String flags,
            int first,
            int last,
            int step,
            String group,
            String summary,
            CommandHandler handler) {
        CommandSpec spec = new CommandSpec(
                name, null, arity, CommandFlag.parse(flags), first, last, step, group, summary, handler);
        byName.put(name, spec);
        byBytes.put(new ByteName(name.getBytes(StandardCharsets.US_ASCII)), spec);
        byBytes.put(new ByteName(name.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII)), spec);
        return spec;
    }

    /** Registers a subcommand of a container command such as {@code CLIENT}. */
    public CommandSpec sub(
            CommandSpec parent,
            String name,
            int arity,
            String flags,
            int first,
            int last,
            int step,
            String summary,
            CommandHandler handler) {
        CommandSpec spec = new CommandSpec(
                name,
                parent.name(),
                arity,
                CommandFlag.parse(flags),
                first,
                last,
                step,
                parent.group(),
                summary,
                handler);
        parent.subcommands().put(name, spec);
        return spec;
    }

    public CommandSpec lookup(byte[] name) {
        CommandSpec s = byBytes.get(new ByteName(name));
        if (s != null || name.length > 64) {
            return s;
        }
        return byName.get(new String(name, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
    }

    public CommandSpec lookup(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** State a command family keeps beside the keyspace (the script cache) is dropped by the instance's reset. */
    public void onReset(Runnable hook) {
        resetHooks.add(hook);
    }

    void reset() {
        for (Runnable r : resetHooks) {
            r.run();
        }
    }

    public Collection<CommandSpec> all() {
        return byName.values();
    }

    private record ByteName(byte[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteName n && Arrays.equals(n.b, b);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(b);
        }
    }
}
