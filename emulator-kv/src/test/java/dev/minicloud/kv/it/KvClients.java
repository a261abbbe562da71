package dev.minicloud.kv.it;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ProtocolVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.Tuple;

/** The client x protocol matrix of the wire tests: Jedis 8 and Lettuce 7, each over RESP2 and RESP3. */
enum KvClients {
    JEDIS_RESP2,
    JEDIS_RESP3,
    LETTUCE_RESP2,
    LETTUCE_RESP3,
    /** Jedis 8's {@code RedisClient} with nothing configured: whatever handshake it sends by default. */
    JEDIS_DEFAULT,
    /** Lettuce 7 with default options: HELLO 3, CLIENT SETINFO, CLIENT MAINT_NOTIFICATIONS. */
    LETTUCE_DEFAULT;

    KvClient open(InetSocketAddress address) {
        return switch (this) {
            case JEDIS_RESP2 -> new Jedis(address, RedisProtocol.RESP2);
            case JEDIS_RESP3 -> new Jedis(address, RedisProtocol.RESP3);
            case JEDIS_DEFAULT -> new Jedis(address, null);
            case LETTUCE_RESP2 -> new Lettuce(address, ProtocolVersion.RESP2);
            case LETTUCE_RESP3 -> new Lettuce(address, ProtocolVersion.RESP3);
            case LETTUCE_DEFAULT -> new Lettuce(address, null);
        };
    }

    static final class Jedis implements KvClient {
        private final redis.clients.jedis.RedisClient client;

        Jedis(InetSocketAddress a, RedisProtocol protocol) {
            var b = redis.clients.jedis.RedisClient.builder().hostAndPort(a.getHostString(), a.getPort());
            if (protocol != null) {
                b.clientConfig(
                        DefaultJedisClientConfig.builder().protocol(protocol).build());
            }
            client = b.build();
        }

        @Override
        public String set(String key, String value) {
            return client.set(key, value);
        }

        @Override
        public String setEx(String key, String value, long seconds) {
            return client.setex(key, seconds, value);
        }

        @Override
        public String get(String key) {
            return client.get(key);
        }

        @Override
        public long del(String... keys) {
            return client.del(keys);
        }

        @Override
        public long incr(String key) {
            return client.incr(key);
        }

        @Override
        public double incrByFloat(String key, double by) {
            return client.incrByFloat(key, by);
        }

        @Override
        public boolean expire(String key, long seconds) {
            return client.expire(key, seconds) == 1;
        }

        @Override
        public long ttl(String key) {
            return client.ttl(key);
        }

        @Override
        public long hset(String key, Map<String, String> fields) {
            return client.hset(key, fields);
        }

        @Override
        public Map<String, String> hgetAll(String key) {
            return client.hgetAll(key);
        }

        @Override
        public long lpush(String key, String... values) {
            return client.lpush(key, values);
        }

        @Override
        public List<String> lrange(String key, long start, long stop) {
            return client.lrange(key, start, stop);
        }

        @Override
        public List<String> blpop(double timeoutSeconds, String... keys) {
            redis.clients.jedis.util.KeyValue<String, String> kv = client.blpop(timeoutSeconds, keys);
            return kv == null ? null : List.of(kv.getKey(), kv.getValue());
        }

        @Override
        public long sadd(String key, String... members) {
            return client.sadd(key, members);
        }

        @Override
        public Set<String> smembers(String key) {
            return client.smembers(key);
        }

        @Override
        public long zadd(String key, double score, String member) {
            return client.zadd(key, score, member);
        }

        @Override
        public Double zscore(String key, String member) {
            return client.zscore(key, member);
        }

        @Override
        public Map<String, Double> zrangeWithScores(String key, long start, long stop) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (Tuple t : client.zrangeWithScores(key, start, stop)) {
                out.put(t.getElement(), t.getScore());
            }
            return out;
        }

        @Override
        public long pfadd(String key, String... elements) {
            return client.pfadd(key, elements);
        }

        @Override
        public long pfcount(String key) {
            return client.pfcount(key);
        }

        @Override
        public List<Object> watchedSet(String key, String value, Runnable between) {
            try (AbstractTransaction t = client.transaction(false)) {
                t.watch(key);
                t.multi();
                t.set(key, value);
                between.run();
                return t.exec();
            }
        }

