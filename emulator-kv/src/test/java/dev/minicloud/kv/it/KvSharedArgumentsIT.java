package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pins, on the wire, the replies and errors of the commands whose argument handling is shared code
 * (multi-key pops, rank and byte ranges, member removal, SCAN options), so that each family keeps
 * Redis' exact reply types and error strings whichever command reaches the shared code.
 */
class KvSharedArgumentsIT {
    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String SYNTAX = "-ERR syntax error";

    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();

    @Test
    void multiKeyPopsParseNumkeysThenEndThenCount() {
        try (RawResp c = RawResp.toKv(CLOUD)) {
            for (String cmd : new String[] {"LMPOP", "ZMPOP"}) {
                assertEquals("-ERR numkeys should be greater than 0", c.call(cmd, "0", "mp:a", "LEFT"), cmd);
                assertEquals("-ERR numkeys should be greater than 0", c.call(cmd, "x", "mp:a", "LEFT"), cmd);
                assertEquals(SYNTAX, c.call(cmd, "2", "mp:a", "mp:b"), cmd);
                assertEquals(SYNTAX, c.call(cmd, "1", "mp:a", "MIDDLE", "COUNT", "0"), cmd);
                assertEquals(SYNTAX, c.call(cmd, "1", "mp:a", cmd.equals("LMPOP") ? "LEFT" : "MIN", "COUNT"), cmd);
                assertEquals(
                        SYNTAX,
                        c.call(cmd, "1", "mp:a", cmd.equals("LMPOP") ? "RIGHT" : "MAX", "COUNT", "1", "COUNT", "1"),
                        cmd);
                assertEquals(
                        "-ERR count should be greater than 0",
                        c.call(cmd, "1", "mp:a", cmd.equals("LMPOP") ? "LEFT" : "MIN", "COUNT", "0"),
                        cmd);
                assertEquals(
                        "-ERR count should be greater than 0",
                        c.call(cmd, "1", "mp:a", cmd.equals("LMPOP") ? "LEFT" : "MIN", "COUNT", "z"),
                        cmd);
            }
            assertEquals(SYNTAX, c.call("LMPOP", "1", "mp:a", "MIN"));
            assertEquals(SYNTAX, c.call("ZMPOP", "1", "mp:a", "LEFT"));
            assertEquals("-ERR timeout is not a float or out of range", c.call("BLMPOP", "x", "1", "mp:a", "LEFT"));
            assertEquals("-ERR timeout is negative", c.call("BZMPOP", "-1", "1", "mp:a", "MIN"));
        }
    }

