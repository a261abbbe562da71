package dev.minicloud.kv.internal.acl;

import java.util.Locale;

/**
 * Redis 7's ACL command categories ({@code ACL CAT}), in Redis' order. A command's categories are a
 * bit set of these ({@link #bit()}), so {@code +@read} and the category checks are one mask test.
 */
public enum AclCategory {
    KEYSPACE,
    READ,
    WRITE,
    SET,
    SORTEDSET,
    LIST,
    HASH,
    STRING,
    BITMAP,
    HYPERLOGLOG,
    GEO,
    STREAM,
    PUBSUB,
    ADMIN,
    FAST,
    SLOW,
    BLOCKING,
    DANGEROUS,
    CONNECTION,
    TRANSACTION,
    SCRIPTING;

    private static final AclCategory[] ALL = values();

    /** The name {@code ACL CAT} and {@code +@name} use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public long bit() {
        return 1L << ordinal();
    }

    /** The category named {@code name} (case-insensitive), or null. */
    public static AclCategory byLabel(String name) {
        for (AclCategory c : ALL) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }
}