        @Override
        public String error(String... command) {
            byte[][] args = new byte[command.length - 1][];
            for (int i = 1; i < command.length; i++) {
                args[i - 1] = command[i].getBytes(StandardCharsets.UTF_8);
            }
            try {
                client.sendCommand(() -> command[0].getBytes(StandardCharsets.UTF_8), args);
                return null;
            } catch (JedisDataException e) {
                return e.getMessage();
            }
        }

        @Override
        public String info(String section) {
            return client.info(section);
        }

        @Override
        public String clientList() {
            Object o = client.sendCommand(
                    () -> "CLIENT".getBytes(StandardCharsets.US_ASCII), "LIST".getBytes(StandardCharsets.US_ASCII));
            return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    static final class Lettuce implements KvClient {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;
        private final RedisCommands<String, String> sync;

        Lettuce(InetSocketAddress a, ProtocolVersion protocol) {
            client = RedisClient.create(RedisURI.builder()
                    .withHost(a.getHostString())
                    .withPort(a.getPort())
                    .withTimeout(Duration.ofSeconds(10))
                    .build());
            if (protocol != null) {
                client.setOptions(
                        ClientOptions.builder().protocolVersion(protocol).build());
            }
            connection = client.connect();
            sync = connection.sync();
        }

        @Override
        public String set(String key, String value) {
            return sync.set(key, value);
        }

        @Override
        public String setEx(String key, String value, long seconds) {
            return sync.setex(key, seconds, value);
        }

        @Override
        public String get(String key) {
            return sync.get(key);
        }

        @Override
        public long del(String... keys) {
            return sync.del(keys);
        }

        @Override
        public long incr(String key) {
            return sync.incr(key);
        }

        @Override
        public double incrByFloat(String key, double by) {
            return sync.incrbyfloat(key, by);
        }

        @Override
        public boolean expire(String key, long seconds) {
            return sync.expire(key, seconds);
        }

        @Override
        public long ttl(String key) {
            return sync.ttl(key);
        }

        @Override
        public long hset(String key, Map<String, String> fields) {
            return sync.hset(key, fields);
        }

        @Override
        public Map<String, String> hgetAll(String key) {
            return sync.hgetall(key);
        }

        @Override
        public long lpush(String key, String... values) {
            return sync.lpush(key, values);
        }

        @Override
        public List<String> lrange(String key, long start, long stop) {
            return sync.lrange(key, start, stop);
        }

        @Override
        public List<String> blpop(double timeoutSeconds, String... keys) {
            io.lettuce.core.KeyValue<String, String> kv = sync.blpop(timeoutSeconds, keys);
            return kv == null ? null : List.of(kv.getKey(), kv.getValue());
        }

        @Override
        public long sadd(String key, String... members) {
            return sync.sadd(key, members);
        }

        @Override
        public Set<String> smembers(String key) {
            return sync.smembers(key);
        }

        @Override
        public long zadd(String key, double score, String member) {
            return sync.zadd(key, score, member);
        }

        @Override
        public Double zscore(String key, String member) {
            return sync.zscore(key, member);
        }

        @Override
        public Map<String, Double> zrangeWithScores(String key, long start, long stop) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (ScoredValue<String> v : sync.zrangeWithScores(key, start, stop)) {
                out.put(v.getValue(), v.getScore());
            }
            return out;
        }

        @Override
        public long pfadd(String key, String... elements) {
            return sync.pfadd(key, elements);
        }

        @Override
        public long pfcount(String key) {
            return sync.pfcount(key);
        }

        @Override
        public List<Object> watchedSet(String key, String value, Runnable between) {
            sync.watch(key);
            sync.multi();
            sync.set(key, value);
            between.run();
            TransactionResult r = sync.exec();
            return r.wasDiscarded() ? null : Arrays.asList(r.stream().toArray());
        }

        @Override
        public String error(String... command) {
            CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
            for (int i = 1; i < command.length; i++) {
                args.add(command[i]);
            }
            ProtocolKeyword type = new ProtocolKeyword() {
                @Override
                public byte[] getBytes() {
                    return command[0].getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public String toString() {
                    return command[0];
                }

                @Override
                public String name() {
                    return command[0];
                }
            };
            try {
                sync.dispatch(type, new NestedMultiOutput<>(StringCodec.UTF8), args);
                return null;
            } catch (RedisCommandExecutionException e) {
                return e.getMessage();
            }
        }

        @Override
        public String info(String section) {
            return sync.info(section);
        }

        @Override
        public String clientList() {
            return sync.clientList();
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
