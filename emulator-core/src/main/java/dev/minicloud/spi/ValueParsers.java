package dev.minicloud.spi;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parsers settings share, so one kind of value means the same thing in every service. Sizes
 * come in two named dialects because the products we emulate disagree: {@link #redisSize()} reads
 * Redis' {@code k=1000, kb=1024}, {@link #jvmSize()} reads the JVM's {@code -Xmx} style where
 * {@code 512m} is 512 MiB. Every parser but {@link #text()} ignores surrounding blanks.
 */
public final class ValueParsers {
    private static final Pattern DIGITS_AND_UNIT = Pattern.compile("([0-9]+)([a-zA-Z]*)");
    private static final Map<String, Long> REDIS_UNITS = Map.of(
            "",
            1L,
            "b",
            1L,
            "k",
            1000L,
            "kb",
            1024L,
            "m",
            1000L * 1000,
            "mb",
            1024L * 1024,
            "g",
            1000L * 1000 * 1000,
            "gb",
            1024L * 1024 * 1024);
    private static final Map<String, Long> JVM_UNITS =
            Map.of("", 1L, "k", 1024L, "m", 1024L * 1024, "g", 1024L * 1024 * 1024, "t", 1024L * 1024 * 1024 * 1024);
    private static final Map<String, ChronoUnit> DURATION_UNITS = Map.of(
            "ms",
            ChronoUnit.MILLIS,
            "s",
            ChronoUnit.SECONDS,
            "m",
            ChronoUnit.MINUTES,
            "h",
            ChronoUnit.HOURS,
            "d",
            ChronoUnit.DAYS);

    private ValueParsers() {}

    /** A parser from a function and the description of what it accepts. */
    private record Simple<T>(String expected, boolean trim, Function<String, T> read, Function<T, String> write)
            implements ValueParser<T> {
        @Override
        public T parse(String text) {
            return read.apply(trim ? text.trim() : text);
        }

        @Override
        public String format(T value) {
            return write.apply(value);
        }
    }

    /** Any text, taken as given (passwords keep their blanks). */
    public static ValueParser<String> text() {
        return new Simple<>("any text", false, Function.identity(), Function.identity());
    }

    /** {@code true} or {@code false}, in any case. */
    public static ValueParser<Boolean> bool() {
        return new Simple<>(
                "true or false",
                true,
                s -> {
                    if (s.equalsIgnoreCase("true")) {
                        return true;
                    }
                    if (s.equalsIgnoreCase("false")) {
                        return false;
                    }
                    throw new IllegalArgumentException();
                },
                String::valueOf);
    }

    /** A decimal integer between {@code min} and {@code max}, both included. */
    public static ValueParser<Integer> integer(int min, int max) {
        return new Simple<>(
                "an integer " + min + "-" + max,
                true,
                s -> {
                    int n = Integer.parseInt(s);
                    if (n < min || n > max) {
                        throw new IllegalArgumentException();
                    }
                    return n;
                },
                String::valueOf);
    }

    /** Any decimal {@code long}, e.g. a random seed. */
    public static ValueParser<Long> longInteger() {
        return new Simple<>("an integer", true, Long::parseLong, String::valueOf);
    }

    /** A TCP/UDP port; 0 binds any free port. */
    public static ValueParser<Integer> port() {
        return new Simple<>(
                "a port 0-65535 (0 = any free port)",
                true,
                s -> {
                    int n = Integer.parseInt(s);
                    if (n < 0 || n > 65535) {
                        throw new IllegalArgumentException();
                    }
                    return n;
                },
                String::valueOf);
    }

    /**
     * A byte count with Redis' units ({@code memtoull}): digits, then optionally {@code b},
     * {@code k}=1000, {@code kb}=1024, {@code m}=10^6, {@code mb}=2^20, {@code g}=10^9,
     * {@code gb}=2^30, in any case. No sign, no fraction.
     */
    public static ValueParser<Long> redisSize() {
        return new Simple<>(
                "a size such as 100, 64mb or 1gb (Redis units: k=1000, kb=1024, m, mb, g, gb)",
                true,
                s -> size(s, REDIS_UNITS),
                String::valueOf);
    }

    /**
     * A byte count in the JVM's {@code -Xmx} style: digits, then optionally {@code k}, {@code m},
     * {@code g} or {@code t}, in any case, each 1024 times the one before ({@code 512m} is 512 MiB).
     */
    public static ValueParser<Long> jvmSize() {
        return new Simple<>(
                "a size such as 1048576, 512m or 2g (JVM units, 1024-based: k, m, g, t)",
                true,
                s -> size(s, JVM_UNITS),
                String::valueOf);
    }

    private static long size(String s, Map<String, Long> units) {
        Matcher m = DIGITS_AND_UNIT.matcher(s);
        Long unit = m.matches() ? units.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            // A NumberFormatException (an IllegalArgumentException), so callers that speak Redis' "not an integer" can
            // tell.
            throw new NumberFormatException("not a size: " + s);
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException e) {
            throw new NumberFormatException("too large: " + s);
        }
    }

    /**
     * A non-negative duration: digits with {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}
     * (any case), or plain digits counted in {@code plainUnit}.
     */
    public static ValueParser<Duration> duration(ChronoUnit plainUnit) {
        String plain = plainUnit.toString().toLowerCase(Locale.ROOT);
        return new Simple<>(
                "a duration such as 500ms, 2s, 1m or 1h (a plain number is " + plain + ")",
                true,
                s -> {
                    Matcher m = DIGITS_AND_UNIT.matcher(s);
                    if (!m.matches()) {
                        throw new IllegalArgumentException();
                    }
                    String suffix = m.group(2).toLowerCase(Locale.ROOT);
                    ChronoUnit unit = suffix.isEmpty() ? plainUnit : DURATION_UNITS.get(suffix);
                    if (unit == null) {
                        throw new IllegalArgumentException();
                    }
                    return Duration.of(Long.parseLong(m.group(1)), unit);
                },
                d -> formatDuration(d, plainUnit));
    }

    /** In the setting's plain unit when exact (a {@code -ms} setting's default reads {@code 2000}), else in ms. */
    private static String formatDuration(Duration d, ChronoUnit plainUnit) {
        long unitNanos = plainUnit.getDuration().toNanos();
        return d.toNanos() % unitNanos == 0 ? Long.toString(d.toNanos() / unitNanos) : d.toMillis() + "ms";
    }

    /**
     * One of an enum's constants by its lower-case, dashed name ({@code ALLKEYS_LRU} is
     * {@code allkeys-lru}), in any case; the error lists the allowed values.
     */
    public static <E extends Enum<E>> ValueParser<E> enumOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        String allowed = Arrays.stream(constants).map(ValueParsers::enumName).collect(Collectors.joining(", "));
        return new Simple<>(
                "one of " + allowed,
                true,
                s -> {
                    for (E e : constants) {
                        if (enumName(e).equalsIgnoreCase(s)) {
                            return e;
                        }
                    }
                    throw new IllegalArgumentException();
                },
                ValueParsers::enumName);
    }

    private static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code host}, {@code host:port}, {@code [v6-literal]:port}; the host must resolve. */
    public static ValueParser<InetSocketAddress> hostPort(int defaultPort) {
        return new Simple<>(
                "host[:port] (port " + defaultPort + " if left out)",
                true,
                s -> hostAndPort(s, defaultPort),
                ValueParsers::formatAddress);
    }

    /** A comma-separated list of {@link #hostPort(int)}, at least one. */
    public static ValueParser<List<InetSocketAddress>> hostPortList(int defaultPort) {
        return new Simple<>(
                "a comma-separated list of host[:port] (port " + defaultPort + " if left out)",
                true,
                s -> {
                    List<InetSocketAddress> out = new ArrayList<>();
                    for (String part : s.split(",", -1)) {
                        out.add(hostAndPort(part.trim(), defaultPort));
                    }
                    return List.copyOf(out);
                },
                l -> l.stream().map(ValueParsers::formatAddress).collect(Collectors.joining(",")));
    }

    private static InetSocketAddress hostAndPort(String s, int defaultPort) {
        String host = s;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || (close + 1 < s.length() && s.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException();
            }
            host = s.substring(1, close);
            port = close + 1 < s.length() ? s.substring(close + 2) : null;
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        InetSocketAddress a = new InetSocketAddress(host, port == null ? defaultPort : port().parse(port));
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("unknown host " + host);
        }
        return a;
    }

    private static String formatAddress(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /** {@code name=value,name=value} with each value read by {@code values}, in the order given. */
    public static <V> ValueParser<Map<String, V>> assignments(ValueParser<V> values) {
        return new Simple<>(
                "name=value pairs separated by commas, each value " + values.expected(),
                true,
                s -> {
                    Map<String, V> out = new LinkedHashMap<>();
                    for (String part : s.split(",", -1)) {
                        int eq = part.indexOf('=');
                        if (eq <= 0 || part.substring(0, eq).isBlank()) {
                            throw new IllegalArgumentException("'" + part.trim() + "' is not name=value");
                        }
                        out.put(part.substring(0, eq).trim(), values.parse(part.substring(eq + 1)));
                    }
                    return Collections.unmodifiableMap(out);
                },
                m -> m.entrySet().stream()
                        .map(e -> e.getKey() + "=" + values.format(e.getValue()))
                        .collect(Collectors.joining(",")));
    }
}