    @Test
    void multiKeyPopsTakeFromTheFirstNonEmptyKeyAndDeleteItWhenEmptied() {
        try (RawResp c = RawResp.toKv(CLOUD)) {
            assertEquals("*-1", c.call("LMPOP", "2", "mq:none", "mq:l", "LEFT"));
            assertEquals(":3", c.call("RPUSH", "mq:l", "a", "b", "c"));
            assertEquals("*[$mq:l, *[$c, $b]]", c.call("LMPOP", "2", "mq:none", "mq:l", "RIGHT", "COUNT", "2"));
            assertEquals("*[$mq:l, *[$a]]", c.call("LMPOP", "1", "mq:l", "LEFT", "COUNT", "5"));
            assertEquals(":0", c.call("EXISTS", "mq:l"));
            assertEquals(":3", c.call("ZADD", "mq:z", "1", "a", "2", "b", "3", "c"));
            assertEquals(
                    "*[$mq:z, *[*[$c, $3], *[$b, $2]]]", c.call("ZMPOP", "2", "mq:none", "mq:z", "MAX", "COUNT", "2"));
            assertEquals("*[$mq:z, *[*[$a, $1]]]", c.call("BZMPOP", "0", "1", "mq:z", "MIN", "COUNT", "9"));
            assertEquals(":0", c.call("EXISTS", "mq:z"));
            assertEquals("+OK", c.call("SET", "mq:s", "x"));
            assertEquals(":1", c.call("RPUSH", "mq:l2", "v"));
            assertEquals(WRONGTYPE, c.call("LMPOP", "2", "mq:s", "mq:l2", "LEFT"));
            assertEquals(WRONGTYPE, c.call("BLPOP", "mq:s", "mq:l2", "0"));
            assertEquals(WRONGTYPE, c.call("ZMPOP", "1", "mq:l2", "MIN"));
            assertEquals("*[$mq:l2, $v]", c.call("BLPOP", "mq:none", "mq:l2", "0"));
            assertEquals(":2", c.call("RPUSH", "mq:l3", "p", "q"));
            assertEquals("*[$mq:l3, $q]", c.call("BRPOP", "mq:l3", "0"));
            assertEquals("*[$mq:l3, *[$p]]", c.call("BLMPOP", "0", "1", "mq:l3", "LEFT"));
            assertEquals(":2", c.call("ZADD", "mq:bz", "1", "a", "2", "b"));
            assertEquals("*[$mq:bz, $b, $2]", c.call("BZPOPMAX", "mq:none", "mq:bz", "0"));
            assertEquals("*[$mq:bz, $a, $1]", c.call("BZPOPMIN", "mq:bz", "0"));
            // inside MULTI the blocking forms answer at once, as when the timeout passes
            assertEquals("+OK", c.call("MULTI"));
            assertEquals("+QUEUED", c.call("BLPOP", "mq:none", "0"));
            assertEquals("+QUEUED", c.call("BZPOPMIN", "mq:none", "0"));
            assertEquals("+QUEUED", c.call("BLMPOP", "0", "1", "mq:none", "LEFT"));
            assertEquals("+QUEUED", c.call("BZMPOP", "0", "1", "mq:none", "MIN"));
            assertEquals("*[*-1, *-1, *-1, *-1]", c.call("EXEC"));
        }
    }

    @Test
    void intersectionCardinalitiesParseNumkeysThenLimit() {
        try (RawResp c = RawResp.toKv(CLOUD)) {
            assertEquals(":3", c.call("SADD", "ic:s1", "a", "b", "c"));
            assertEquals(":3", c.call("SADD", "ic:s2", "b", "c", "d"));
            assertEquals(":3", c.call("ZADD", "ic:z1", "1", "a", "2", "b", "3", "c"));
            for (String[] cmd : new String[][] {{"SINTERCARD", "ic:s1"}, {"ZINTERCARD", "ic:z1"}}) {
                assertEquals("-ERR numkeys should be greater than 0", c.call(cmd[0], "0", "ic:s2"), cmd[0]);
                assertEquals("-ERR numkeys should be greater than 0", c.call(cmd[0], "x", "ic:s2"), cmd[0]);
                assertEquals(
                        "-ERR Number of keys can't be greater than number of args",
                        c.call(cmd[0], "3", cmd[1], "ic:s2"),
                        cmd[0]);
                assertEquals("-ERR LIMIT can't be negative", c.call(cmd[0], "1", cmd[1], "LIMIT", "-1"), cmd[0]);
                assertEquals("-ERR LIMIT can't be negative", c.call(cmd[0], "1", cmd[1], "LIMIT", "x"), cmd[0]);
                assertEquals(SYNTAX, c.call(cmd[0], "1", cmd[1], "LIMIT"), cmd[0]);
                assertEquals(SYNTAX, c.call(cmd[0], "1", cmd[1], "BOGUS"), cmd[0]);
                assertEquals(":2", c.call(cmd[0], "2", cmd[1], "ic:s2"), cmd[0]);
                assertEquals(":1", c.call(cmd[0], "2", cmd[1], "ic:s2", "LIMIT", "1"), cmd[0]);
                assertEquals(":2", c.call(cmd[0], "2", cmd[1], "ic:s2", "LIMIT", "0"), cmd[0]);
                assertEquals(":0", c.call(cmd[0], "2", cmd[1], "ic:none"), cmd[0]);
            }
        }
    }

