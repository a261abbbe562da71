package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AccountLimitType;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ConflictingDomainExistsException;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.CreateReusableDelegationSetResponse;
import software.amazon.awssdk.services.route53.model.DelegationSet;
import software.amazon.awssdk.services.route53.model.DelegationSetAlreadyCreatedException;
import software.amazon.awssdk.services.route53.model.DelegationSetAlreadyReusableException;
import software.amazon.awssdk.services.route53.model.DelegationSetInUseException;
import software.amazon.awssdk.services.route53.model.GeoLocationDetails;
import software.amazon.awssdk.services.route53.model.GetAccountLimitResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneLimitResponse;
import software.amazon.awssdk.services.route53.model.HostedZoneLimitType;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.LimitsExceededException;
import software.amazon.awssdk.services.route53.model.ListGeoLocationsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchDelegationSetException;
import software.amazon.awssdk.services.route53.model.NoSuchGeoLocationException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.NoSuchQueryLoggingConfigException;
import software.amazon.awssdk.services.route53.model.QueryLoggingConfig;
import software.amazon.awssdk.services.route53.model.QueryLoggingConfigAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ReusableDelegationSetLimitType;
import software.amazon.awssdk.services.route53.model.TooManyHealthChecksException;
import software.amazon.awssdk.services.route53.model.TooManyHostedZonesException;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * Reusable delegation sets, query logging configurations, limits (reported and enforced) and geo
 * locations, through the SDK v2 {@link Route53Client}. Limits are lowered by the {@code dns-limits}
 * setting so a test reaches them in a few calls.
 */
class Route53AccountResourcesIT {
    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("dns")
            .setting(
                    "dns-limits",
                    "MAX_HOSTED_ZONES_BY_OWNER=6,MAX_RRSETS_BY_ZONE=4,MAX_VPCS_ASSOCIATED_BY_ZONE=2,"
                            + "MAX_HEALTH_CHECKS_BY_OWNER=2,MAX_ZONES_BY_REUSABLE_DELEGATION_SET=2,"
                            + "MAX_REUSABLE_DELEGATION_SETS_BY_OWNER=3")
            .setting("dns-vpc-ownership", "first-use")
            .build();

    Route53Client r53;

    @BeforeEach
    void client() {
        String account = Route53Clients.newAccount();
        r53 = Route53Clients.forCloud(cloud.getMiniCloud(), account);
    }

    @AfterEach
    void close() {
        r53.close();
    }

    private CreateHostedZoneResponse zone(String name, String delegationSetId) {
        return r53.createHostedZone(
                b -> b.name(name).callerReference(UUID.randomUUID().toString()).delegationSetId(delegationSetId));
    }

