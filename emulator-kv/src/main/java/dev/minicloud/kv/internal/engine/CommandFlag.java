package dev.minicloud.kv.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command flag, named as Redis names it in its command table ({@code src/commands/*.json}) and
 * in {@code COMMAND INFO}. The one mapping between names and flags: a table row's flag list is
 * parsed here and {@code COMMAND INFO} prints from here. A spec keeps its flags as a bitmask of
 * {@link #bit()}s, so the engine's per-command checks stay one AND.
 *
 * <p>Two flags are ours, not Redis': Redis decides those cases by comparing command procs
 * ({@code processCommand}); here they are rows' flags, and {@code COMMAND INFO} does not list them.
 */
public enum CommandFlag {
    // in Redis' order (COMMAND INFO lists flags in this order)
    WRITE("write"),
    READONLY("readonly"),
    DENYOOM("denyoom"),
    ADMIN("admin"),
    PUBSUB("pubsub"),
    NOSCRIPT("noscript"),
    BLOCKING("blocking"),
    LOADING("loading"),
    STALE("stale"),
    SKIP_MONITOR("skip_monitor"),
    SKIP_SLOWLOG("skip_slowlog"),
    FAST("fast"),
    NO_AUTH("no_auth"),
    MAY_REPLICATE("may_replicate"),
    NO_MANDATORY_KEYS("no_mandatory_keys"),
    NO_MULTI("no_multi"),
    /** Set by {@link CommandSpec#keys} for key specs whose positions depend on the arguments, as Redis derives it. */
    MOVABLEKEYS("movablekeys"),
    ALLOW_BUSY("allow_busy"),
    /** Allowed while a RESP2 connection is in subscriber mode (ours; row name {@code subscriber}). */
    SUBSCRIBER_OK("subscriber", false),
    /** Runs immediately even inside MULTI: EXEC, DISCARD, MULTI, WATCH, QUIT, RESET (ours; row name {@code tx}). */
    TX_CONTROL("tx", false);

    private static final Map<String, CommandFlag> BY_NAME = new HashMap<>();

    static {
        for (CommandFlag f : values()) {
            BY_NAME.put(f.redisName, f);
        }
    }

    private final String redisName;
    private final boolean listed;

    CommandFlag(String redisName) {
        this(redisName, true);
    }

    CommandFlag(String redisName, boolean listed) {
        this.redisName = redisName;
        this.listed = listed;
    }

    /** The name in table rows and, for Redis' own flags, in {@code COMMAND INFO}. */
    public String redisName() {
        return redisName;
    }

    /**
     * This flag's bit in a {@link CommandSpec}'s mask: its position in the enum, which nothing
     * stores or sends (masks live only in the running table), so reordering the enum is safe.
     */
    public int bit() {
        return 1 << ordinal();
    }

    /** The mask of a row's space separated flag list such as {@code "write denyoom fast"}. */
    public static int parse(String names) {
        int mask = 0;
        for (String n : names.trim().split("\\s+")) {
            if (n.isEmpty()) {
                continue;
            }
            CommandFlag f = BY_NAME.get(n);
            if (f == null) {
                throw new IllegalArgumentException("flag: " + n + " (expected: one of " + BY_NAME.keySet() + ")");
            }
            mask |= f.bit();
        }
        return mask;
    }

    /** The names {@code COMMAND INFO} lists for {@code mask}, in Redis' order. */
    public static List<String> listedNames(int mask) {
        List<String> out = new ArrayList<>();
        for (CommandFlag f : values()) {
            if (f.listed && (mask & f.bit()) != 0) {
                out.add(f.redisName);
            }
        }
        return out;
    }
}
