package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.FastAutoClaimResult;
import org.redisson.api.stream.PendingEntry;
import org.redisson.api.stream.PendingResult;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamConsumer;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamGroup;
import org.redisson.api.stream.StreamInfo;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamPendingRangeArgs;
import org.redisson.api.stream.StreamRangeArgs;
import org.redisson.api.stream.StreamReadArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.api.stream.StreamTrimArgs;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * Redisson's {@code RStream} API end to end: adds (explicit ids, trimming, NOMKSTREAM), ranges and
 * reads, trims, XINFO through {@code getInfo}/{@code listGroups}/{@code listConsumers}, and a
 * consumer group's life (read, pending with idle filters, history reads, claim, autoclaim over a
 * deleted entry, ack, consumers, SETID, a blocking read), each result parsed by Redisson itself.
 * Idle times come from the instance's {@link MutableClock}.
 */
class RedissonStreamIT {
    static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-05-01T00:00:00Z"));

    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").clock(CLOCK).build();

    @RegisterExtension
    final ResetKv kv = new ResetKv(CLOUD);

    /** 0-0: Redisson sends {@link StreamMessageId#MIN} as "-", which XGROUP and XREADGROUP refuse (as redis-server does). */
    private static final StreamMessageId ZERO = new StreamMessageId(0, 0);

    private RedissonClient redisson;

    @BeforeEach
    void connect() {
        Config config = new Config();
        config.useSingleServer()
                .setAddress("redis://" + kv.address().getHostString() + ":"
                        + kv.address().getPort());
        redisson = Redisson.create(config);
    }

    @AfterEach
    void disconnect() {
        redisson.shutdown();
    }

    private static StreamMessageId id(long ms) {
        return new StreamMessageId(ms, 0);
    }

    private static <T> List<StreamMessageId> ids(Map<StreamMessageId, T> messages) {
        return List.copyOf(messages.keySet());
    }

    @Test
    void addReadRangeTrimAndInfo() {
        RStream<String, String> s = redisson.getStream("events", StringCodec.INSTANCE);
        for (long i = 1; i <= 5; i++) {
            s.add(id(i), StreamAddArgs.entries("n", String.valueOf(i), "kind", i % 2 == 0 ? "even" : "odd"));
        }
        assertEquals(5, s.size());
        assertEquals(Map.of("n", "3", "kind", "odd"), s.range(id(3), id(3)).get(id(3)));
        assertEquals(List.of(id(1), id(2)), ids(s.range(2, StreamMessageId.MIN, StreamMessageId.MAX)));
        assertEquals(List.of(id(5), id(4), id(3)), ids(s.rangeReversed(3, StreamMessageId.MAX, StreamMessageId.MIN)));
        assertEquals(
                List.of(id(3), id(4)),
                ids(s.range(StreamRangeArgs.startIdExclusive(id(2)).endIdExclusive(id(5)))));
        assertEquals(List.of(id(4), id(5)), ids(s.read(StreamReadArgs.greaterThan(id(3)))));
        assertEquals(
                List.of(id(2)), ids(s.read(StreamReadArgs.greaterThan(id(1)).count(1))));

        StreamMessageId auto =
                s.add(StreamAddArgs.entry("n", "6").trim().maxLen(4).noLimit());
        assertEquals(CLOCK.millis(), auto.getId0(), "an auto id takes the instance clock's milliseconds");
        assertEquals(4, s.size(), "XADD MAXLEN 4 trimmed the two oldest");
        assertEquals(1, s.remove(id(4), id(99)));
        assertEquals(
                0,
                s.trimNonStrict(StreamTrimArgs.maxLen(1).limit(10)),
                "~ trims whole nodes only: one node, nothing goes");
        assertEquals(1, s.trim(StreamTrimArgs.minId(id(5)).noLimit()));
        assertEquals(List.of(id(5), auto), ids(s.range(StreamMessageId.MIN, StreamMessageId.MAX)));

        StreamInfo<String, String> info = s.getInfo();
        assertEquals(2, info.getLength());
        assertEquals(6, info.getEntriesAdded());
        assertEquals(id(5), info.getFirstEntry().getId());
        assertEquals(Map.of("n", "5", "kind", "odd"), info.getFirstEntry().getData());
        assertEquals(auto, info.getLastGeneratedId());
        assertEquals(auto, info.getLastEntry().getId());
        assertEquals(id(4), info.getMaxDeletedEntryId());
        assertEquals(id(5), info.getRecordedFirstEntryId());
        assertEquals(0, info.getGroups());

        // NOMKSTREAM on an existing stream adds; (on an absent key the nil reply, as redis-server's, makes Redisson
        // throw)
        StreamMessageId more = s.add(StreamAddArgs.entry("n", "7").noMakeStream());
        assertEquals(3, s.size());
        assertEquals(more, s.getInfo().getLastEntry().getId());
    }

