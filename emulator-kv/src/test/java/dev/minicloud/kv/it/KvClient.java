package dev.minicloud.kv.it;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The slice of a Redis client's typed API the wire tests use, implemented once with Jedis and once
 * with Lettuce, so each test body runs unchanged across the client x protocol matrix. Every method
 * goes through the real client library and its reply decoding, nothing is mocked.
 */
interface KvClient extends AutoCloseable {
    String set(String key, String value);

    String setEx(String key, String value, long seconds);

    String get(String key);

    long del(String... keys);

    long incr(String key);

    double incrByFloat(String key, double by);

    boolean expire(String key, long seconds);

    long ttl(String key);

    long hset(String key, Map<String, String> fields);

    Map<String, String> hgetAll(String key);

    long lpush(String key, String... values);

    List<String> lrange(String key, long start, long stop);

    /** BLPOP: {@code [key, value]} or null on timeout. */
    List<String> blpop(double timeoutSeconds, String... keys);

    long sadd(String key, String... members);

    Set<String> smembers(String key);

    long zadd(String key, double score, String member);

    Double zscore(String key, String member);

    /** ZRANGE WITHSCORES as member -> score, in order. */
    Map<String, Double> zrangeWithScores(String key, long start, long stop);

    long pfadd(String key, String... elements);

    long pfcount(String key);

    /** WATCH key, MULTI, SET key value, run {@code between} before EXEC; the EXEC replies or null if aborted. */
    List<Object> watchedSet(String key, String value, Runnable between);

    /** The server's error text for a raw command, or null if it succeeded. */
    String error(String... command);

    String info(String section);

    /** CLIENT LIST as text. */
    String clientList();

    @Override
    void close();
}
