package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ConflictingDomainExistsException;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.HostedZoneNotEmptyException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.LastVpcAssociationException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PublicZoneVpcAssociationException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.model.VPCRegion;
import software.amazon.awssdk.services.route53.model.VpcAssociationNotFoundException;

/** The Route 53 control plane through the AWS SDK v2 {@link Route53Client}, against a real MiniCloud. */
class Route53ControlPlaneIT {
    static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-11-23T12:00:00Z"));

    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("dns")
            .clock(CLOCK)
            .setting("dns-change-delay-seconds", "60")
            .build();

    Route53Client r53;

    @BeforeEach
    void client() {
        // Each test acts as its own account, so tests running in any order never see each other's zones.
        String account = Route53Clients.newAccount();
        r53 = Route53Clients.forCloud(cloud.getMiniCloud(), account);
    }

    @AfterEach
    void close() {
        r53.close();
    }

    private HostedZone createZone(String name) {
        return r53.createHostedZone(
                        b -> b.name(name).callerReference(UUID.randomUUID().toString()))
                .hostedZone();
    }

    private static ResourceRecordSet set(String name, RRType type, long ttl, String... values) {
        return ResourceRecordSet.builder()
                .name(name)
                .type(type)
                .ttl(ttl)
                .resourceRecords(Arrays.stream(values)
                        .map(v -> ResourceRecord.builder().value(v).build())
                        .toList())
                .build();
    }