    @Test
    void rankRangesCountFromEitherEndAndClamp() {
        try (RawResp c = RawResp.toKv(CLOUD)) {
            assertReplies(c, new String[][] {
                {"*[]", "LRANGE", "rr:none", "0", "-1"},
                {":5", "RPUSH", "rr:l", "a", "b", "c", "d", "e"},
                {"*[$a, $b, $c, $d, $e]", "LRANGE", "rr:l", "-100", "100"},
                {"*[]", "LRANGE", "rr:l", "2", "1"},
                {"*[]", "LRANGE", "rr:l", "5", "10"},
                {"*[$d, $e]", "LRANGE", "rr:l", "-2", "-1"},
                {"*[]", "LRANGE", "rr:l", "0", "-6"},
                {"+OK", "LTRIM", "rr:l", "1", "-2"},
                {"*[$b, $c, $d]", "LRANGE", "rr:l", "0", "-1"},
                {"+OK", "LTRIM", "rr:l", "-100", "100"},
                {"*[$b, $c, $d]", "LRANGE", "rr:l", "0", "-1"},
                {"+OK", "LTRIM", "rr:l", "5", "6"},
                {":0", "EXISTS", "rr:l"},
                {":4", "ZADD", "rr:z", "1", "a", "2", "b", "3", "c", "4", "d"},
                {"*[$c, $d]", "ZRANGE", "rr:z", "-2", "100"},
                {"*[$d]", "ZREVRANGE", "rr:z", "0", "0"},
                {"*[$d]", "ZREVRANGE", "rr:z", "-100", "-4"},
                {"*[$c, $b]", "ZRANGE", "rr:z", "1", "-2", "REV"},
                {"*[]", "ZRANGE", "rr:z", "-3", "-100", "REV"},
                {"*[]", "ZRANGE", "rr:z", "4", "5"},
                {"*[]", "ZREVRANGE", "rr:z", "3", "1"},
                {":2", "ZREMRANGEBYRANK", "rr:z", "-2", "9"},
                {"*[$a, $b]", "ZRANGE", "rr:z", "0", "-1"},
            });
        }
    }

    @Test
    void byteRangesKeepGetrangesNegativeEndQuirk() {
        try (RawResp c = RawResp.toKv(CLOUD)) {
            assertReplies(c, new String[][] {
                {"+OK", "SET", "br:s", "Hello World"},
                {"$H", "GETRANGE", "br:s", "0", "-100"},
                {"$rld", "GETRANGE", "br:s", "-3", "-1"},
                {"$", "GETRANGE", "br:s", "5", "3"},
                {"$", "GETRANGE", "br:s", "-1", "-5"},
                {"$Hello World", "GETRANGE", "br:s", "-100", "100"},
                {"$", "GETRANGE", "br:s", "20", "30"},
                {"$", "GETRANGE", "br:none", "0", "-1"},
                // 'H' = 0x48 (2 bits set), 'd' = 0x64 (3 bits set)
                {":2", "BITCOUNT", "br:s", "0", "-100"},
                {":0", "BITCOUNT", "br:s", "1", "0"},
                {":3", "BITCOUNT", "br:s", "-1", "-1"},
                {":0", "BITCOUNT", "br:s", "0", "0", "BIT"},
                {":1", "BITCOUNT", "br:s", "1", "1", "BIT"},
                {":0", "BITCOUNT", "br:s", "20", "30"},
                {":1", "BITPOS", "br:s", "1", "0", "-100"},
                {":-1", "BITPOS", "br:s", "1", "20", "30"},
                {":81", "BITPOS", "br:s", "1", "-1"},
                {":-1", "BITPOS", "br:s", "1", "5", "-100", "BIT"},
                {":9", "BITPOS", "br:s", "1", "5", "-1", "BIT"},
            });
        }
    }