    @Test
    void consumerGroupReadPendingClaimAutoclaimAndAck() {
        RStream<String, String> s = redisson.getStream("jobs", StringCodec.INSTANCE);
        s.createGroup(StreamCreateGroupArgs.name("g").id(ZERO).makeStream());
        for (long i = 1; i <= 4; i++) {
            s.add(id(i), StreamAddArgs.entry("job", "j" + i));
        }
        assertEquals(
                List.of(id(1), id(2)),
                ids(s.readGroup(
                        "g", "alice", StreamReadGroupArgs.neverDelivered().count(2))));
        Map<StreamMessageId, Map<String, String>> bobs = s.readGroup("g", "bob", StreamReadGroupArgs.neverDelivered());
        assertEquals(List.of(id(3), id(4)), ids(bobs));
        assertEquals(Map.of("job", "j4"), bobs.get(id(4)));
        assertTrue(s.readGroup("g", "bob", StreamReadGroupArgs.neverDelivered()).isEmpty(), "nothing new");

        PendingResult summary = s.getPendingInfo("g");
        assertEquals(4, summary.getTotal());
        assertEquals(id(1), summary.getLowestId());
        assertEquals(id(4), summary.getHighestId());
        assertEquals(Map.of("alice", 2L, "bob", 2L), summary.getConsumerNames());

        CLOCK.advance(Duration.ofSeconds(10));
        List<PendingEntry> all = s.listPending("g", StreamMessageId.MIN, StreamMessageId.MAX, 100);
        assertEquals(
                List.of("1-0 alice 10000 1", "2-0 alice 10000 1", "3-0 bob 10000 1", "4-0 bob 10000 1"), describe(all));
        // alice reads her history: delivered again, so counted and idle from now
        assertEquals(List.of(id(1), id(2)), ids(s.readGroup("g", "alice", StreamReadGroupArgs.greaterThan(ZERO))));
        CLOCK.advance(Duration.ofSeconds(2));
        assertEquals(
                List.of("1-0 alice 2000 2", "2-0 alice 2000 2"),
                describe(s.listPending("g", "alice", StreamMessageId.MIN, StreamMessageId.MAX, 10)));
        assertEquals(
                List.of("3-0 bob 12000 1", "4-0 bob 12000 1"),
                describe(s.listPending(StreamPendingRangeArgs.groupName("g")
                        .startId(StreamMessageId.MIN)
                        .endId(StreamMessageId.MAX)
                        .count(10)
                        .idleTime(Duration.ofSeconds(5)))));
        assertEquals(
                List.of("4-0 bob 12000 1"),
                describe(s.listPending("g", "bob", id(4), StreamMessageId.MAX, 5, TimeUnit.SECONDS, 10)));

        // XCLAIM honours min-idle: alice's entries are too fresh, bob's are not
        Map<StreamMessageId, Map<String, String>> claimed = s.claim("g", "carol", 5, TimeUnit.SECONDS, id(1), id(3));
        assertEquals(List.of(id(3)), ids(claimed));
        assertEquals(Map.of("job", "j3"), claimed.get(id(3)));
        assertEquals(List.of(id(4)), s.fastClaim("g", "carol", 0, TimeUnit.MILLISECONDS, id(4)));
        assertEquals(
                List.of("3-0 carol 0 2", "4-0 carol 0 1"),
                describe(s.listPending("g", "carol", StreamMessageId.MIN, StreamMessageId.MAX, 10)),
                "a claim counts a delivery, a JUSTID claim does not");

        CLOCK.advance(Duration.ofMinutes(1));
        assertEquals(1, s.remove(id(1)));
        AutoClaimResult<String, String> auto = s.autoClaim("g", "dave", 30, TimeUnit.SECONDS, StreamMessageId.MIN, 2);
        assertEquals(List.of(id(1)), auto.getDeletedIds(), "the deleted entry leaves the PEL");
        assertEquals(List.of(id(2)), ids(auto.getMessages()));
        assertEquals(Map.of("job", "j2"), auto.getMessages().get(id(2)));
        assertEquals(id(3), auto.getNextId());
        FastAutoClaimResult fast = s.fastAutoClaim("g", "erin", 30, TimeUnit.SECONDS, auto.getNextId(), 10);
        assertEquals(List.of(id(3), id(4)), fast.getIds());
        assertEquals(ZERO, fast.getNextId(), "the whole PEL was scanned");
        assertEquals(Map.of("dave", 1L, "erin", 2L), s.getPendingInfo("g").getConsumerNames());

        assertEquals(2, s.ack("g", id(3), id(3), id(9), id(2)));
        s.createConsumer("g", "frank");
        List<StreamConsumer> consumers = s.listConsumers("g");
        assertEquals(
                List.of("alice", "bob", "carol", "dave", "erin", "frank"),
                consumers.stream().map(StreamConsumer::getName).toList());
        assertEquals(
                Map.of("alice", 0, "bob", 0, "carol", 0, "dave", 0, "erin", 1, "frank", 0),
                consumers.stream().collect(Collectors.toMap(StreamConsumer::getName, StreamConsumer::getPending)));
        assertEquals(0, consumers.get(4).getIdleTime(), "erin was seen at the autoclaim, on the instance clock");
        assertEquals(60_000 + 2_000, consumers.get(0).getIdleTime(), "alice was last seen reading her history");
        assertEquals(1, s.removeConsumer("g", "erin"), "erin still had one pending entry");

        StreamGroup group = s.listGroups().get(0);
        assertEquals("g", group.getName());
        assertEquals(5, group.getConsumers());
        assertEquals(0, group.getPending());
        assertEquals(id(4), group.getLastDeliveredId());

        // SETID back to the start: frank is served again what remains
        s.updateGroupMessageId("g", ZERO);
        assertEquals(
                List.of(id(2), id(3)),
                ids(s.readGroup(
                        "g", "frank", StreamReadGroupArgs.neverDelivered().count(2))));
        assertEquals(Map.of("frank", 2L), s.getPendingInfo("g").getConsumerNames());
        s.removeGroup("g");
        assertTrue(s.listGroups().isEmpty());
    }