    @Test
    void zonesOnAReusableSetShareItsNameServers() {
        CreateReusableDelegationSetResponse created = r53.createReusableDelegationSet(b -> b.callerReference("set-1"));
        DelegationSet set = created.delegationSet();
        assertTrue(set.id().matches("(/delegationset/)?N[A-Z0-9]{20}"), set.id());
        assertEquals(4, set.nameServers().size());
        assertTrue(created.location().endsWith("/delegationset/" + bare(set.id())), created.location());

        CreateHostedZoneResponse a = zone("a.example.", set.id());
        CreateHostedZoneResponse b = zone("b.example.", bare(set.id()));
        assertEquals(set.nameServers(), a.delegationSet().nameServers());
        assertEquals(set.nameServers(), b.delegationSet().nameServers());
        assertEquals(
                bare(set.id()),
                bare(r53.getHostedZone(g -> g.id(a.hostedZone().id()))
                        .delegationSet()
                        .id()));
        // The NS record set at the apex carries the set's servers too: what a resolver is told.
        List<String> ns = r53
                .listResourceRecordSets(l -> l.hostedZoneId(a.hostedZone().id()))
                .resourceRecordSets()
                .stream()
                .filter(r -> r.type() == RRType.NS)
                .findFirst()
                .orElseThrow()
                .resourceRecords()
                .stream()
                .map(ResourceRecord::value)
                .map(v -> v.endsWith(".") ? v.substring(0, v.length() - 1) : v)
                .toList();
        assertEquals(set.nameServers(), ns);

        assertEquals(
                2,
                r53.getReusableDelegationSetLimit(l -> l.delegationSetId(set.id())
                                .type(ReusableDelegationSetLimitType.MAX_ZONES_BY_REUSABLE_DELEGATION_SET))
                        .count());
        assertThrows(TooManyHostedZonesException.class, () -> zone("c.example.", set.id()));
        assertThrows(DelegationSetInUseException.class, () -> r53.deleteReusableDelegationSet(d -> d.id(set.id())));

        r53.deleteHostedZone(d -> d.id(a.hostedZone().id()));
        r53.deleteHostedZone(d -> d.id(b.hostedZone().id()));
        r53.deleteReusableDelegationSet(d -> d.id(set.id()));
        assertThrows(NoSuchDelegationSetException.class, () -> r53.getReusableDelegationSet(g -> g.id(set.id())));
        assertThrows(NoSuchDelegationSetException.class, () -> zone("d.example.", set.id()));
    }

    @Test
    void aSetCannotHoldTheSameNameTwiceOrAParentAndItsChild() {
        DelegationSet set =
                r53.createReusableDelegationSet(b -> b.callerReference("s")).delegationSet();
        zone("shared.example.", set.id());
        assertThrows(ConflictingDomainExistsException.class, () -> zone("shared.example.", set.id()));
        assertThrows(ConflictingDomainExistsException.class, () -> zone("www.shared.example.", set.id()));
        // Without the set, the same name gets other name servers and is allowed, as on Route 53.
        assertFalse(zone("shared.example.", null).delegationSet().nameServers().equals(set.nameServers()));
    }

    @Test
    void anExistingZonesServersBecomeAReusableSet() {
        CreateHostedZoneResponse z = zone("existing.example.", null);
        DelegationSet set = r53.createReusableDelegationSet(b -> b.callerReference("from-zone")
                        .hostedZoneId(z.hostedZone().id()))
                .delegationSet();
        assertEquals(z.delegationSet().nameServers(), set.nameServers());
        assertEquals(
                bare(set.id()),
                bare(r53.getHostedZone(g -> g.id(z.hostedZone().id()))
                        .delegationSet()
                        .id()));
        assertThrows(
                DelegationSetAlreadyReusableException.class,
                () -> r53.createReusableDelegationSet(b ->
                        b.callerReference("again").hostedZoneId(z.hostedZone().id())));
        assertThrows(
                DelegationSetAlreadyCreatedException.class,
                () -> r53.createReusableDelegationSet(b -> b.callerReference("from-zone")));
    }

