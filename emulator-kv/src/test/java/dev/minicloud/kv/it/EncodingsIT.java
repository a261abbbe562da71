package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * OBJECT ENCODING follows the encoding limits as Redis 7.2 does: strings {@code int}/{@code embstr}/
 * {@code raw}, hashes {@code listpack -> hashtable}, lists {@code listpack <-> quicklist}, sets
 * {@code intset -> listpack -> hashtable}, sorted sets {@code listpack -> skiplist}. The rules are
 * t_string.c/t_hash.c/t_list.c/t_set.c/t_zset.c's (7.2); string cases were checked against
 * redis-server 7.0.15, which agrees there. A server per test, since CONFIG SET outlives FLUSHALL.
 */
class EncodingsIT {
    @RegisterExtension
    final MiniCloudExtension cloud = MiniCloudExtension.builder().services("kv").build();

    private Jedis jedis;

    @BeforeEach
    void connect() {
        InetSocketAddress kv = cloud.getMiniCloud().address("kv").orElseThrow();
        jedis = new Jedis(kv.getHostString(), kv.getPort());
    }

    @AfterEach
    void close() {
        jedis.close();
    }

    private String enc(String key) {
        return jedis.objectEncoding(key);
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Test
    void stringsAreIntEmbstrOrRawAndInPlaceChangesMakeThemRaw() {
        jedis.set("i", "123");
        assertEquals("int", enc("i"));
        jedis.set("neg", "-5");
        assertEquals("int", enc("neg"));
        jedis.set("zero-led", "05");
        assertEquals("embstr", enc("zero-led"), "not canonical: no integer");
        jedis.set("big", "12345678901234567890");
        assertEquals("embstr", enc("big"), "beyond 64 bits");
        jedis.set("e44", repeat('a', 44));
        assertEquals("embstr", enc("e44"));
        jedis.set("r45", repeat('a', 45));
        assertEquals("raw", enc("r45"));
        jedis.append("i", "4");
        assertEquals("raw", enc("i"), "APPEND changes the string in place");
        jedis.rename("i", "i2");
        assertEquals("raw", enc("i2"), "RENAME moves the object");
        jedis.copy("i2", "i3", false);
        assertEquals("raw", enc("i3"), "COPY duplicates it as it is");
        jedis.set("i2", "7");
        assertEquals("int", enc("i2"), "a new value is encoded afresh");
        jedis.append("fresh", "12");
        assertEquals("int", enc("fresh"), "APPEND to a missing key stores the argument");
        jedis.incrByFloat("f", 1);
        assertEquals("embstr", enc("f"), "INCRBYFLOAT's result is never int");
        jedis.incr("f");
        assertEquals("int", enc("f"));
        jedis.setrange("sr", 0, "ab");
        assertEquals("raw", enc("sr"));
        jedis.setbit("sb", 1, true);
        assertEquals("raw", enc("sb"));
        assertEquals(null, enc("missing"));
        assertEquals(2147483647L, jedis.objectRefcount("i2"), "small integers are shared");
        jedis.set("i2", "123456");
        assertEquals(1L, jedis.objectRefcount("i2"));
    }

    @Test
    void hashesBecomeHashtablesPastTheLimitsAndStaySo() {
        jedis.hset("h", "a", "1");
        assertEquals("listpack", enc("h"));
        jedis.configSet("hash-max-ziplist-entries", "2");
        jedis.hset("h", "b", "2");
        assertEquals("listpack", enc("h"));
        jedis.hset("h", "c", "3");
        assertEquals("hashtable", enc("h"));
        jedis.hdel("h", "a", "b");
        assertEquals("hashtable", enc("h"), "never back");
        jedis.copy("h", "h-copy", false);
        assertEquals("hashtable", enc("h-copy"));
        byte[] dump = jedis.dump("h");
        jedis.restore("h-restored", 0, dump);
        assertEquals("listpack", enc("h-restored"), "RESTORE encodes what it loads afresh");
        jedis.hset("dup", Map.of("x", "1"));
        assertEquals("listpack", enc("dup"));
        assertEquals(
                "hashtable",
                jedisCall("HSET", "dup2", "a", "1", "a", "2", "a", "3"),
                "more pairs than the limit presize a hashtable, even for one field (7.2)");
        jedis.configSet("hash-max-listpack-value", "16");
        jedis.hset("v", "f", repeat('x', 16));
        assertEquals("listpack", enc("v"));
        jedis.hset("v", "f", repeat('x', 17));
        assertEquals("hashtable", enc("v"));
        jedis.hincrByFloat("w", repeat('k', 17), 1);
        assertEquals("hashtable", enc("w"), "a long field converts too");
    }

    @Test
    void aSmallHashWithFieldTtlsIsAListpackexFromThenOn() {
        try (RawResp c = RawResp.toKv(cloud)) {
            c.call("HSET", "h", "a", "1", "b", "2");
            assertEquals("*[:1]", c.call("HEXPIRE", "h", "100", "FIELDS", "1", "a"));
            assertEquals("$listpackex", c.call("OBJECT", "ENCODING", "h"));
            c.call("HPERSIST", "h", "FIELDS", "1", "a");
            assertEquals("$listpackex", c.call("OBJECT", "ENCODING", "h"), "no way back to a plain listpack");
            c.call("CONFIG", "SET", "hash-max-listpack-entries", "2");
            c.call("HSET", "h", "c", "3");
            assertEquals("$hashtable", c.call("OBJECT", "ENCODING", "h"));
        }
    }

    /** Runs a command on the raw connection and answers the encoding of its key. */
    private String jedisCall(String... args) {
        try (RawResp c = RawResp.toKv(cloud)) {
            c.call(args);
            return c.call("OBJECT", "ENCODING", args[1]).substring(1);
        }
    }

    @Test
    void listsAreListpacksUntilTheNodeLimitAndComeBackBelowHalfOfIt() {
        for (int i = 0; i < 200; i++) {
            jedis.rpush("small", "x");
        }
        assertEquals("listpack", enc("small"), "-2 limits bytes (8 KB), not entries");
        jedis.configSet("list-max-ziplist-size", "4");
        jedis.rpush("l", "a", "b", "c", "d");
        assertEquals("listpack", enc("l"));
        jedis.rpush("l", "e");
        assertEquals("quicklist", enc("l"));
        jedis.rpop("l");
        assertEquals("quicklist", enc("l"), "4 entries: not yet half of the limit");
        jedis.rpop("l");
        assertEquals("quicklist", enc("l"));
        jedis.lpop("l");
        assertEquals("listpack", enc("l"), "2 entries: half the limit");
        jedis.rpush("at-once", "a", "b", "c", "d", "e");
        assertEquals("quicklist", enc("at-once"), "a push checks all its elements first");
        jedis.ltrim("at-once", 0, 1);
        assertEquals("listpack", enc("at-once"));

        jedis.configSet("list-max-listpack-size", "-1");
        String k1500 = repeat('v', 1500);
        jedis.rpush("bytes", k1500, k1500);
        assertEquals("listpack", enc("bytes"));
        jedis.rpush("bytes", k1500);
        assertEquals("quicklist", enc("bytes"), "-1: past 4 KB");
        jedis.rpop("bytes");
        assertEquals("quicklist", enc("bytes"), "3 KB left: above half of 4 KB");
        jedis.rpop("bytes");
        assertEquals("listpack", enc("bytes"));
        jedis.linsert("bytes", redis.clients.jedis.args.ListPosition.AFTER, k1500, repeat('w', 5000));
        assertEquals("quicklist", enc("bytes"), "LINSERT checks the element it inserts");
        jedis.lset("bytes", 1, "small");
        assertEquals("listpack", enc("bytes"), "LSET can shrink it back");

        jedis.configSet("list-max-listpack-size", "2");
        jedis.rpush("src", "1", "2", "3");
        jedis.sort("src", "sorted-small");
        assertEquals("quicklist", enc("sorted-small"), "SORT STORE picks what fits its result");
        jedis.configSet("list-max-listpack-size", "-2");
        jedis.sort("src", "sorted");
        assertEquals("listpack", enc("sorted"));
    }

    @Test
    void setsGoFromIntsetToListpackToHashtable() {
        jedis.sadd("s", "3", "1", "2");
        assertEquals("intset", enc("s"));
        jedis.sadd("s", "a");
        assertEquals("listpack", enc("s"));
        try (RawResp c = RawResp.toKv(cloud)) {
            assertEquals("*[$1, $2, $3, $a]", c.call("SMEMBERS", "s"), "the listpack keeps the intset's order");
        }
        jedis.sadd("long", repeat('m', 65));
        assertEquals("hashtable", enc("long"), "a member over set-max-listpack-value");

        jedis.configSet("set-max-intset-entries", "4");
        jedis.sadd("ints", "1", "2", "3", "4");
        assertEquals("intset", enc("ints"));
        jedis.sadd("ints", "5");
        assertEquals("hashtable", enc("ints"), "an intset past its limit becomes a hashtable");
        jedis.srem("ints", "1", "2", "3", "4");
        assertEquals("hashtable", enc("ints"), "never back");
        jedis.sadd("many-ints", "1", "2", "3", "4", "5");
        assertEquals("listpack", enc("many-ints"), "SADD sizes a new set for its members: too many for an intset");

        jedis.configSet("set-max-listpack-entries", "3");
        jedis.sadd("words", "a", "b", "c");
        assertEquals("listpack", enc("words"));
        jedis.sadd("words", "d");
        assertEquals("hashtable", enc("words"));
        jedis.sadd("words4", "a", "b", "c", "d");
        assertEquals("hashtable", enc("words4"));

        jedis.configSet("set-max-listpack-entries", "128");
        jedis.configSet("set-max-listpack-value", "3");
        jedis.sadd("strict", "1");
        jedis.sadd("strict", "abc");
        assertEquals("hashtable", enc("strict"), "an intset turns listpack only strictly under the value limit");
        jedis.sadd("lp", "ab");
        jedis.sadd("lp", "abc");
        assertEquals("listpack", enc("lp"), "a listpack takes members up to the limit");

        jedis.sadd("x", "1", "2");
        jedis.sadd("y", "2", "q");
        jedis.sunionstore("u", "x", "y");
        assertEquals("listpack", enc("u"));
        jedis.sinterstore("i", "x", "y");
        assertEquals("intset", enc("i"));
        jedis.smove("y", "moved", "q");
        assertEquals("listpack", enc("moved"));
    }

    @Test
    void sortedSetsBecomeSkiplistsAndStoreCommandsPackSmallResults() {
        jedis.zadd("z", 1, "a");
        assertEquals("listpack", enc("z"));
        jedis.configSet("zset-max-ziplist-entries", "2");
        jedis.zadd("z", 2, "b");
        assertEquals("listpack", enc("z"));
        jedis.zadd("z", 3, "c");
        assertEquals("skiplist", enc("z"));
        jedis.zrem("z", "a", "b");
        assertEquals("skiplist", enc("z"), "never back by itself");
        jedis.zunionstore("z2", "z");
        assertEquals("listpack", enc("z2"), "a stored result that fits is a listpack");
        jedis.zadd("z3", Map.of("a", 1.0, "b", 2.0, "c", 3.0));
        assertEquals("skiplist", enc("z3"), "ZADD presizes for its members");
        jedis.zrangestore("z4", "z3", new redis.clients.jedis.params.ZRangeParams(0, 0));
        assertEquals("listpack", enc("z4"));
        jedis.zadd("long", 1, repeat('m', 65));
        assertEquals("skiplist", enc("long"));
        jedis.configSet("zset-max-listpack-value", "100");
        jedis.zadd("long2", 1, repeat('m', 65));
        assertEquals("listpack", enc("long2"));
    }

    @Test
    void streamsStartNodesByStreamNodeLimits() {
        jedis.configSet("stream-node-max-entries", "2");
        for (int i = 1; i <= 5; i++) {
            jedis.xadd("st", new redis.clients.jedis.StreamEntryID(i, 0), Map.of("f", "v"));
        }
        assertEquals("stream", enc("st"));
        try (RawResp c = RawResp.toKv(cloud)) {
            String info = c.call("XINFO", "STREAM", "st");
            assertEquals(true, info.contains("$radix-tree-keys, :3"), "5 entries in nodes of 2: " + info);
        }
    }
}
