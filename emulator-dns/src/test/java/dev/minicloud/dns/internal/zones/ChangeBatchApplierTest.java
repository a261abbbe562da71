package dev.minicloud.dns.internal.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.internal.aws.AwsException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** The change-batch rules applied to a zone directly, without HTTP. */
class ChangeBatchApplierTest {
    private final ZoneRegistry registry = new ZoneRegistry(Clock.systemUTC(), Duration.ZERO, vpcs -> {}, new Random(1));
    private final ZoneSnapshot zone = registry.createZone(
                    "000000000000", Name.fromConstantString("example.com."), "ref", null, false, null)
            .zone();

    static RecordSet set(String name, int type, long ttl, String... values) {
        Name n = DnsNames.parse(name);
        List<String> problems = new ArrayList<>();
        RecordSet rs = new RecordSet(
                n,
                type,
                null,
                null,
                null,
                null,
                null,
                null,
                ttl,
                List.of(values),
                null,
                null,
                RecordValues.parse(n, type, ttl, List.of(values), problems));
        assertTrue(problems.isEmpty(), problems.toString());
        return rs;
    }

    static Change change(Change.Action action, RecordSet rs) {
        return new Change(action, rs);
    }

    @Test
    void failedBatchLeavesTheZoneUntouched() {
        AwsException e = assertThrows(
                AwsException.class,
                () -> ChangeBatchApplier.apply(
                        zone,
                        List.of(
                                change(Change.Action.CREATE, set("a.example.com", Type.A, 60, "192.0.2.1")),
                                change(Change.Action.CREATE, set("a.example.com", Type.A, 60, "192.0.2.2")))));
        assertEquals("InvalidChangeBatch", e.code());
        assertEquals(
                "[Tried to create resource record set [name='a.example.com.', type='A'] but it already exists]",
                e.getMessage());
        assertEquals(2, zone.recordSetCount());
    }

    @Test
    void upsertReplacesAndIndexesEmptyNonTerminals() {
        ZoneSnapshot once = ChangeBatchApplier.apply(
                zone, List.of(change(Change.Action.CREATE, set("x.y.z.example.com", Type.A, 60, "192.0.2.1"))));
        ZoneSnapshot twice = ChangeBatchApplier.apply(
                once, List.of(change(Change.Action.UPSERT, set("x.y.z.example.com", Type.A, 30, "192.0.2.9"))));
        assertEquals(
                30L,
                twice.find(DnsNames.parse("x.y.z.example.com"), Type.A).get(0).ttl());
        assertTrue(twice.exists(DnsNames.parse("y.z.example.com")));
        assertTrue(twice.exists(DnsNames.parse("z.example.com")));
        assertTrue(twice.at(DnsNames.parse("z.example.com")).isEmpty());
        assertEquals(
                60L,
                once.find(DnsNames.parse("x.y.z.example.com"), Type.A).get(0).ttl(),
                "snapshots are immutable");
    }

    @Test
    void apexSoaAndNsCannotBeDeletedButNsCanBeUpserted() {
        RecordSet ns = zone.find(zone.apex(), Type.NS).get(0);
        AwsException e = assertThrows(
                AwsException.class, () -> ChangeBatchApplier.apply(zone, List.of(change(Change.Action.DELETE, ns))));
        assertTrue(e.getMessage().contains("at least one NS record"), e.getMessage());
        ZoneSnapshot upserted = ChangeBatchApplier.apply(
                zone, List.of(change(Change.Action.UPSERT, set("example.com", Type.NS, 300, "ns1.example.net."))));
        assertEquals(
                List.of("ns1.example.net."),
                upserted.find(zone.apex(), Type.NS).get(0).values());
    }

    @Test
    void deleteOfAWeightedSetMustMatchItsWeight() {
        Name n = DnsNames.parse("w.example.com");
        List<String> problems = new ArrayList<>();
        RecordSet heavy = new RecordSet(
                n,
                Type.A,
                "one",
                10L,
                null,
                null,
                null,
                null,
                60L,
                List.of("192.0.2.1"),
                null,
                null,
                RecordValues.parse(n, Type.A, 60, List.of("192.0.2.1"), problems));
        RecordSet light = new RecordSet(
                n, Type.A, "one", 1L, null, null, null, null, 60L, List.of("192.0.2.1"), null, null, heavy.records());
        ZoneSnapshot withWeighted = ChangeBatchApplier.apply(zone, List.of(change(Change.Action.CREATE, heavy)));
        AwsException e = assertThrows(
                AwsException.class,
                () -> ChangeBatchApplier.apply(withWeighted, List.of(change(Change.Action.DELETE, light))));
        assertTrue(
                e.getMessage().contains("set-identifier='one'] but the values provided do not match"), e.getMessage());
        assertEquals(
                2,
                ChangeBatchApplier.apply(withWeighted, List.of(change(Change.Action.DELETE, heavy)))
                        .recordSetCount());
    }

    @Test
    void moreThanAThousandChangesAreRejected() {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i <= ChangeBatchApplier.MAX_CHANGES; i++) {
            changes.add(change(Change.Action.CREATE, set("h" + i + ".example.com", Type.A, 60, "192.0.2.1")));
        }
        AwsException e = assertThrows(AwsException.class, () -> ChangeBatchApplier.apply(zone, changes));
        assertEquals("InvalidChangeBatch", e.code());
    }

    @Test
    void registryPublishesANewIndexPerBatch() {
        ZoneIndex before = registry.index();
        registry.changeRecordSets(
                "000000000000",
                zone.zone().id(),
                List.of(change(Change.Action.CREATE, set("n.example.com", Type.A, 60, "192.0.2.1"))),
                null);
        ZoneIndex after = registry.index();
        assertTrue(after.generation() > before.generation());
        assertSame(zone, before.byId(zone.zone().id()), "readers holding the old index keep the old zone");
        assertEquals(
                1,
                after.publicZoneFor(DnsNames.parse("n.example.com"))
                        .find(DnsNames.parse("n.example.com"), Type.A)
                        .size());
    }
}