    @Test
    void removingTheLastMemberDeletesTheKey() {
        try (RawResp c = RawResp.toKv(CLOUD)) {
            String[][] families = {
                {"SADD", "SREM", "rm:s", "a", "b"},
                {"ZADD", "ZREM", "rm:z", "1", "a", "2", "b"},
                {"HSET", "HDEL", "rm:h", "a", "1", "b", "2"},
            };
            for (String[] f : families) {
                String[] add = new String[f.length - 1];
                add[0] = f[0];
                System.arraycopy(f, 2, add, 1, f.length - 2);
                assertEquals(":2", c.call(add), f[0]);
                assertEquals(":1", c.call(f[1], f[2], "a", "x"), f[1]);
                assertEquals(":1", c.call(f[1], f[2], "b", "b"), f[1]);
                assertEquals(":0", c.call("EXISTS", f[2]), f[1]);
                assertEquals(":0", c.call(f[1], f[2], "b"), f[1]);
            }
            assertEquals("+OK", c.call("SET", "rm:str", "x"));
            assertEquals(WRONGTYPE, c.call("SREM", "rm:str", "a"));
            assertEquals(WRONGTYPE, c.call("ZREM", "rm:str", "a"));
            assertEquals(WRONGTYPE, c.call("HDEL", "rm:str", "a"));
        }
    }

    @Test
    void scanOptionsAreParsedAlikeForKeysAndCollections() {
        try (RawResp c = RawResp.toKv(CLOUD)) {
            assertEquals(":1", c.call("SADD", "sc:s", "a"));
            assertEquals(":1", c.call("HSET", "sc:h", "f", "v"));
            assertEquals("-ERR invalid cursor", c.call("SCAN", "x"));
            assertEquals("-ERR invalid cursor", c.call("SSCAN", "sc:s", "-1"));
            for (String[] prefix : new String[][] {{"SCAN", "0"}, {"SSCAN", "sc:s", "0"}, {"HSCAN", "sc:h", "0"}}) {
                assertEquals(SYNTAX, c.call(with(prefix, "COUNT", "0")), prefix[0]);
                assertEquals(
                        "-ERR value is not an integer or out of range", c.call(with(prefix, "COUNT", "x")), prefix[0]);
                assertEquals(SYNTAX, c.call(with(prefix, "MATCH")), prefix[0]);
                assertEquals(SYNTAX, c.call(with(prefix, "BOGUS", "1")), prefix[0]);
            }
            assertEquals(SYNTAX, c.call("SSCAN", "sc:s", "0", "NOVALUES"));
            assertEquals(SYNTAX, c.call("SSCAN", "sc:s", "0", "TYPE", "set"));
            assertEquals(SYNTAX, c.call("SCAN", "0", "NOVALUES"));
            assertEquals("*[$0, *[$f]]", c.call("HSCAN", "sc:h", "0", "NOVALUES"));
            assertEquals("*[$0, *[$f, $v]]", c.call("HSCAN", "sc:h", "0", "MATCH", "f*", "COUNT", "5"));
            assertEquals("*[$0, *[]]", c.call("HSCAN", "sc:h", "0", "MATCH", "g*"));
            assertEquals("*[$0, *[$a]]", c.call("SSCAN", "sc:s", "0"));
            assertEquals("*[$0, *[]]", c.call("SSCAN", "sc:none", "0"));
            String keys = c.call("SCAN", "0", "MATCH", "sc:*", "TYPE", "HASH", "COUNT", "100000");
            assertTrue(keys.contains("$sc:h"), keys);
            assertFalse(keys.contains("$sc:s"), keys);
        }
    }