    private ChangeInfo change(String zoneId, ChangeAction action, ResourceRecordSet set) {
        return r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                        .changeBatch(cb -> cb.changes(Change.builder()
                                .action(action)
                                .resourceRecordSet(set)
                                .build())))
                .changeInfo();
    }

    @Test
    void createHostedZoneMakesApexSoaAndNsAndFourNameServers() {
        CreateHostedZoneResponse created = r53.createHostedZone(
                b -> b.name("Example.COM").callerReference("ref-1").hostedZoneConfig(c -> c.comment("hello")));
        HostedZone zone = created.hostedZone();
        assertEquals("example.com.", zone.name());
        assertTrue(zone.id().startsWith("Z"), zone.id());
        assertEquals("hello", zone.config().comment());
        assertFalse(zone.config().privateZone());
        assertEquals(2L, zone.resourceRecordSetCount());
        assertEquals(ChangeStatus.PENDING, created.changeInfo().status());
        assertEquals(4, created.delegationSet().nameServers().size());
        assertTrue(created.location().endsWith("/hostedzone/" + zone.id()), created.location());

        List<ResourceRecordSet> sets =
                r53.listResourceRecordSets(b -> b.hostedZoneId(zone.id())).resourceRecordSets();
        assertEquals(
                List.of(RRType.NS, RRType.SOA),
                sets.stream().map(ResourceRecordSet::type).toList());
        assertEquals(172800L, sets.get(0).ttl());
        assertEquals(900L, sets.get(1).ttl());
        assertEquals(4, sets.get(0).resourceRecords().size());
    }

    @Test
    void reusedCallerReferenceIsHostedZoneAlreadyExists() {
        r53.createHostedZone(b -> b.name("a.example").callerReference("same"));
        HostedZoneAlreadyExistsException e = assertThrows(
                HostedZoneAlreadyExistsException.class,
                () -> r53.createHostedZone(b -> b.name("b.example").callerReference("same")));
        assertEquals(409, e.statusCode());
        assertEquals("HostedZoneAlreadyExists", e.awsErrorDetails().errorCode());
    }

    @Test
    void getHostedZoneOfPrivateZoneListsVpcsAndHasNoDelegationSet() {
        HostedZone zone = r53.createHostedZone(b -> b.name("corp.internal")
                        .callerReference("p1")
                        .vpc(VPC.builder()
                                .vpcId("vpc-aaa")
                                .vpcRegion(VPCRegion.US_EAST_1)
                                .build()))
                .hostedZone();
        assertTrue(zone.config().privateZone());
        GetHostedZoneResponse got = r53.getHostedZone(b -> b.id(zone.id()));
        assertEquals(List.of("vpc-aaa"), got.vpCs().stream().map(VPC::vpcId).toList());
        assertNull(got.delegationSet());
    }

    @Test
    void unknownZoneIsNoSuchHostedZone404EvenWithAPrefixedId() {
        NoSuchHostedZoneException e = assertThrows(
                NoSuchHostedZoneException.class, () -> r53.getHostedZone(b -> b.id("/hostedzone/ZDOESNOTEXIST")));
        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("ZDOESNOTEXIST"), e.getMessage());
    }

    @Test
    void listHostedZonesPaginatesWithMarker() {
        for (int i = 0; i < 5; i++) {
            createZone("z" + i + ".example");
        }
        ListHostedZonesResponse first = r53.listHostedZones(b -> b.maxItems("2"));
        assertEquals(2, first.hostedZones().size());
        assertTrue(first.isTruncated());
        ListHostedZonesResponse second =
                r53.listHostedZones(b -> b.maxItems("2").marker(first.nextMarker()));
        assertEquals(2, second.hostedZones().size());
        ListHostedZonesResponse third = r53.listHostedZones(b -> b.maxItems("2").marker(second.nextMarker()));
        assertEquals(1, third.hostedZones().size());
        assertFalse(third.isTruncated());
        assertEquals(5, r53.getHostedZoneCount().hostedZoneCount());
        assertEquals(
                0,
                r53.listHostedZones(b -> b.hostedZoneType("PrivateHostedZone"))
                        .hostedZones()
                        .size());
    }

    @Test
    void listHostedZonesByNameSortsByReversedLabels() {
        createZone("b.example.org");
        createZone("a.example.com");
        createZone("z.example.com");
        createZone("example.net");
        ListHostedZonesByNameResponse all = r53.listHostedZonesByName(b -> b.maxItems("2"));
        assertEquals(
                List.of("a.example.com.", "z.example.com."),
                all.hostedZones().stream().map(HostedZone::name).toList());
        assertTrue(all.isTruncated());
        assertEquals("example.net.", all.nextDNSName());
        ListHostedZonesByNameResponse rest =
                r53.listHostedZonesByName(b -> b.dnsName(all.nextDNSName()).hostedZoneId(all.nextHostedZoneId()));
        assertEquals(
                List.of("example.net.", "b.example.org."),
                rest.hostedZones().stream().map(HostedZone::name).toList());
        assertFalse(rest.isTruncated());
    }

    @Test
    void changeBatchIsAtomicAllOrNothing() {
        HostedZone zone = createZone("atomic.example");
        InvalidChangeBatchException e = assertThrows(
                InvalidChangeBatchException.class,
                () -> r53.changeResourceRecordSets(b -> b.hostedZoneId(zone.id())
                        .changeBatch(cb -> cb.changes(
                                Change.builder()
                                        .action(ChangeAction.CREATE)
                                        .resourceRecordSet(set("ok.atomic.example", RRType.A, 60, "192.0.2.1"))
                                        .build(),
                                Change.builder()
                                        .action(ChangeAction.DELETE)
                                        .resourceRecordSet(set("missing.atomic.example", RRType.A, 60, "192.0.2.2"))
                                        .build()))));
        assertTrue(
                e.getMessage()
                        .contains(
                                "Tried to delete resource record set [name='missing.atomic.example.', type='A'] but it was not found"),
                e.getMessage());
        assertEquals(
                2,
                r53.listResourceRecordSets(b -> b.hostedZoneId(zone.id()))
                        .resourceRecordSets()
                        .size());
    }

    @Test
    void createOfExistingSetListsEveryProblemInOneMessage() {
        HostedZone zone = createZone("dup.example");
        change(zone.id(), ChangeAction.CREATE, set("www.dup.example", RRType.A, 60, "192.0.2.1"));
        InvalidChangeBatchException e = assertThrows(
                InvalidChangeBatchException.class,
                () -> r53.changeResourceRecordSets(b -> b.hostedZoneId(zone.id())
                        .changeBatch(cb -> cb.changes(
                                Change.builder()
                                        .action(ChangeAction.CREATE)
                                        .resourceRecordSet(set("www.dup.example", RRType.A, 60, "192.0.2.9"))
                                        .build(),
                                Change.builder()
                                        .action(ChangeAction.CREATE)
                                        .resourceRecordSet(set("x.other.example", RRType.A, 60, "192.0.2.9"))
                                        .build()))));
        assertEquals(400, e.statusCode());
        assertTrue(
                e.getMessage()
                        .contains(
                                "[Tried to create resource record set [name='www.dup.example.', type='A'] but it already exists, "
                                        + "RRSet with DNS name x.other.example. is not permitted in zone dup.example.]"),
                e.getMessage());
    }

    @Test
    void deleteThenCreateOfOneNameInOneBatchWorks() {
        HostedZone zone = createZone("swap.example");
        change(zone.id(), ChangeAction.CREATE, set("www.swap.example", RRType.A, 60, "192.0.2.1"));
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone.id())
                .changeBatch(cb -> cb.changes(
                        Change.builder()
                                .action(ChangeAction.DELETE)
                                .resourceRecordSet(set("www.swap.example", RRType.A, 60, "192.0.2.1"))
                                .build(),
                        Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(set("www.swap.example", RRType.CNAME, 60, "target.swap.example"))
                                .build())));
        ListResourceRecordSetsResponse l = r53.listResourceRecordSets(b ->
                b.hostedZoneId(zone.id()).startRecordName("www.swap.example").startRecordType(RRType.CNAME));
        assertEquals(RRType.CNAME, l.resourceRecordSets().get(0).type());
        assertEquals(
                "target.swap.example",
                l.resourceRecordSets().get(0).resourceRecords().get(0).value());
    }

    @Test
    void deleteMustMatchEveryValue() {
        HostedZone zone = createZone("del.example");
        change(zone.id(), ChangeAction.CREATE, set("a.del.example", RRType.A, 60, "192.0.2.1", "192.0.2.2"));
        InvalidChangeBatchException e = assertThrows(
                InvalidChangeBatchException.class,
                () -> change(zone.id(), ChangeAction.DELETE, set("a.del.example", RRType.A, 60, "192.0.2.1")));
        assertTrue(e.getMessage().contains("values provided do not match"), e.getMessage());
        change(zone.id(), ChangeAction.DELETE, set("a.del.example", RRType.A, 60, "192.0.2.2", "192.0.2.1"));
    }

    @Test
    void cnameRulesAreEnforced() {
        HostedZone zone = createZone("cn.example");
        InvalidChangeBatchException apex = assertThrows(
                InvalidChangeBatchException.class,
                () -> change(zone.id(), ChangeAction.CREATE, set("cn.example", RRType.CNAME, 60, "x.example")));
        assertTrue(apex.getMessage().contains("is not permitted at apex"), apex.getMessage());
        change(zone.id(), ChangeAction.CREATE, set("w.cn.example", RRType.A, 60, "192.0.2.1"));
        InvalidChangeBatchException beside = assertThrows(
                InvalidChangeBatchException.class,
                () -> change(zone.id(), ChangeAction.CREATE, set("w.cn.example", RRType.CNAME, 60, "x.example")));
        assertTrue(beside.getMessage().contains("conflicting RRSet of type A"), beside.getMessage());
    }

    @Test
    void badValuesAndTtlsAreRejected() {
        HostedZone zone = createZone("val.example");
        InvalidChangeBatchException ip = assertThrows(
                InvalidChangeBatchException.class,
                () -> change(zone.id(), ChangeAction.CREATE, set("a.val.example", RRType.A, 60, "1.2.3")));
        assertTrue(ip.getMessage().contains("ARRDATAIllegalIPv4Address"), ip.getMessage());
        InvalidChangeBatchException txt = assertThrows(
                InvalidChangeBatchException.class,
                () -> change(zone.id(), ChangeAction.CREATE, set("t.val.example", RRType.TXT, 60, "unquoted")));
        assertTrue(txt.getMessage().contains("enclosed in quotation marks"), txt.getMessage());
        assertThrows(
                InvalidInputException.class,
                () -> change(zone.id(), ChangeAction.CREATE, set("n.val.example", RRType.A, -1, "192.0.2.1")));
        assertThrows(
                InvalidInputException.class,
                () -> change(
                        zone.id(),
                        ChangeAction.CREATE,
                        ResourceRecordSet.builder()
                                .name("n.val.example")
                                .type(RRType.A)
                                .build()));
    }

    @Test
    void listResourceRecordSetsSortsEscapesAndPaginates() {
        HostedZone zone = createZone("list.example");
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone.id())
                .changeBatch(cb -> cb.changes(
                        Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(set("*.List.Example", RRType.A, 60, "192.0.2.1"))
                                .build(),
                        Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(set("b.list.example", RRType.TXT, 60, "\"t\""))
                                .build(),
                        Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(set("b.list.example", RRType.AAAA, 60, "2001:db8::1"))
                                .build(),
                        Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(set("a.b.list.example", RRType.A, 60, "192.0.2.3"))
                                .build())));
        List<String> all = r53.listResourceRecordSets(b -> b.hostedZoneId(zone.id())).resourceRecordSets().stream()
                .map(s -> s.name() + " " + s.typeAsString())
                .collect(Collectors.toList());
        assertEquals(
                List.of(
                        "list.example. NS",
                        "list.example. SOA",
                        "\\052.list.example. A",
                        "b.list.example. AAAA",
                        "b.list.example. TXT",
                        "a.b.list.example. A"),
                all);
        ListResourceRecordSetsResponse page =
                r53.listResourceRecordSets(b -> b.hostedZoneId(zone.id()).maxItems("3"));
        assertTrue(page.isTruncated());
        assertEquals("b.list.example.", page.nextRecordName());
        assertEquals(RRType.AAAA, page.nextRecordType());
        ListResourceRecordSetsResponse next = r53.listResourceRecordSets(b -> b.hostedZoneId(zone.id())
                .startRecordName(page.nextRecordName())
                .startRecordType(page.nextRecordType()));
        assertEquals(3, next.resourceRecordSets().size());
        assertThrows(
                InvalidInputException.class,
                () -> r53.listResourceRecordSets(b -> b.hostedZoneId(zone.id()).startRecordType(RRType.A)));
    }

    @Test
    void getChangeGoesFromPendingToInsyncByTheClock() {
        HostedZone zone = createZone("change.example");
        ChangeInfo info = change(zone.id(), ChangeAction.UPSERT, set("u.change.example", RRType.A, 60, "192.0.2.1"));
        assertEquals(ChangeStatus.PENDING, info.status());
        assertEquals(
                ChangeStatus.PENDING,
                r53.getChange(b -> b.id(info.id())).changeInfo().status());
        CLOCK.advance(Duration.ofSeconds(61));
        assertEquals(
                ChangeStatus.INSYNC,
                r53.getChange(b -> b.id(info.id())).changeInfo().status());
        assertThrows(NoSuchChangeException.class, () -> r53.getChange(b -> b.id("CNOSUCHCHANGE")));
    }

    @Test
    void routingPolicyFieldsAreStoredAndListed() {
        HostedZone zone = createZone("policy.example");
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone.id())
                .changeBatch(cb -> cb.changes(
                        Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(set("w.policy.example", RRType.A, 60, "192.0.2.1").toBuilder()
                                        .setIdentifier("blue")
                                        .weight(20L)
                                        .build())
                                .build(),
                        Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(set("f.policy.example", RRType.A, 60, "192.0.2.2").toBuilder()
                                        .setIdentifier("primary")
                                        .failover("PRIMARY")
                                        .build())
                                .build(),
                        Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(set("g.policy.example", RRType.A, 60, "192.0.2.3").toBuilder()
                                        .setIdentifier("eu")
                                        .geoLocation(g -> g.continentCode("EU"))
                                        .build())
                                .build())));
        List<ResourceRecordSet> sets =
                r53.listResourceRecordSets(b -> b.hostedZoneId(zone.id())).resourceRecordSets();
        ResourceRecordSet w = sets.stream()
                .filter(s -> s.name().equals("w.policy.example."))
                .findFirst()
                .orElseThrow();
        assertEquals("blue", w.setIdentifier());
        assertEquals(20L, w.weight());
        assertEquals(
                "PRIMARY",
                sets.stream()
                        .filter(s -> s.name().equals("f.policy.example."))
                        .findFirst()
                        .orElseThrow()
                        .failoverAsString());
        assertEquals(
                "EU",
                sets.stream()
                        .filter(s -> s.name().equals("g.policy.example."))
                        .findFirst()
                        .orElseThrow()
                        .geoLocation()
                        .continentCode());
        assertThrows(
                InvalidInputException.class,
                () -> change(
                        zone.id(),
                        ChangeAction.CREATE,
                        set("x.policy.example", RRType.A, 60, "192.0.2.4").toBuilder()
                                .weight(5L)
                                .build()));
        assertThrows(
                InvalidInputException.class,
                () -> change(
                        zone.id(),
                        ChangeAction.CREATE,
                        set("x.policy.example", RRType.A, 60, "192.0.2.4").toBuilder()
                                .setIdentifier("x")
                                .failover("MIDDLE")
                                .build()));
    }

    @Test
    void sdkWaiterSeesTheChangeInsync() {
        HostedZone zone = createZone("wait.example");
        ChangeInfo info = change(zone.id(), ChangeAction.CREATE, set("w.wait.example", RRType.A, 60, "192.0.2.1"));
        CLOCK.advance(Duration.ofSeconds(61));
        assertEquals(
                ChangeStatus.INSYNC,
                r53.waiter()
                        .waitUntilResourceRecordSetsChanged(b -> b.id(info.id()))
                        .matched()
                        .response()
                        .orElseThrow()
                        .changeInfo()
                        .status());
    }

    @Test
    void zonesOfOneAccountAreInvisibleToAnother() {
        HostedZone zone = createZone("mine.example");
        try (Route53Client other = Route53Clients.forCloud(cloud.getMiniCloud(), "999999999999")) {
            assertThrows(NoSuchHostedZoneException.class, () -> other.getHostedZone(b -> b.id(zone.id())));
            assertTrue(other.listHostedZones().hostedZones().stream().noneMatch(z -> z.id().equals(zone.id())));
        }
    }

    @Test
    void deleteHostedZoneRequiresOnlyApexRecords() {
        HostedZone zone = createZone("gone.example");
        change(zone.id(), ChangeAction.CREATE, set("x.gone.example", RRType.A, 60, "192.0.2.1"));
        assertThrows(HostedZoneNotEmptyException.class, () -> r53.deleteHostedZone(b -> b.id(zone.id())));
        change(zone.id(), ChangeAction.DELETE, set("x.gone.example", RRType.A, 60, "192.0.2.1"));
        assertNotNull(r53.deleteHostedZone(b -> b.id(zone.id())).changeInfo().id());
        assertThrows(NoSuchHostedZoneException.class, () -> r53.getHostedZone(b -> b.id(zone.id())));
    }

    @Test
    void vpcAssociationRules() {
        HostedZone publicZone = createZone("pub.example");
        VPC a = VPC.builder().vpcId("vpc-a").vpcRegion(VPCRegion.US_EAST_1).build();
        VPC b = VPC.builder().vpcId("vpc-b").vpcRegion(VPCRegion.EU_WEST_1).build();
        assertThrows(
                PublicZoneVpcAssociationException.class,
                () -> r53.associateVPCWithHostedZone(
                        r -> r.hostedZoneId(publicZone.id()).vpc(a)));
        HostedZone priv = r53.createHostedZone(
                        r -> r.name("priv.example").callerReference("v1").vpc(a))
                .hostedZone();
        assertThrows(
                ConflictingDomainExistsException.class,
                () -> r53.createHostedZone(
                        r -> r.name("priv.example").callerReference("v2").vpc(a)));
        r53.associateVPCWithHostedZone(r -> r.hostedZoneId(priv.id()).vpc(b));
        assertEquals(
                List.of(priv.id()),
                r53
                        .listHostedZonesByVPC(r -> r.vpcId("vpc-b").vpcRegion(VPCRegion.EU_WEST_1))
                        .hostedZoneSummaries()
                        .stream()
                        .map(s -> s.hostedZoneId())
                        .toList());
        r53.disassociateVPCFromHostedZone(r -> r.hostedZoneId(priv.id()).vpc(a));
        assertThrows(
                VpcAssociationNotFoundException.class,
                () -> r53.disassociateVPCFromHostedZone(
                        r -> r.hostedZoneId(priv.id()).vpc(a)));
        assertThrows(
                LastVpcAssociationException.class,
                () -> r53.disassociateVPCFromHostedZone(
                        r -> r.hostedZoneId(priv.id()).vpc(b)));
    }

    @Test
    void tagsRoundTrip() {
        HostedZone zone = createZone("tags.example");
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE)
                .resourceId(zone.id())
                .addTags(
                        Tag.builder().key("team").value("dns").build(),
                        Tag.builder().key("tmp").value("x").build()));
        r53.changeTagsForResource(b ->
                b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zone.id()).removeTagKeys("tmp"));
        List<Tag> tags = r53.listTagsForResource(
                        b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zone.id()))
                .resourceTagSet()
                .tags();
        assertEquals(List.of(Tag.builder().key("team").value("dns").build()), tags);
        assertEquals(
                1,
                r53.listTagsForResources(
                                b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceIds(zone.id()))
                        .resourceTagSets()
                        .size());
    }

    @Test
    void updateCommentAndAliasToARecordInTheSameZone() {
        HostedZone zone = createZone("alias.example");
        assertEquals(
                "new",
                r53.updateHostedZoneComment(b -> b.id(zone.id()).comment("new"))
                        .hostedZone()
                        .config()
                        .comment());
        change(zone.id(), ChangeAction.CREATE, set("target.alias.example", RRType.A, 60, "192.0.2.7"));
        change(
                zone.id(),
                ChangeAction.CREATE,
                ResourceRecordSet.builder()
                        .name("alias.example")
                        .type(RRType.A)
                        .aliasTarget(AliasTarget.builder()
                                .hostedZoneId(zone.id())
                                .dnsName("target.alias.example")
                                .evaluateTargetHealth(false)
                                .build())
                        .build());
        InvalidChangeBatchException e = assertThrows(
                InvalidChangeBatchException.class,
                () -> change(
                        zone.id(),
                        ChangeAction.CREATE,
                        ResourceRecordSet.builder()
                                .name("dangling.alias.example")
                                .type(RRType.A)
                                .aliasTarget(AliasTarget.builder()
                                        .hostedZoneId(zone.id())
                                        .dnsName("nothing.alias.example")
                                        .evaluateTargetHealth(false)
                                        .build())
                                .build()));
        assertTrue(e.getMessage().contains("but that target was not found"), e.getMessage());
    }
}
