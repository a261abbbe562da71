package dev.minicloud.dns.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.dns.internal.health.HealthView;
import dev.minicloud.dns.internal.zones.Change;
import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.RecordSet;
import dev.minicloud.dns.internal.zones.RecordValues;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers that health decided (failover here) are reused from the reply cache while no check's
 * status changes, and recomputed as soon as one does; random (weighted) answers are never reused.
 * The health view counts how often the answer path consults it, which is what tells a cached
 * reply from a computed one.
 */
class HealthScopedCacheTest {
    private static final String ACCOUNT = "000000000000";

    /** A health view whose one check the test flips, counting every consultation. */
    private static final class FlippableHealth implements HealthView {
        volatile boolean primaryUp = true;
        final AtomicLong generation = new AtomicLong();
        final AtomicInteger consulted = new AtomicInteger();

        @Override
        public boolean passes(String healthCheckId) {
            consulted.incrementAndGet();
            return !healthCheckId.equals("primary-check") || primaryUp;
        }

        @Override
        public long generation() {
            return generation.get();
        }

        void flipPrimary(boolean up) {
            primaryUp = up;
            generation.incrementAndGet();
        }
    }

    private final FlippableHealth health = new FlippableHealth();
    private final ZoneRegistry registry = new ZoneRegistry(Clock.systemUTC(), Duration.ZERO, vpcs -> {}, new Random(1));
    private final QueryProcessor processor = new QueryProcessor(
            registry::index,
            DnsView.publicView("us-east-1"),
            new Answerer(new Random(1), health, (collection, client) -> null, null),
            null);
    private final String zoneId = registry.createZone(
                    ACCOUNT, Name.fromConstantString("example.com."), "r", null, false, null)
            .zone()
            .zone()
            .id();

    private void add(String name, String id, Long weight, String failover, String check, String address) {
        Name owner = DnsNames.parse(name);
        List<String> problems = new ArrayList<>();
        RecordSet rs = new RecordSet(
                owner,
                Type.A,
                id,
                weight,
                null,
                failover,
                Map.of(),
                null,
                60L,
                List.of(address),
                null,
                check,
                RecordValues.parse(owner, Type.A, 60, List.of(address), problems));
        registry.changeRecordSets(ACCOUNT, zoneId, List.of(new Change(Change.Action.CREATE, rs)), null);
    }

    private String ask(String name, int id) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
        q.getHeader().setID(id);
        AtomicReference<byte[]> reply = new AtomicReference<>();
        processor.process(q.toWire(), true, reply::set);
        Message m = new Message(reply.get());
        assertEquals(id, m.getHeader().getID(), "a cached reply carries the asking query's id");
        return ((ARecord) m.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
    }

    @Test
    void aFailoverAnswerIsReusedUntilAHealthCheckFlips() throws Exception {
        add("www.example.com", "primary", null, "PRIMARY", "primary-check", "192.0.2.1");
        add("www.example.com", "secondary", null, "SECONDARY", null, "192.0.2.2");

        assertEquals("192.0.2.1", ask("www.example.com", 1));
        int afterFirst = health.consulted.get();
        assertEquals("192.0.2.1", ask("www.example.com", 2));
        assertEquals("192.0.2.1", ask("www.example.com", 3));
        assertEquals(afterFirst, health.consulted.get(), "while health holds, the reply comes from the cache");

        health.flipPrimary(false);
        assertEquals("192.0.2.2", ask("www.example.com", 4), "a flip retires the cached answer at once");
        int afterFlip = health.consulted.get();
        assertEquals("192.0.2.2", ask("www.example.com", 5));
        assertEquals(afterFlip, health.consulted.get());

        health.flipPrimary(true);
        assertEquals("192.0.2.1", ask("www.example.com", 6));
    }

    @Test
    void aWeightedAnswerIsChosenAgainForEveryQuery() throws Exception {
        add("w.example.com", "one", 1L, null, "primary-check", "192.0.2.1");
        add("w.example.com", "two", 1L, null, "other-check", "192.0.2.2");

        ask("w.example.com", 1);
        int afterFirst = health.consulted.get();
        ask("w.example.com", 2);
        assertEquals(2 * afterFirst, health.consulted.get(), "a random choice is never served from the cache");
    }
}