    @Test
    void twoKeywordChoicesAcceptEitherAndRejectAnythingElse() {
        try (RawResp c = RawResp.toKv(CLOUD)) {
            assertReplies(c, new String[][] {
                {":3", "RPUSH", "kw:l", "a", "b", "c"},
                {":4", "LINSERT", "kw:l", "before", "b", "x"},
                {":5", "LINSERT", "kw:l", "AFTER", "b", "y"},
                {SYNTAX, "LINSERT", "kw:l", "BESIDE", "b", "z"},
                {"*[$a, $x, $b, $y, $c]", "LRANGE", "kw:l", "0", "-1"},
                {"$a", "LMOVE", "kw:l", "kw:l2", "left", "RIGHT"},
                {SYNTAX, "LMOVE", "kw:l", "kw:l2", "UP", "RIGHT"},
                {SYNTAX, "LMOVE", "kw:l", "kw:l2", "LEFT", "DOWN"},
                {"+OK", "SET", "kw:s", "Hello"},
                {":2", "BITCOUNT", "kw:s", "0", "0", "byte"},
                {":1", "BITCOUNT", "kw:s", "0", "1", "BIT"},
                {SYNTAX, "BITCOUNT", "kw:s", "0", "0", "WORD"},
                {":1", "BITPOS", "kw:s", "1", "0", "0", "BYTE"},
                {":4", "BITPOS", "kw:s", "1", "2", "7", "BIT"},
                {SYNTAX, "BITPOS", "kw:s", "1", "0", "0", "NIBBLE"},
            });
        }
    }

    @Test
    void randomPicksParseCountAndRepeatOnlyForNegativeCounts() {
        try (RawResp c = RawResp.toKv(CLOUD)) {
            assertReplies(c, new String[][] {
                {":1", "HSET", "rp:h", "f", "v"},
                {":1", "ZADD", "rp:z", "1.5", "m"},
                {":1", "SADD", "rp:s", "a"},
                {"$-1", "HRANDFIELD", "rp:none"},
                {"*[]", "ZRANDMEMBER", "rp:none", "3"},
                {"*[]", "SRANDMEMBER", "rp:none", "-3"},
                {"$f", "HRANDFIELD", "rp:h"},
                {"*[$m]", "ZRANDMEMBER", "rp:z", "5"},
                {"*[$a, $a, $a]", "SRANDMEMBER", "rp:s", "-3"},
                {"*[]", "HRANDFIELD", "rp:h", "0"},
                {"*[$f, $v]", "HRANDFIELD", "rp:h", "2", "WITHVALUES"},
                {"*[$m, $1.5, $m, $1.5]", "ZRANDMEMBER", "rp:z", "-2", "withscores"},
                {SYNTAX, "HRANDFIELD", "rp:h", "1", "WITHSCORES"},
                {SYNTAX, "ZRANDMEMBER", "rp:z", "1", "WITHSCORES", "x"},
                {SYNTAX, "SRANDMEMBER", "rp:s", "x", "y"},
                {"-ERR value is not an integer or out of range", "HRANDFIELD", "rp:h", "x", "y", "z"},
                {"-ERR value is not an integer or out of range", "ZRANDMEMBER", "rp:z", "1.5"},
                {
                    "-ERR value is out of range, value must between -4611686018427387903 and 4611686018427387903",
                    "HRANDFIELD",
                    "rp:h",
                    "-9223372036854775807"
                },
                {
                    "-ERR value is out of range, value must between -4611686018427387903 and 4611686018427387903",
                    "ZRANDMEMBER",
                    "rp:z",
                    "4611686018427387904"
                },
                // SRANDMEMBER's range is the whole of +-(2^63-1) (t_set.c), the others' half of it
                {
                    "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                    "SRANDMEMBER",
                    "rp:s",
                    "-9223372036854775808"
                },
                {":3", "SADD", "rp:s3", "a", "b", "c"},
                {":3", "HSET", "rp:h3", "a", "1", "b", "2", "c", "3"},
                {":3", "ZADD", "rp:z3", "1", "a", "2", "b", "3", "c"},
            });
            for (String cmd : new String[] {"SRANDMEMBER rp:s3", "HRANDFIELD rp:h3", "ZRANDMEMBER rp:z3"}) {
                String[] words = cmd.split(" ");
                assertEquals(Set.of("a", "b", "c"), members(c.call(words[0], words[1], "10")), cmd);
                Set<String> two = members(c.call(words[0], words[1], "2"));
                assertEquals(2, two.size(), cmd + " 2: " + two);
                assertTrue(Set.of("a", "b", "c").containsAll(two), cmd + " 2: " + two);
                assertEquals(7, c.call(words[0], words[1], "-7").split(", ").length, cmd + " -7");
            }
            assertTrue(c.call("HELLO", "3").startsWith("%["));
            assertEquals("*[*[$f, $v]]", c.call("HRANDFIELD", "rp:h", "1", "WITHVALUES"));
            assertEquals("*[*[$m, ,1.5]]", c.call("ZRANDMEMBER", "rp:z", "1", "WITHSCORES"));
        }
    }

