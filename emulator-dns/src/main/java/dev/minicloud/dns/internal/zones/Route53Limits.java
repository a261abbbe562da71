package dev.minicloud.dns.internal.zones;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The quota values of one instance: Route 53's defaults, with overrides from the
 * {@code dns-limits} setting (a test lowers a limit to reach it in a few calls, as an account's
 * raised quota raises it). Immutable.
 */
public final class Route53Limits {
    private final EnumMap<Route53Limit, Long> values = new EnumMap<>(Route53Limit.class);

    private Route53Limits(Map<Route53Limit, Long> overrides) {
        for (Route53Limit l : Route53Limit.values()) {
            values.put(l, overrides.getOrDefault(l, l.defaultValue()));
        }
    }

    public static Route53Limits defaults() {
        return new Route53Limits(Map.of());
    }

    /** From {@code NAME=value} pairs; an unknown name or a value below 1 is refused. */
    public static Route53Limits of(Map<String, Long> overrides) {
        EnumMap<Route53Limit, Long> parsed = new EnumMap<>(Route53Limit.class);
        overrides.forEach((name, value) -> {
            Route53Limit limit;
            try {
                limit = Route53Limit.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name + "' is not a Route 53 limit (one of "
                        + Arrays.toString(Route53Limit.values()) + ")");
            }
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            parsed.put(limit, value);
        });
        return new Route53Limits(parsed);
    }

    public long value(Route53Limit limit) {
        return values.get(limit);
    }

    /** Throws {@code error} when {@code count} more would pass the limit. */
    void check(Route53Limit limit, long current, long adding, Supplier<RuntimeException> error) {
        if (current + adding > value(limit)) {
            throw error.get();
        }
    }
}