    @Test
    void aBlockingGroupReadIsServedByTheNextAdd() throws Exception {
        RStream<String, String> s = redisson.getStream("queue", StringCodec.INSTANCE);
        s.createGroup(StreamCreateGroupArgs.name("workers").makeStream());
        CompletableFuture<Map<StreamMessageId, Map<String, String>>> waiting = s.readGroupAsync(
                        "workers", "w", StreamReadGroupArgs.neverDelivered().timeout(Duration.ofSeconds(30)))
                .toCompletableFuture();
        try (RawResp raw = new RawResp(kv.address())) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!raw.call("INFO", "clients").contains("blocked_clients:1")) {
                assertTrue(System.nanoTime() < end, "the read never blocked");
                Thread.onSpinWait();
            }
        }
        StreamMessageId added = s.add(StreamAddArgs.entry("task", "wake"));
        Map<StreamMessageId, Map<String, String>> got = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(Map.of(added, Map.of("task", "wake")), got);
        assertEquals(1, s.getPendingInfo("workers").getTotal());
    }

    /** "id consumer idle deliveries" per entry. */
    private static List<String> describe(List<PendingEntry> entries) {
        return entries.stream()
                .map(p -> p.getId() + " " + p.getConsumerName() + " " + p.getIdleTime() + " " + p.getDeliveryCount())
                .toList();
    }
}
