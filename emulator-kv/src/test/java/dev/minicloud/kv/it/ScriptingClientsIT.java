package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RLock;
import org.redisson.api.RMap;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RSemaphore;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import redis.clients.jedis.exceptions.JedisDataException;

/** Scripting through the clients Java users run: Jedis 8, Lettuce 7, Spring Data Redis 4, Redisson. */
class ScriptingClientsIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();
    /** Reset before each test: the keyspace, the script cache and the function libraries start empty. */
    @RegisterExtension
    final ResetKv kv = new ResetKv(CLOUD);

    @Test
    void jedisEvalAndEvalshaWithNoscriptFallback() {
        InetSocketAddress a = kv.address();
        try (redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .build()) {
            assertEquals(List.of("k", "v"), jedis.eval("return {KEYS[1], ARGV[1]}", List.of("k"), List.of("v")));
            assertEquals(5L, jedis.eval("return redis.call('incrby', KEYS[1], ARGV[1])", List.of("n"), List.of("5")));
            String sha = jedis.scriptLoad("return redis.call('get', KEYS[1])");
            assertEquals("5", jedis.evalsha(sha, List.of("n"), List.of()));
            assertEquals(List.of(true), jedis.scriptExists(List.of(sha)));
            jedis.scriptFlush();
            JedisDataException e =
                    assertThrows(JedisDataException.class, () -> jedis.evalsha(sha, List.of("n"), List.of()));
            assertEquals("NOSCRIPT No matching script. Please use EVAL.", e.getMessage());
            JedisDataException err =
                    assertThrows(JedisDataException.class, () -> jedis.eval("return redis.call('nosuch')"));
            assertTrue(
                    err.getMessage().startsWith("ERR Unknown Redis command called from script script: "),
                    err.getMessage());
        }
    }

    @Test
    void lettuceEvalWithEachScriptOutputType() {
        RedisClient client = RedisClient.create(
                RedisURI.create(kv.address().getHostString(), kv.address().getPort()));
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            assertEquals(Boolean.TRUE, redis.eval("return 1", ScriptOutputType.BOOLEAN));
            assertEquals(Boolean.FALSE, redis.eval("return false", ScriptOutputType.BOOLEAN));
            assertEquals(42L, (Long) redis.eval("return 42", ScriptOutputType.INTEGER));
            assertEquals(List.of("a", 1L), redis.eval("return {'a', 1}", ScriptOutputType.MULTI));
            assertEquals(
                    "OK",
                    redis.eval(
                            "return redis.call('set', KEYS[1], ARGV[1])",
                            ScriptOutputType.STATUS,
                            new String[] {"k"},
                            "v"));
            assertEquals("v", redis.eval("return redis.call('get', KEYS[1])", ScriptOutputType.VALUE, "k"));
            assertNull(redis.eval("return redis.call('get', 'missing')", ScriptOutputType.VALUE));
            String sha = redis.scriptLoad("return ARGV[1]");
            assertEquals("x", redis.evalsha(sha, ScriptOutputType.VALUE, new String[0], "x"));
            assertEquals(List.of(true, false), redis.scriptExists(sha, "0000000000000000000000000000000000000000"));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void springRedisScriptThroughStringRedisTemplate() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                kv.address().getHostString(), kv.address().getPort()));
        factory.afterPropertiesSet();
        try {
            StringRedisTemplate template = new StringRedisTemplate(factory);
            RedisScript<Long> incr = RedisScript.of("return redis.call('incrby', KEYS[1], ARGV[1])", Long.class);
            // the first run gets NOSCRIPT for EVALSHA and falls back to EVAL, the second hits the cache
            assertEquals(3L, template.execute(incr, List.of("counter"), "3"));
            assertEquals(7L, template.execute(incr, List.of("counter"), "4"));
            RedisScript<Boolean> exists = RedisScript.of("return redis.call('exists', KEYS[1]) == 1", Boolean.class);
            assertEquals(Boolean.TRUE, template.execute(exists, List.of("counter")));
            assertEquals("7", template.opsForValue().get("counter"));
        } finally {
            factory.destroy();
        }
    }

    @Test
    void redissonObjectsAtTheirDefaults() throws InterruptedException {
        Config config = new Config();
        config.useSingleServer()
                .setAddress("redis://" + kv.address().getHostString() + ":"
                        + kv.address().getPort());
        RedissonClient redisson = Redisson.create(config);
        try {
            RLock lock = redisson.getLock("lock");
            lock.lock();
            assertTrue(lock.isLocked());
            assertTrue(lock.isHeldByCurrentThread());
            lock.unlock();
            assertFalse(lock.isLocked());
            assertTrue(lock.tryLock(1, 30, TimeUnit.SECONDS));
            assertTrue(lock.remainTimeToLive() > 0);
            lock.unlock();

            RMap<String, String> map = redisson.getMap("map");
            assertNull(map.put("a", "1"));
            assertEquals("1", map.put("a", "2"));
            assertEquals("2", map.putIfAbsent("a", "3"));
            assertEquals("2", map.get("a"));
            assertTrue(map.fastRemove("a") == 1);

            RAtomicLong counter = redisson.getAtomicLong("counter");
            assertEquals(1, counter.incrementAndGet());
            assertTrue(counter.compareAndSet(1, 10));
            assertEquals(15, counter.addAndGet(5));

            RRateLimiter limiter = redisson.getRateLimiter("limiter");
            assertTrue(limiter.trySetRate(RateType.OVERALL, 2, Duration.ofHours(1)));
            assertTrue(limiter.tryAcquire());
            assertTrue(limiter.tryAcquire());
            assertFalse(limiter.tryAcquire());

            RSemaphore semaphore = redisson.getSemaphore("semaphore");
            assertTrue(semaphore.trySetPermits(2));
            assertTrue(semaphore.tryAcquire());
            assertTrue(semaphore.tryAcquire());
            assertFalse(semaphore.tryAcquire());
            semaphore.release();
            assertEquals(1, semaphore.availablePermits());

            RBucket<String> bucket = redisson.getBucket("bucket");
            bucket.set("v");
            assertEquals("v", bucket.get());
            assertTrue(bucket.compareAndSet("v", "w"));
            assertEquals("w", bucket.getAndDelete());
        } finally {
            redisson.shutdown();
        }
    }
}
