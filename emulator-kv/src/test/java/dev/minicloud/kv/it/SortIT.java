package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SortingParams;

/** SORT and SORT_RO as sort.c behaves, through a raw connection and Jedis' sort API. */
class SortIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();

    @RegisterExtension
    final FreshKv kv = new FreshKv(CLOUD);

    @BeforeEach
    void data() {
        kv.call("RPUSH", "l", "3", "1", "2");
        kv.call("MSET", "weight_1", "30", "weight_2", "10", "weight_3", "20", "data_1", "one", "data_3", "three");
        kv.call("HSET", "obj_2", "name", "two");
    }

    @Test
    void numericAlphaAndDescending() {
        assertEquals("*[$1, $2, $3]", kv.call("SORT", "l"));
        assertEquals("*[$3, $2, $1]", kv.call("SORT", "l", "DESC"));
        kv.call("SADD", "s", "b", "a", "c");
        assertEquals("*[$a, $b, $c]", kv.call("SORT", "s", "ALPHA"));
        assertEquals("*[$c, $b, $a]", kv.call("SORT_RO", "s", "ALPHA", "DESC"));
        assertEquals("-ERR One or more scores can't be converted into double", kv.call("SORT", "s"));
        kv.call("RPUSH", "ties", "1.0", "1", "0.5");
        assertEquals("*[$0.5, $1, $1.0]", kv.call("SORT", "ties"), "equal scores compare the elements");
        kv.call("ZADD", "z", "1", "x", "2", "y", "3", "z");
        assertEquals("*[$x, $y, $z]", kv.call("SORT", "z", "ALPHA"));
    }

    @Test
    void byAndGetPatternsWithHashFields() {
        assertEquals("*[$2, $3, $1]", kv.call("SORT", "l", "BY", "weight_*"));
        assertEquals(
                "*[$2, $-1, $3, $three, $1, $one]",
                kv.call("SORT", "l", "BY", "weight_*", "GET", "#", "GET", "data_*"));
        assertEquals("*[$-1, $two, $-1]", kv.call("SORT", "l", "GET", "obj_*->name"));
        assertEquals("*[$3, $1, $2]", kv.call("SORT", "l", "BY", "nosort"), "a list keeps its order");
        assertEquals("*[$2, $1, $3]", kv.call("SORT", "l", "BY", "nosort", "DESC"), "reversed");
        kv.call("ZADD", "z", "1", "x", "2", "y", "3", "z");
        assertEquals("*[$y, $x]", kv.call("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "2"));
    }

    @Test
    void limitAndStore() {
        assertEquals("*[$2]", kv.call("SORT", "l", "LIMIT", "1", "1"));
        assertEquals("*[$2, $3]", kv.call("SORT", "l", "LIMIT", "1", "-1"));
        assertEquals("*[]", kv.call("SORT", "l", "LIMIT", "5", "1"));
        assertEquals(":6", kv.call("SORT", "l", "GET", "#", "GET", "data_*", "STORE", "out"));
        assertEquals(
                "*[$1, $one, $2, $, $3, $three]",
                kv.call("LRANGE", "out", "0", "-1"),
                "a missing GET stores an empty string");
        assertEquals(":0", kv.call("SORT", "missing", "STORE", "out"));
        assertEquals(":0", kv.call("EXISTS", "out"), "an empty result deletes the destination");
        assertEquals("-ERR syntax error", kv.call("SORT_RO", "l", "STORE", "out"));
        assertEquals("-ERR syntax error", kv.call("SORT", "l", "LIMIT", "1"));
        assertEquals("-ERR value is not an integer or out of range", kv.call("SORT", "l", "LIMIT", "a", "1"));
        kv.call("SET", "str", "x");
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value", kv.call("SORT", "str"));
        assertEquals("*[]", kv.call("SORT", "missing"));
    }

    @Test
    void jedisSortApi() {
        InetSocketAddress a = kv.address();
        try (RedisClient jedis = RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .build()) {
            assertEquals(List.of("1", "2", "3"), jedis.sort("l"));
            assertEquals(List.of("2", "3", "1"), jedis.sort("l", new SortingParams().by("weight_*")));
            assertEquals(3L, jedis.sort("l", new SortingParams().desc(), "sorted"));
            assertEquals(List.of("3", "2", "1"), jedis.lrange("sorted", 0, -1));
            assertEquals(List.of("1", "2"), jedis.sortReadonly("l", new SortingParams().limit(0, 2)));
        }
    }
}