    @Test
    void delegationSetsListInPagesAndTheirNumberIsLimited() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            made.add(bare(r53.createReusableDelegationSet(b -> b.callerReference("p" + n))
                    .delegationSet()
                    .id()));
        }
        assertThrows(
                LimitsExceededException.class, () -> r53.createReusableDelegationSet(b -> b.callerReference("p3")));
        var first = r53.listReusableDelegationSets(l -> l.maxItems("2"));
        assertTrue(first.isTruncated());
        var second = r53.listReusableDelegationSets(l -> l.maxItems("2").marker(first.nextMarker()));
        assertFalse(second.isTruncated());
        List<String> listed = new ArrayList<>();
        first.delegationSets().forEach(s -> listed.add(bare(s.id())));
        second.delegationSets().forEach(s -> listed.add(bare(s.id())));
        assertEquals(made, listed);
        GetAccountLimitResponse limit =
                r53.getAccountLimit(l -> l.type(AccountLimitType.MAX_REUSABLE_DELEGATION_SETS_BY_OWNER));
        assertEquals(3, limit.limit().value());
        assertEquals(3, limit.count());
    }

    @Test
    void queryLoggingConfigsAreOnePerPublicZone() {
        String zoneId = zone("logged.example.", null).hostedZone().id();
        String arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/logged.example";
        QueryLoggingConfig c = r53.createQueryLoggingConfig(
                        b -> b.hostedZoneId(zoneId).cloudWatchLogsLogGroupArn(arn))
                .queryLoggingConfig();
        assertEquals(bare(zoneId), c.hostedZoneId());
        assertEquals(arn, c.cloudWatchLogsLogGroupArn());
        assertEquals(c, r53.getQueryLoggingConfig(g -> g.id(c.id())).queryLoggingConfig());
        assertEquals(
                List.of(c),
                r53.listQueryLoggingConfigs(l -> l.hostedZoneId(zoneId)).queryLoggingConfigs());
        assertEquals(List.of(c), r53.listQueryLoggingConfigs(l -> {}).queryLoggingConfigs());
        assertThrows(
                QueryLoggingConfigAlreadyExistsException.class,
                () -> r53.createQueryLoggingConfig(b -> b.hostedZoneId(zoneId).cloudWatchLogsLogGroupArn(arn)));
        InvalidInputException badArn = assertThrows(
                InvalidInputException.class,
                () -> r53.createQueryLoggingConfig(b -> b.hostedZoneId(zoneId)
                        .cloudWatchLogsLogGroupArn("arn:aws:logs:eu-west-1:123456789012:log-group:x")));
        assertTrue(badArn.getMessage().contains("log group is invalid"), badArn.getMessage());
        String privateZone = r53.createHostedZone(b -> b.name("private.example.")
                        .callerReference("p")
                        .vpc(v -> v.vpcId("vpc-log1").vpcRegion(VPCRegion.US_EAST_1)))
                .hostedZone()
                .id();
        assertThrows(
                InvalidInputException.class,
                () -> r53.createQueryLoggingConfig(
                        b -> b.hostedZoneId(privateZone).cloudWatchLogsLogGroupArn(arn)));
        assertThrows(
                NoSuchHostedZoneException.class,
                () -> r53.createQueryLoggingConfig(
                        b -> b.hostedZoneId("ZNOSUCHZONE").cloudWatchLogsLogGroupArn(arn)));

        r53.deleteQueryLoggingConfig(d -> d.id(c.id()));
        assertThrows(NoSuchQueryLoggingConfigException.class, () -> r53.getQueryLoggingConfig(g -> g.id(c.id())));
        assertTrue(r53.listQueryLoggingConfigs(l -> l.hostedZoneId(zoneId))
                .queryLoggingConfigs()
                .isEmpty());
    }

    @Test
    void anotherAccountSeesNoneOfIt() {
        String zoneId = zone("mine.example.", null).hostedZone().id();
        String setId = r53.createReusableDelegationSet(b -> b.callerReference("mine"))
                .delegationSet()
                .id();
        String configId = r53.createQueryLoggingConfig(b -> b.hostedZoneId(zoneId)
                        .cloudWatchLogsLogGroupArn("arn:aws:logs:us-east-1:123456789012:log-group:mine"))
                .queryLoggingConfig()
                .id();
        try (Route53Client other = Route53Clients.forCloud(cloud.getMiniCloud(), "999999999999")) {
            assertThrows(NoSuchDelegationSetException.class, () -> other.getReusableDelegationSet(g -> g.id(setId)));
            assertThrows(
                    NoSuchDelegationSetException.class,
                    () -> other.createHostedZone(
                            b -> b.name("x.example.").callerReference("x").delegationSetId(setId)));
            assertThrows(
                    NoSuchQueryLoggingConfigException.class, () -> other.getQueryLoggingConfig(g -> g.id(configId)));
            assertFalse(other.listQueryLoggingConfigs(l -> {}).queryLoggingConfigs().stream()
                    .anyMatch(c -> c.id().equals(configId)));
        }
    }

    @Test
    void zoneRecordAndVpcLimitsAreReportedAndEnforced() {
        String zoneId = r53.createHostedZone(b -> b.name("limited.example.")
                        .callerReference("l")
                        .vpc(v -> v.vpcId("vpc-lim1").vpcRegion(VPCRegion.US_EAST_1)))
                .hostedZone()
                .id();
        GetHostedZoneLimitResponse rrsets =
                r53.getHostedZoneLimit(l -> l.hostedZoneId(zoneId).type(HostedZoneLimitType.MAX_RRSETS_BY_ZONE));
        assertEquals(4, rrsets.limit().value());
        assertEquals(2, rrsets.count()); // SOA and NS
        r53.changeResourceRecordSets(c -> c.hostedZoneId(zoneId).changeBatch(b -> b.changes(upsert("a"), upsert("b"))));
        InvalidChangeBatchException full = assertThrows(
                InvalidChangeBatchException.class,
                () -> r53.changeResourceRecordSets(
                        c -> c.hostedZoneId(zoneId).changeBatch(b -> b.changes(upsert("c")))));
        assertTrue(full.getMessage().contains("limit of 4"), full.getMessage());
        // Replacing a record at the limit is no new record.
        r53.changeResourceRecordSets(c -> c.hostedZoneId(zoneId).changeBatch(b -> b.changes(upsert("a"))));
        assertEquals(
                4,
                r53.getHostedZoneLimit(l -> l.hostedZoneId(zoneId).type(HostedZoneLimitType.MAX_RRSETS_BY_ZONE))
                        .count());

        r53.associateVPCWithHostedZone(
                a -> a.hostedZoneId(zoneId).vpc(v -> v.vpcId("vpc-lim2").vpcRegion(VPCRegion.US_EAST_1)));
        assertThrows(
                LimitsExceededException.class,
                () -> r53.associateVPCWithHostedZone(
                        a -> a.hostedZoneId(zoneId).vpc(v -> v.vpcId("vpc-lim3").vpcRegion(VPCRegion.US_EAST_1))));
        assertEquals(
                2,
                r53.getHostedZoneLimit(
                                l -> l.hostedZoneId(zoneId).type(HostedZoneLimitType.MAX_VPCS_ASSOCIATED_BY_ZONE))
                        .count());
    }

    @Test
    void zoneAndHealthCheckCountsPerAccountAreLimited() {
        for (int i = 0; i < 6; i++) {
            zone("z" + i + ".example.", null);
        }
        TooManyHostedZonesException e =
                assertThrows(TooManyHostedZonesException.class, () -> zone("z6.example.", null));
        assertTrue(e.getMessage().contains("MAX_HOSTED_ZONES_BY_OWNER"), e.getMessage());
        GetAccountLimitResponse zones = r53.getAccountLimit(l -> l.type(AccountLimitType.MAX_HOSTED_ZONES_BY_OWNER));
        assertEquals(6, zones.limit().value());
        assertEquals(6, zones.count());

        for (int i = 0; i < 2; i++) {
            int n = i;
            r53.createHealthCheck(b -> b.callerReference("hc" + n)
                    .healthCheckConfig(c -> c.type("TCP").ipAddress("127.0.0.1").port(1)));
        }
        assertThrows(
                TooManyHealthChecksException.class,
                () -> r53.createHealthCheck(b -> b.callerReference("hc2")
                        .healthCheckConfig(
                                c -> c.type("TCP").ipAddress("127.0.0.1").port(1))));
        assertEquals(
                2,
                r53.getAccountLimit(l -> l.type(AccountLimitType.MAX_HEALTH_CHECKS_BY_OWNER))
                        .count());
        assertEquals(
                0,
                r53.getAccountLimit(l -> l.type(AccountLimitType.MAX_TRAFFIC_POLICIES_BY_OWNER))
                        .count());
        assertEquals(
                50,
                r53.getAccountLimit(l -> l.type(AccountLimitType.MAX_TRAFFIC_POLICIES_BY_OWNER))
                        .limit()
                        .value());
    }

    @Test
    void unknownLimitTypesGetTheValidationError() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> r53.getAccountLimit(l -> l.type("MAX_NOTHING")));
        assertTrue(e.getMessage().contains("MAX_HOSTED_ZONES_BY_OWNER"), e.getMessage());
    }

    @Test
    void geoLocationsAreRoute53s() {
        GeoLocationDetails eu = r53.getGeoLocation(g -> g.continentCode("EU")).geoLocationDetails();
        assertEquals("Europe", eu.continentName());
        assertNull(eu.countryCode());
        assertEquals(
                "Germany",
                r53.getGeoLocation(g -> g.countryCode("DE"))
                        .geoLocationDetails()
                        .countryName());
        GeoLocationDetails ca = r53.getGeoLocation(g -> g.countryCode("US").subdivisionCode("CA"))
                .geoLocationDetails();
        assertEquals("California", ca.subdivisionName());
        assertEquals("United States", ca.countryName());
        assertEquals(
                "Default",
                r53.getGeoLocation(g -> g.countryCode("*")).geoLocationDetails().countryName());
        assertThrows(NoSuchGeoLocationException.class, () -> r53.getGeoLocation(g -> g.countryCode("XX")));
        assertThrows(
                NoSuchGeoLocationException.class,
                () -> r53.getGeoLocation(g -> g.countryCode("DE").subdivisionCode("BY")));
        assertThrows(
                InvalidInputException.class,
                () -> r53.getGeoLocation(g -> g.continentCode("EU").countryCode("DE")));

        // Walk every page: the default first, countries by code with US states right after US, continents last.
        List<GeoLocationDetails> all = new ArrayList<>();
        ListGeoLocationsResponse page = r53.listGeoLocations(l -> l.maxItems("40"));
        all.addAll(page.geoLocationDetailsList());
        while (page.isTruncated()) {
            ListGeoLocationsResponse prev = page;
            page = r53.listGeoLocations(l -> l.maxItems("40")
                    .startContinentCode(prev.nextContinentCode())
                    .startCountryCode(prev.nextCountryCode())
                    .startSubdivisionCode(prev.nextSubdivisionCode()));
            all.addAll(page.geoLocationDetailsList());
        }
        assertEquals("*", all.get(0).countryCode());
        int us = indexOf(all, "US", null);
        assertEquals("AK", all.get(us + 1).subdivisionCode());
        assertEquals("WY", all.get(us + 51).subdivisionCode());
        assertEquals("UY", all.get(us + 52).countryCode());
        List<String> continents = all.subList(all.size() - 7, all.size()).stream()
                .map(GeoLocationDetails::continentCode)
                .toList();
        assertEquals(List.of("AF", "AN", "AS", "EU", "NA", "OC", "SA"), continents);
        assertEquals(all.size(), all.stream().distinct().count());
    }

    private static int indexOf(List<GeoLocationDetails> all, String country, String subdivision) {
        for (int i = 0; i < all.size(); i++) {
            if (country.equals(all.get(i).countryCode())
                    && Objects.equals(subdivision, all.get(i).subdivisionCode())) {
                return i;
            }
        }
        throw new AssertionError("no " + country);
    }

    private static Change upsert(String label) {
        return Change.builder()
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(ResourceRecordSet.builder()
                        .name(label + ".limited.example.")
                        .type(RRType.A)
                        .ttl(60L)
                        .resourceRecords(
                                ResourceRecord.builder().value("192.0.2.1").build())
                        .build())
                .build();
    }

    private static String bare(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
