package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.models.stream.PendingMessages;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.PendingResult;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.Subscription;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamFullInfo;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamInfo;
import redis.clients.jedis.resps.StreamPendingEntry;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * Stream consumer groups through the clients' own stream APIs and reply parsers: Jedis 8
 * (RESP3 by default), Lettuce 7, Redisson {@code RStream} and Spring Data Redis'
 * {@code StreamMessageListenerContainer}.
 */
class StreamClientsIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();
    /** Reset before each test: the keyspace, the script cache and the function libraries start empty. */
    @RegisterExtension
    final ResetKv kv = new ResetKv(CLOUD);

    @Test
    void jedisConsumerGroupLifecycle() {
        InetSocketAddress a = kv.address();
        try (redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .build()) {
            StreamEntryID first =
                    jedis.xadd("orders", XAddParams.xAddParams().id(new StreamEntryID(1, 0)), Map.of("item", "apple"));
            assertEquals(new StreamEntryID(1, 0), first);
            jedis.xadd("orders", XAddParams.xAddParams().id(new StreamEntryID(2, 0)), Map.of("item", "pear"));
            jedis.xadd("orders", XAddParams.xAddParams().maxLen(3).exactTrimming(), Map.of("item", "plum"));
            assertEquals(3, jedis.xlen("orders"));
            assertEquals("OK", jedis.xgroupCreate("orders", "billing", new StreamEntryID(0, 0), false));
            List<Map.Entry<String, List<StreamEntry>>> read = jedis.xreadGroup(
                    "billing",
                    "alice",
                    XReadGroupParams.xReadGroupParams().count(2),
                    Map.of("orders", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
            assertEquals(1, read.size());
            assertEquals("orders", read.get(0).getKey());
            List<StreamEntry> entries = read.get(0).getValue();
            assertEquals(
                    List.of(new StreamEntryID(1, 0), new StreamEntryID(2, 0)),
                    entries.stream().map(StreamEntry::getID).toList());
            assertEquals(Map.of("item", "pear"), entries.get(1).getFields());

            StreamPendingSummary summary = jedis.xpending("orders", "billing");
            assertEquals(2, summary.getTotal());
            assertEquals(new StreamEntryID(1, 0), summary.getMinId());
            assertEquals(Map.of("alice", 2L), summary.getConsumerMessageCount());
            List<StreamPendingEntry> pending = jedis.xpending(
                    "orders",
                    "billing",
                    XPendingParams.xPendingParams().count(10).consumer("alice"));
            assertEquals(2, pending.size());
            assertEquals(1, pending.get(0).getDeliveredTimes());

            List<StreamEntry> claimed =
                    jedis.xclaim("orders", "billing", "bob", 0, XClaimParams.xClaimParams(), new StreamEntryID(1, 0));
            assertEquals(
                    List.of(new StreamEntryID(1, 0)),
                    claimed.stream().map(StreamEntry::getID).toList());
            Map.Entry<StreamEntryID, List<StreamEntry>> auto = jedis.xautoclaim(
                    "orders",
                    "billing",
                    "carol",
                    0,
                    new StreamEntryID(0, 0),
                    XAutoClaimParams.xAutoClaimParams().count(1));
            assertEquals(new StreamEntryID(2, 0), auto.getKey(), "the cursor is the next pending id");
            assertEquals(new StreamEntryID(1, 0), auto.getValue().get(0).getID());
            assertEquals(2, jedis.xack("orders", "billing", new StreamEntryID(1, 0), new StreamEntryID(2, 0)));

            StreamInfo info = jedis.xinfoStream("orders");
            assertEquals(3, info.getLength());
            assertEquals(1, info.getGroups());
            assertEquals(new StreamEntryID(1, 0), info.getFirstEntry().getID());
            List<StreamGroupInfo> groups = jedis.xinfoGroups("orders");
            assertEquals("billing", groups.get(0).getName());
            assertEquals(new StreamEntryID(2, 0), groups.get(0).getLastDeliveredId());
            assertEquals(0, groups.get(0).getPending());
            List<StreamConsumerInfo> consumers = jedis.xinfoConsumers2("orders", "billing");
            assertEquals(
                    List.of("alice", "bob", "carol"),
                    consumers.stream().map(StreamConsumerInfo::getName).toList());
            StreamFullInfo full = jedis.xinfoStreamFull("orders");
            assertEquals(3, full.getEntries().size());
            assertEquals(1, full.getGroups().size());
        }
    }

    @Test
    void lettuceReadsClaimsAndBlocks() throws Exception {
        RedisClient client = RedisClient.create(
                RedisURI.create(kv.address().getHostString(), kv.address().getPort()));
        try (StatefulRedisConnection<String, String> c = client.connect();
                StatefulRedisConnection<String, String> waiter = client.connect()) {
            RedisCommands<String, String> sync = c.sync();
            sync.xgroupCreate(XReadArgs.StreamOffset.from("events", "0-0"), "g", XGroupCreateArgs.Builder.mkstream());
            String id = sync.xadd("events", XAddArgs.Builder.maxlen(10), Map.of("type", "signup"));
            List<StreamMessage<String, String>> got = sync.xreadgroup(
                    Consumer.from("g", "w1"),
                    XReadArgs.Builder.count(5),
                    XReadArgs.StreamOffset.lastConsumed("events"));
            assertEquals(1, got.size());
            assertEquals(id, got.get(0).getId());
            assertEquals(Map.of("type", "signup"), got.get(0).getBody());
            PendingMessages summary = sync.xpending("events", "g");
            assertEquals(1, summary.getCount());
            assertEquals(Map.of("w1", 1L), summary.getConsumerMessageCount());
            List<PendingMessage> pending =
                    sync.xpending("events", Consumer.from("g", "w1"), Range.create("-", "+"), Limit.from(10));
            assertEquals(id, pending.get(0).getId());
            List<StreamMessage<String, String>> claimed =
                    sync.xclaim("events", Consumer.from("g", "w2"), XClaimArgs.Builder.minIdleTime(0), id);
            assertEquals(id, claimed.get(0).getId());
            ClaimedMessages<String, String> auto = sync.xautoclaim(
                    "events",
                    XAutoClaimArgs.Builder.xautoclaim(Consumer.from("g", "w3"), Duration.ZERO, "0-0")
                            .count(10));
            assertEquals("0-0", auto.getId());
            assertEquals(id, auto.getMessages().get(0).getId());
            assertEquals(1L, sync.xack("events", "g", id));
            assertTrue(sync.xinfoStream("events").contains("entries-added"));

            CompletableFuture<List<StreamMessage<String, String>>> blocked = waiter.async()
                    .xreadgroup(
                            Consumer.from("g", "w1"),
                            XReadArgs.Builder.block(Duration.ofSeconds(30)),
                            XReadArgs.StreamOffset.lastConsumed("events"))
                    .toCompletableFuture();
            awaitBlocked(sync);
            String next = sync.xadd("events", Map.of("type", "login"));
            List<StreamMessage<String, String>> woken = blocked.get(10, TimeUnit.SECONDS);
            assertEquals(next, woken.get(0).getId());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void awaitBlocked(RedisCommands<String, String> sync) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sync.info("clients").contains("blocked_clients:1")) {
            assertTrue(System.nanoTime() < end, "never blocked");
            Thread.onSpinWait();
        }
    }

    @Test
    void redissonRStreamGroups() {
        Config config = new Config();
        config.useSingleServer()
                .setAddress("redis://" + kv.address().getHostString() + ":"
                        + kv.address().getPort());
        RedissonClient redisson = Redisson.create(config);
        try {
            RStream<String, String> stream = redisson.getStream("tasks", StringCodec.INSTANCE);
            stream.createGroup(StreamCreateGroupArgs.name("workers").makeStream());
            StreamMessageId a = stream.add(StreamAddArgs.entry("task", "a"));
            StreamMessageId b = stream.add(StreamAddArgs.entry("task", "b"));
            assertEquals(2, stream.size());
            Map<StreamMessageId, Map<String, String>> read =
                    stream.readGroup("workers", "w1", StreamReadGroupArgs.neverDelivered());
            assertEquals(List.of(a, b), List.copyOf(read.keySet()));
            assertEquals(Map.of("task", "b"), read.get(b));
            PendingResult pending = stream.getPendingInfo("workers");
            assertEquals(2, pending.getTotal());
            assertEquals(a, pending.getLowestId());
            AutoClaimResult<String, String> auto =
                    stream.autoClaim("workers", "w2", 0, TimeUnit.MILLISECONDS, StreamMessageId.MIN, 1);
            assertEquals(b, auto.getNextId());
            assertEquals(Map.of("task", "a"), auto.getMessages().get(a));
            assertEquals(2, stream.ack("workers", a, b));
            assertEquals(0, stream.getPendingInfo("workers").getTotal());
            assertEquals("workers", stream.listGroups().get(0).getName());
            assertEquals(2, stream.getInfo().getLength());
        } finally {
            redisson.shutdown();
        }
    }

    @Test
    void springStreamMessageListenerContainerReceivesAndAcknowledges() throws Exception {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                kv.address().getHostString(), kv.address().getPort()));
        factory.afterPropertiesSet();
        StreamMessageListenerContainer<String, MapRecord<String, String, String>> container =
                StreamMessageListenerContainer.create(
                        factory,
                        StreamMessageListenerContainer.StreamMessageListenerContainerOptions.builder()
                                .pollTimeout(Duration.ofMillis(100))
                                .build());
        try {
            StringRedisTemplate template = new StringRedisTemplate(factory);
            template.opsForStream().createGroup("mail", ReadOffset.from("0"), "senders");
            BlockingQueue<MapRecord<String, String, String>> received = new LinkedBlockingQueue<>();
            Subscription sub = container.receiveAutoAck(
                    org.springframework.data.redis.connection.stream.Consumer.from("senders", "s1"),
                    StreamOffset.create("mail", ReadOffset.lastConsumed()),
                    received::add);
            container.start();
            assertTrue(sub.await(Duration.ofSeconds(10)));
            template.opsForStream().add("mail", Map.of("to", "a@example.com"));
            MapRecord<String, String, String> record = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(record, "the container never received the entry");
            assertEquals(Map.of("to", "a@example.com"), record.getValue());
            assertNull(received.poll(200, TimeUnit.MILLISECONDS), "delivered once");
            assertEquals(
                    0L,
                    template.opsForStream().pending("mail", "senders").getTotalPendingMessages(),
                    "auto-acknowledged");
        } finally {
            container.stop();
            factory.destroy();
        }
    }
}
