package dev.minicloud.kv.elasticache.internal.model;

import java.util.List;
import java.util.Optional;

/**
 * The engine parameters a cache parameter group holds, with ElastiCache's defaults (which differ
 * from redis.conf's: {@code maxmemory-policy} is {@code volatile-lru}). {@link Definition#applied}
 * marks those a node really runs with; the others are stored and described only.
 */
public final class Parameters {
    /** How a node takes a parameter: {@code CONFIG SET} of the same name, or only the maxmemory it derives. */
    public enum Applied {
        CONFIG_SET,
        MAXMEMORY,
        STORED
    }

    public record Definition(
            String name,
            String defaultValue,
            String dataType,
            String allowedValues,
            boolean modifiable,
            String changeType,
            String description,
            Applied applied) {
        /** Whether {@code value} is allowed: a listed value, or an integer in the listed range. */
        public boolean allows(String value) {
            if (allowedValues == null) {
                return true;
            }
            if (dataType.equals("integer")) {
                String[] range = allowedValues.split("-", 2);
                try {
                    long v = Long.parseLong(value);
                    return v >= Long.parseLong(range[0])
                            && (range.length < 2 || range[1].isEmpty() || v <= Long.parseLong(range[1]));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            for (String allowed : allowedValues.split(",")) {
                if (allowed.equals(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    public static final List<Definition> ALL = List.of(
            new Definition(
                    "maxmemory-policy",
                    "volatile-lru",
                    "string",
                    "volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction",
                    true,
                    "immediate",
                    "Max memory policy.",
                    Applied.CONFIG_SET),
            new Definition(
                    "notify-keyspace-events",
                    "",
                    "string",
                    null,
                    true,
                    "immediate",
                    "The keyspace events for Redis to notify Pub/Sub clients about. By default all notifications are disabled",
                    Applied.CONFIG_SET),
            new Definition(
                    "reserved-memory-percent",
                    "25",
                    "integer",
                    "0-100",
                    true,
                    "immediate",
                    "The percent of memory to reserve for non-data memory usage. You may want to increase this parameter "
                            + "for nodes with read replicas, AOF enabled, etc, to reduce swap usage.",
                    Applied.MAXMEMORY),
            new Definition(
                    "maxmemory-samples",
                    "3",
                    "integer",
                    "1-",
                    true,
                    "immediate",
                    "Max memory samples.",
                    Applied.CONFIG_SET),
            new Definition(
                    "lfu-log-factor",
                    "10",
                    "integer",
                    "1-",
                    true,
                    "immediate",
                    "The log factor for incrementing key counter for LFU eviction policy",
                    Applied.CONFIG_SET),
            new Definition(
                    "lfu-decay-time",
                    "1",
                    "integer",
                    "0-",
                    true,
                    "immediate",
                    "The amount of time in minutes to decrement the key counter for LFU eviction policy",
                    Applied.CONFIG_SET),
            new Definition(
                    "timeout",
                    "0",
                    "integer",
                    "0-",
                    true,
                    "immediate",
                    "Close connection if client is idle for a given number of seconds, or never if 0.",
                    Applied.CONFIG_SET),
            new Definition(
                    "tcp-keepalive",
                    "300",
                    "integer",
                    "0-",
                    true,
                    "immediate",
                    "If non-zero, send ACKs every given number of seconds.",
                    Applied.CONFIG_SET),
            new Definition(
                    "databases",
                    "16",
                    "integer",
                    "1-1200000",
                    true,
                    "requires-reboot",
                    "Set the number of databases.",
                    Applied.STORED),
            new Definition(
                    "lua-time-limit",
                    "5000",
                    "integer",
                    "5000",
                    false,
                    "immediate",
                    "Max execution time of a Lua script in milliseconds. 0 for unlimited execution without warnings.",
                    Applied.STORED),
            new Definition(
                    "cluster-enabled",
                    "no",
                    "string",
                    "yes,no",
                    true,
                    "requires-reboot",
                    "Enable cluster mode",
                    Applied.STORED));

    private Parameters() {}

    public static Optional<Definition> find(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