    @Test
    void channelAndPatternSubscriptionsCountTogetherAndUnsubscribeAlike() {
        try (RawResp sub = RawResp.toKv(CLOUD);
                RawResp other = RawResp.toKv(CLOUD)) {
            assertEquals("*[$subscribe, $ps:a, :1]", sub.call("SUBSCRIBE", "ps:a", "ps:b"));
            assertEquals("*[$subscribe, $ps:b, :2]", sub.read());
            assertEquals("*[$psubscribe, $ps:*, :3]", sub.call("PSUBSCRIBE", "ps:*"));
            assertEquals("*[$psubscribe, $ps:*, :3]", sub.call("PSUBSCRIBE", "ps:*"));
            assertReplies(other, new String[][] {
                {"*[$ps:a, :1, $ps:c, :0]", "PUBSUB", "NUMSUB", "ps:a", "ps:c"},
                {":1", "PUBSUB", "NUMPAT"},
                {"*[$ps:a, $ps:b]", "PUBSUB", "CHANNELS", "ps:*"},
            });
            assertEquals("*[$unsubscribe, $ps:b, :2]", sub.call("UNSUBSCRIBE", "ps:b", "ps:none"));
            assertEquals("*[$unsubscribe, $ps:none, :2]", sub.read());
            assertEquals("*[$punsubscribe, $ps:*, :1]", sub.call("PUNSUBSCRIBE"));
            assertEquals("*[$punsubscribe, $-1, :1]", sub.call("PUNSUBSCRIBE"));
            assertEquals(":0", other.call("PUBSUB", "NUMPAT"));
            assertEquals("*[$ps:a]", other.call("PUBSUB", "CHANNELS"));
            assertEquals("*[$unsubscribe, $ps:a, :0]", sub.call("UNSUBSCRIBE"));
            assertEquals("*[$unsubscribe, $-1, :0]", sub.call("UNSUBSCRIBE"));
            assertEquals("*[]", other.call("PUBSUB", "CHANNELS"));
            assertEquals("+PONG", sub.call("PING"));
        }
    }

    /** The distinct elements of a rendered flat array of bulk strings, e.g. {@code *[$a, $b]}. */
    private static Set<String> members(String reply) {
        assertTrue(reply.startsWith("*[") && reply.endsWith("]"), reply);
        Set<String> out = new HashSet<>();
        for (String e : reply.substring(2, reply.length() - 1).split(", ")) {
            out.add(e.substring(1));
        }
        return out;
    }

    /** Sends each row's command, {@code {expected reply, command, args...}}, and checks the reply. */
    private static void assertReplies(RawResp c, String[][] rows) {
        for (String[] row : rows) {
            String[] command = Arrays.copyOfRange(row, 1, row.length);
            assertEquals(row[0], c.call(command), String.join(" ", command));
        }
    }

    private static String[] with(String[] prefix, String... rest) {
        String[] all = new String[prefix.length + rest.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(rest, 0, all, prefix.length, rest.length);
        return all;
    }
}
