package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One Redis configuration parameter as Redis 7's config.c declares it (name, alias, type, bounds,
 * default, flags), plus what this server does with it. {@link #check} turns a {@code CONFIG SET}
 * value into the form {@code CONFIG GET} shows, or fails with Redis' own reason.
 *
 * @param name the parameter's name, lower case
 * @param alias its other name ({@code hash-max-ziplist-entries} for {@code hash-max-listpack-entries}), or null
 * @param kind how its value is parsed and shown
 * @param access whether {@code CONFIG SET} may change it
 * @param hidden a parameter {@code CONFIG GET} lists only when asked by its exact name
 * @param min the lower bound of a numeric value (for a memory-or-percent one, minus the greatest percent)
 * @param max the upper bound of a numeric value
 * @param choices the values of an enum parameter, in Redis' order (its error lists them so)
 * @param defaultValue the value of a server started without a config file, as {@code CONFIG GET} shows it
 * @param effect whether this server acts on the value or only keeps it for {@code CONFIG GET}
 */
public record ConfigParam(
        String name,
        String alias,
        Kind kind,
        Access access,
        boolean hidden,
        long min,
        long max,
        List<String> choices,
        String defaultValue,
        Effect effect) {

    /** How a value is parsed: config.c's config types and numeric flags. */
    public enum Kind {
        /** {@code yes} or {@code no}. */
        BOOL,
        /** Any text. */
        STRING,
        /** One of {@link #choices}, any case; shown in lower case. */
        ENUM,
        /** Space-separated words of {@link #choices} (a multi-argument enum: {@code shutdown-on-sigint nosave now}). */
        FLAGS,
        /** A decimal integer (string2ll). */
        INTEGER,
        /** A memory amount (memtoull: {@code 5mb}, {@code 1gb}, {@code 100}); shown in bytes. */
        MEMORY,
        /** A memory amount or a percent ({@code 10%}, stored negative as Redis does). */
        MEMORY_OR_PERCENT,
        /** An octal number ({@code unixsocketperm}). */
        OCTAL,
        /** A parameter with its own syntax ({@code save}, {@code client-output-buffer-limit}, ...), checked by its binding. */
        SPECIAL
    }

    /** Redis' flags that decide whether CONFIG SET may change a parameter. */
    public enum Access {
        MODIFIABLE,
        /** IMMUTABLE_CONFIG: {@code can't set immutable config}. */
        IMMUTABLE,
        /** PROTECTED_CONFIG while {@code enable-protected-configs} is {@code no}: {@code can't set protected config}. */
        PROTECTED
    }

    /** What this server does with a value. */
    public enum Effect {
        /** The server behaves by it (maxmemory, the encoding limits, ...). */
        HONOURED,
        /** Kept and shown by CONFIG GET, without changing behaviour (persistence, replication, TLS, ...). */
        STORED
    }

    /** A value CONFIG SET refuses, with Redis' reason ({@code argument must be 'yes' or 'no'}). */
    static final class BadValue extends RuntimeException {
        BadValue(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The value as CONFIG GET shows it, or a {@link BadValue} with Redis' reason. */
    String check(String value) {
        return switch (kind) {
            case BOOL -> {
                if (value.equalsIgnoreCase("yes")) {
                    yield "yes";
                } else if (value.equalsIgnoreCase("no")) {
                    yield "no";
                }
                throw new BadValue("argument must be 'yes' or 'no'");
            }
            case STRING, SPECIAL -> value;
            case ENUM -> choice(value);
            case FLAGS -> {
                StringBuilder b = new StringBuilder();
                for (String word : value.split(" ", -1)) {
                    b.append(b.length() == 0 ? "" : " ").append(choice(word));
                }
                yield b.toString();
            }
            case INTEGER -> Long.toString(bounded(integer(value, "argument couldn't be parsed into an integer")));
            case MEMORY -> Long.toString(bounded(memory(value, "argument must be a memory value")));
            case MEMORY_OR_PERCENT -> memoryOrPercent(value);
            case OCTAL -> Long.toOctalString(octal(value));
        };
    }

    private String choice(String value) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(value)) {
                return c;
            }
        }
        throw new BadValue("argument(s) must be one of the following: " + String.join(", ", choices));
    }

    /** string2ll: no sign but '-', no leading zeros, no blanks. */
    private static long integer(String value, String reason) {
        Long v = Numbers.parseLong(value.getBytes(StandardCharsets.US_ASCII));
        if (v == null) {
            throw new BadValue(reason);
        }
        return v;
    }

    private static long memory(String value, String reason) {
        if (value.isEmpty()
                || value.charAt(0) == '-'
                || Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1))) {
            throw new BadValue(reason);
        }
        try {
            return KvConfig.parseMemory(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadValue(reason);
        }
    }

    private String memoryOrPercent(String value) {
        if (value.length() > 1 && value.endsWith("%")) {
            long p;
            try {
                p = Long.parseLong(value.substring(0, value.length() - 1));
            } catch (NumberFormatException e) {
                throw new BadValue("argument must be a memory or percent value");
            }
            if (p >= 0) {
                if (-p < min) {
                    throw new BadValue("percentage argument must be less or equal to " + -min);
                }
                return p + "%";
            }
        }
        return Long.toString(bounded(memory(value, "argument must be a memory or percent value")));
    }

    private long octal(String value) {
        long v;
        try {
            v = Long.parseLong(value, 8);
        } catch (NumberFormatException e) {
            throw new BadValue("argument couldn't be parsed as an octal number");
        }
        if (v < min || v > max) {
            throw new BadValue("argument must be between " + Long.toOctalString(min) + " and " + Long.toOctalString(max)
                    + " inclusive");
        }
        return v;
    }

    private long bounded(long v) {
        if (v < min || v > max) {
            throw new BadValue("argument must be between " + min + " and " + max + " inclusive");
        }
        return v;
    }

    /** Whether {@code n} names this parameter (its name or alias, any case). */
    boolean named(String n) {
        return name.equalsIgnoreCase(n) || (alias != null && alias.equalsIgnoreCase(n));
    }

    /** The registered spelling of {@code n} (the name or the alias), as Redis reports it in errors. */
    String spelling(String n) {
        String lower = n.toLowerCase(Locale.ROOT);
        return alias != null && alias.equals(lower) ? alias : name;
    }
}
