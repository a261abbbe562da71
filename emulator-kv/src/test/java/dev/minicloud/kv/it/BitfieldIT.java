package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.RedisClient;

/** BITFIELD and BITFIELD_RO: redis.io's examples and Redis' own unit/bitfield.tcl cases. */
class BitfieldIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();

    @RegisterExtension
    final FreshKv kv = new FreshKv(CLOUD);

    @Test
    void documentedExamples() {
        assertEquals("*[:1, :0]", kv.call("BITFIELD", "mykey", "INCRBY", "i5", "100", "1", "GET", "u4", "0"));
        kv.call("DEL", "mykey");
        String[] op = {"BITFIELD", "mykey", "INCRBY", "u2", "100", "1", "OVERFLOW", "SAT", "INCRBY", "u2", "102", "1"};
        assertEquals("*[:1, :1]", kv.call(op));
        assertEquals("*[:2, :2]", kv.call(op));
        assertEquals("*[:3, :3]", kv.call(op));
        assertEquals("*[:0, :3]", kv.call(op));
        assertEquals("*[:0]", kv.call("BITFIELD", "bits", "SET", "i8", "0", "65"));
        assertEquals("$A", kv.call("GET", "bits"), "big-endian bit order, as SETBIT");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SET i8 0 -100 GET i8 0|*[:0, :-100]",
                "SET u8 0 255 GET u8 0|*[:0, :255]",
                "SET u8 0 255 INCRBY u8 0 1|*[:0, :0]",
                "SET u8 0 255 OVERFLOW SAT INCRBY u8 0 1|*[:0, :255]",
                "SET u8 0 255 OVERFLOW FAIL INCRBY u8 0 1 GET u8 0|*[:0, $-1, :255]",
                "SET i8 0 127 INCRBY i8 0 1|*[:0, :-128]",
                "SET i8 0 127 OVERFLOW SAT INCRBY i8 0 1|*[:0, :127]",
                "SET i8 0 -128 OVERFLOW SAT INCRBY i8 0 -1|*[:0, :-128]",
                "SET u8 0 -1 GET u8 0|*[:0, :255]",
                "OVERFLOW SAT SET u8 0 300 GET u8 0|*[:0, :255]",
                "OVERFLOW FAIL SET i4 0 8 GET i4 0|*[$-1, :0]",
                "SET u8 #1 5 GET u8 8 GET u16 0|*[:0, :5, :5]",
                "SET i64 0 -1 GET i64 0 GET u63 1|*[:0, :-1, :9223372036854775807]",
                "SET i64 0 9223372036854775807 INCRBY i64 0 1|*[:0, :-9223372036854775808]",
                "GET u8 1000|*[:0]",
                "GET u64 0|-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.",
                "GET i0 0|-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.",
                "GET i8 -1|-ERR bit offset is not an integer or out of range",
                "GET i8 4294967296|-ERR bit offset is not an integer or out of range",
                "SET i8 0 x|-ERR value is not an integer or out of range",
                "OVERFLOW NOPE GET i8 0|-ERR Invalid OVERFLOW type specified",
                "GET i8|-ERR syntax error",
                "FROB i8 0|-ERR syntax error",
            })
    void operations(String ops, String reply) {
        String[] args = ("BITFIELD k " + ops).split(" ");
        assertEquals(reply, kv.call(args));
    }

    @Test
    void readOnlyVariantAndKeyLifecycle() {
        assertEquals("*[]", kv.call("BITFIELD", "nothing"));
        assertEquals(":0", kv.call("EXISTS", "nothing"), "no write, no key");
        assertEquals("*[:0]", kv.call("BITFIELD", "nothing", "GET", "u8", "0"));
        assertEquals(":0", kv.call("EXISTS", "nothing"));
        assertEquals(
                "-ERR BITFIELD_RO only supports the GET subcommand",
                kv.call("BITFIELD_RO", "k", "SET", "u8", "0", "1"));
        assertEquals(":0", kv.call("EXISTS", "k"), "a refused command changed nothing");
        kv.call("BITFIELD", "k", "SET", "u8", "16", "7");
        assertEquals("*[:7]", kv.call("BITFIELD_RO", "k", "GET", "u8", "16"));
        assertEquals(":3", kv.call("STRLEN", "k"), "the string grew to hold the field");
        kv.call("LPUSH", "list", "x");
        assertEquals(
                "-WRONGTYPE Operation against a key holding the wrong kind of value",
                kv.call("BITFIELD", "list", "GET", "u8", "0"));
    }

    @Test
    void jedisBitfield() {
        InetSocketAddress a = kv.address();
        try (RedisClient jedis = RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .build()) {
            List<Long> r = jedis.bitfield("jb", "SET", "u4", "0", "9", "INCRBY", "u4", "0", "10");
            assertEquals(Arrays.asList(0L, 3L), r, "9 + 10 wraps at 16");
            assertEquals(List.of(3L), jedis.bitfieldReadonly("jb", "GET", "u4", "0"));
        }
    }
}
