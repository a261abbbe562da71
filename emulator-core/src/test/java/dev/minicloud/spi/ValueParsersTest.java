package dev.minicloud.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared setting parsers, each with the rules of the product it speaks for. */
class ValueParsersTest {

    private static <T> void rejects(ValueParser<T> parser, String... texts) {
        for (String t : texts) {
            assertThrows(IllegalArgumentException.class, () -> parser.parse(t), "'" + t + "' must be refused");
        }
    }

    @Test
    void redisSizesFollowMemtoull() {
        ValueParser<Long> p = ValueParsers.redisSize();
        assertEquals(100L, p.parse("100"));
        assertEquals(100L, p.parse("100b"));
        assertEquals(1000L, p.parse("1k"));
        assertEquals(1024L, p.parse("1kb"));
        assertEquals(1024L, p.parse("1KB"));
        assertEquals(5_000_000L, p.parse("5M"));
        assertEquals(10L << 20, p.parse("10mb"));
        assertEquals(1_000_000_000L, p.parse("1g"));
        assertEquals(1L << 30, p.parse("1Gb"));
        assertEquals(64L << 20, p.parse(" 64mb "), "blanks around a flag value are ignored");
        rejects(p, "-1", "1.5mb", "1kib", "mb", "", "1 mb", "1t", "99999999999gb");
    }

    @Test
    void jvmSizesAre1024BasedLikeXmx() {
        ValueParser<Long> p = ValueParsers.jvmSize();
        assertEquals(512L << 20, p.parse("512m"));
        assertEquals(2L << 30, p.parse("2G"));
        assertEquals(1024L, p.parse("1k"));
        assertEquals(1L << 40, p.parse("1t"));
        assertEquals(4096L, p.parse("4096"));
        rejects(p, "512mb", "1.5g", "-1", "g", "1kb");
    }

    @Test
    void durationsTakeAUnitOrCountThePlainUnit() {
        ValueParser<Duration> ms = ValueParsers.duration(ChronoUnit.MILLIS);
        assertEquals(Duration.ofMillis(500), ms.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), ms.parse("2S"));
        assertEquals(Duration.ofMinutes(1), ms.parse("1m"));
        assertEquals(Duration.ofHours(1), ms.parse("1h"));
        assertEquals(Duration.ofDays(1), ms.parse("1d"));
        assertEquals(Duration.ofMillis(250), ms.parse("250"));
        assertEquals(
                Duration.ofSeconds(60),
                ValueParsers.duration(ChronoUnit.SECONDS).parse("60"));
        rejects(ms, "-1s", "1y", "1.5s", "s", "");
        assertEquals("2000", ms.format(Duration.ofMillis(2000)), "defaults print in the setting's plain unit");
        assertEquals("90", ValueParsers.duration(ChronoUnit.SECONDS).format(Duration.ofSeconds(90)));
        assertEquals("1500ms", ValueParsers.duration(ChronoUnit.SECONDS).format(Duration.ofMillis(1500)));
        assertEquals("0", ms.format(Duration.ZERO));
    }

    enum Policy {
        NOEVICTION,
        ALLKEYS_LRU
    }

    @Test
    void enumsAreReadInAnyCaseByTheirDashedNameAndTheErrorListsTheAllowedValues() {
        assertEquals(AuthMode.STRICT, ValueParsers.enumOf(AuthMode.class).parse("STRICT"));
        assertEquals(AuthMode.LENIENT, ValueParsers.enumOf(AuthMode.class).parse(" Lenient"));
        assertEquals(Policy.ALLKEYS_LRU, ValueParsers.enumOf(Policy.class).parse("allkeys-LRU"));
        assertEquals("allkeys-lru", ValueParsers.enumOf(Policy.class).format(Policy.ALLKEYS_LRU));
        OptionSpec<AuthMode> auth =
                OptionSpec.of("s3-auth", ValueParsers.enumOf(AuthMode.class), AuthMode.LENIENT, "auth");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> auth.parse("strcit"));
        assertEquals("Bad value 'strcit' for setting 's3-auth': expected one of lenient, strict", e.getMessage());
        assertEquals(AuthMode.LENIENT, auth.parse(" "), "a blank value means the default");
        assertEquals("lenient", auth.defaultText());
    }

    @Test
    void portsAreZeroTo65535() {
        ValueParser<Integer> p = ValueParsers.port();
        assertEquals(0, p.parse("0"));
        assertEquals(65535, p.parse("65535"));
        rejects(p, "65536", "-1", "http", "");
    }

    @Test
    void hostPortsDefaultThePortAndAcceptBracketedIpv6() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertEquals(
                new InetSocketAddress(loopback, 53), ValueParsers.hostPort(53).parse("127.0.0.1"));
        assertEquals(
                new InetSocketAddress(loopback, 5353), ValueParsers.hostPort(53).parse("127.0.0.1:5353"));
        assertEquals(
                new InetSocketAddress(InetAddress.getByName("::1"), 54),
                ValueParsers.hostPort(53).parse("[::1]:54"));
        assertEquals(
                List.of(new InetSocketAddress(loopback, 1), new InetSocketAddress(loopback, 53)),
                ValueParsers.hostPortList(53).parse("127.0.0.1:1, 127.0.0.1"));
        rejects(ValueParsers.hostPort(53), "127.0.0.1:99999", ":53", "[::1", "127.0.0.1:x");
        rejects(ValueParsers.hostPortList(53), "127.0.0.1,", "");
    }

    @Test
    void assignmentsKeepTheirOrderAndCheckEachValue() {
        ValueParser<Map<String, Integer>> p = ValueParsers.assignments(ValueParsers.port());
        assertEquals(
                List.of("vpc-b", "vpc-a"),
                List.copyOf(p.parse("vpc-b=10055, vpc-a=10054").keySet()));
        assertEquals(10054, p.parse("vpc-b=10055,vpc-a=10054").get("vpc-a"));
        rejects(p, "vpc-a", "vpc-a=70000", "=1");
        OptionSpec<Map<String, Integer>> ports = OptionSpec.of("dns-vpc-ports", p, Map.of(), "ports");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ports.parse("vpc-a"));
        assertEquals(
                "Bad value 'vpc-a' for setting 'dns-vpc-ports': expected name=value pairs separated by commas, "
                        + "each value a port 0-65535 (0 = any free port) ('vpc-a' is not name=value)",
                e.getMessage());
    }

    @Test
    void booleansAndIntegers() {
        assertEquals(true, ValueParsers.bool().parse("True"));
        rejects(ValueParsers.bool(), "yes", "1");
        assertEquals(3, ValueParsers.integer(1, 3).parse("3"));
        rejects(ValueParsers.integer(1, 3), "0", "4", "x");
        assertEquals(-5L, ValueParsers.longInteger().parse("-5"));
        assertEquals(" pass word ", ValueParsers.text().parse(" pass word "), "text is taken as given");
    }
}
