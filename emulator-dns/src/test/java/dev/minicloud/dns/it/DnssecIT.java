package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.dns.DnsService;
import dev.minicloud.junit.MiniCloudExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.InvalidKeySigningKeyNameException;
import software.amazon.awssdk.services.route53.model.InvalidKeySigningKeyStatusException;
import software.amazon.awssdk.services.route53.model.InvalidKmsArnException;
import software.amazon.awssdk.services.route53.model.KeySigningKey;
import software.amazon.awssdk.services.route53.model.KeySigningKeyInUseException;
import software.amazon.awssdk.services.route53.model.KeySigningKeyWithActiveStatusNotFoundException;
import software.amazon.awssdk.services.route53.model.NoSuchKeySigningKeyException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TooManyKeySigningKeysException;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * Route 53 DNSSEC through the SDK v2 {@link Route53Client}, and the signed answers through dnsjava,
 * whose own validator checks every signature against the zone's DNSKEYs and the DNSKEYs against the
 * DS that GetDNSSEC reports.
 */
class DnssecIT {
    private static final String KMS = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";

    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("dns").build();

    Route53Client r53;
    InetSocketAddress server;
    String zone;
    String zoneId;

    @BeforeEach
    void setUp() {
        String account = Route53Clients.newAccount();
        r53 = Route53Clients.forCloud(cloud.getMiniCloud(), account);
        server = cloud.getMiniCloud().service(DnsService.class).orElseThrow().publicEndpoint();
        zone = "s" + account + ".example.";
        zoneId = r53.createHostedZone(b -> b.name(zone).callerReference("z"))
                .hostedZone()
                .id();
        r53.changeResourceRecordSets(c -> c.hostedZoneId(zoneId)
                .changeBatch(b -> b.changes(Change.builder()
                        .action(ChangeAction.CREATE)
                        .resourceRecordSet(ResourceRecordSet.builder()
                                .name("www." + zone)
                                .type(RRType.A)
                                .ttl(300L)
                                .resourceRecords(
                                        ResourceRecord.builder()
                                                .value("192.0.2.80")
                                                .build(),
                                        ResourceRecord.builder()
                                                .value("192.0.2.81")
                                                .build())
                                .build())
                        .build())));
    }

    @AfterEach
    void close() {
        r53.close();
    }

    private KeySigningKey sign(String zoneIdToSign, String keyName) {
        KeySigningKey k = r53.createKeySigningKey(b -> b.hostedZoneId(zoneIdToSign)
                        .name(keyName)
                        .callerReference(keyName)
                        .keyManagementServiceArn(KMS)
                        .status("ACTIVE"))
                .keySigningKey();
        r53.enableHostedZoneDNSSEC(b -> b.hostedZoneId(zoneIdToSign));
        return k;
    }

    private Message ask(String name, int type, boolean dnssecOk) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(5));
        resolver.setTCP(true); // signed answers outgrow 512 bytes
        resolver.setEDNS(0, 1232, dnssecOk ? ExtendedFlags.DO : 0, List.of());
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    /** The DNSKEY set, verified by the KSK whose DS Route 53 reported. */
    private List<DNSKEYRecord> verifiedKeys(KeySigningKey ksk) throws Exception {
        Message m = ask(zone, Type.DNSKEY, true);
        RRset keys = rrset(m, Section.ANSWER, Type.DNSKEY);
        List<DNSKEYRecord> all =
                keys.rrs().stream().map(DNSKEYRecord.class::cast).toList();
        DNSKEYRecord kskRecord =
                all.stream().filter(k -> k.getFlags() == 257).findFirst().orElseThrow();
        DSRecord ds = new DSRecord(kskRecord.getName(), DClass.IN, 3600, DNSSEC.Digest.SHA256, kskRecord);
        assertEquals(ksk.dsRecord(), ds.rdataToString());
        verify(keys, all);
        return all;
    }

    private static RRset rrset(Message m, int section, int type) {
        return m.getSectionRRsets(section).stream()
                .filter(s -> s.getType() == type)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + Type.string(type) + " in " + m));
    }

    /** Every signature of the set checks out against one of the keys (dnsjava's RFC 4035 verification). */
    private static void verify(RRset set, List<DNSKEYRecord> keys) throws Exception {
        List<RRSIGRecord> sigs = set.sigs();
        assertFalse(sigs.isEmpty(), "unsigned " + set);
        for (RRSIGRecord sig : sigs) {
            DNSKEYRecord key = keys.stream()
                    .filter(k -> k.getFootprint() == sig.getFootprint())
                    .findFirst()
                    .orElseThrow();
            DNSSEC.verify(set, sig, key, Instant.now());
        }
    }

    @Test
    void aSignedZoneAnswersWithSignaturesThatValidate() throws Exception {
        KeySigningKey ksk = sign(zoneId, "ksk_one");
        assertEquals(257, ksk.flag());
        assertEquals(13, ksk.signingAlgorithmType());
        assertEquals(
                "SIGNING", r53.getDNSSEC(b -> b.hostedZoneId(zoneId)).status().serveSignature());
        List<DNSKEYRecord> keys = verifiedKeys(ksk);
        assertEquals(2, keys.size()); // the KSK and the zone-signing key

        Message a = ask("www." + zone, Type.A, true);
        RRset answer = rrset(a, Section.ANSWER, Type.A);
        assertEquals(2, answer.size());
        verify(answer, keys);
        // SOA and NS at the apex are signed too.
        verify(rrset(ask(zone, Type.SOA, true), Section.ANSWER, Type.SOA), keys);

        Message plain = ask("www." + zone, Type.A, false);
        assertTrue(plain.getSection(Section.ANSWER).stream().noneMatch(r -> r.getType() == Type.RRSIG));
    }

    @Test
    void negativeAnswersAreSignedBlackLies() throws Exception {
        KeySigningKey ksk = sign(zoneId, "ksk_neg");
        List<DNSKEYRecord> keys = verifiedKeys(ksk);

        Message missing = ask("nothing-here." + zone, Type.A, true);
        assertEquals(Rcode.NOERROR, missing.getRcode());
        RRset nsec = rrset(missing, Section.AUTHORITY, Type.NSEC);
        verify(nsec, keys);
        NSECRecord proof = (NSECRecord) nsec.first();
        assertEquals(Name.fromString("nothing-here." + zone), proof.getName());
        assertFalse(proof.hasType(Type.A));
        verify(rrset(missing, Section.AUTHORITY, Type.SOA), keys);

        Message noData = ask("www." + zone, Type.TXT, true);
        NSECRecord types =
                (NSECRecord) rrset(noData, Section.AUTHORITY, Type.NSEC).first();
        assertTrue(types.hasType(Type.A));
        assertFalse(types.hasType(Type.TXT));
        // Without DO the answer stays a plain NXDOMAIN.
        assertEquals(Rcode.NXDOMAIN, ask("nothing-here." + zone, Type.A, false).getRcode());
    }

    @Test
    void aSignedChildGetsItsDsFromAParentWeServe() throws Exception {
        String child = "child." + zone;
        String childId = r53.createHostedZone(b -> b.name(child).callerReference("child"))
                .hostedZone()
                .id();
        KeySigningKey parentKsk = sign(zoneId, "parent_ksk");
        KeySigningKey childKsk = sign(childId, "child_ksk");
        Message ds = ask(child, Type.DS, true);
        RRset set = rrset(ds, Section.ANSWER, Type.DS);
        assertEquals(childKsk.dsRecord(), set.first().rdataToString());
        verify(set, verifiedKeys(parentKsk)); // signed by the parent
    }

    @Test
    void keysFollowRoute53sLifecycleAndRules() {
        assertThrows(
                InvalidKmsArnException.class,
                () -> r53.createKeySigningKey(b -> b.hostedZoneId(zoneId)
                        .name("kk1")
                        .callerReference("a")
                        .keyManagementServiceArn("arn:aws:kms:eu-west-1:123456789012:key/x")
                        .status("ACTIVE")));
        assertThrows(
                InvalidKeySigningKeyNameException.class,
                () -> r53.createKeySigningKey(b -> b.hostedZoneId(zoneId)
                        .name("no-dashes")
                        .callerReference("b")
                        .keyManagementServiceArn(KMS)
                        .status("ACTIVE")));
        assertThrows(
                KeySigningKeyWithActiveStatusNotFoundException.class,
                () -> r53.enableHostedZoneDNSSEC(b -> b.hostedZoneId(zoneId)));
        sign(zoneId, "first");
        r53.createKeySigningKey(b -> b.hostedZoneId(zoneId)
                .name("second")
                .callerReference("second")
                .keyManagementServiceArn(KMS)
                .status("INACTIVE"));
        assertThrows(
                TooManyKeySigningKeysException.class,
                () -> r53.createKeySigningKey(b -> b.hostedZoneId(zoneId)
                        .name("third")
                        .callerReference("third")
                        .keyManagementServiceArn(KMS)
                        .status("ACTIVE")));
        assertThrows(
                KeySigningKeyInUseException.class,
                () -> r53.deactivateKeySigningKey(b -> b.hostedZoneId(zoneId).name("first")));
        assertThrows(
                InvalidKeySigningKeyStatusException.class,
                () -> r53.deleteKeySigningKey(b -> b.hostedZoneId(zoneId).name("first")));
        assertThrows(
                NoSuchKeySigningKeyException.class,
                () -> r53.activateKeySigningKey(b -> b.hostedZoneId(zoneId).name("nope")));
        assertEquals(
                2, r53.getDNSSEC(b -> b.hostedZoneId(zoneId)).keySigningKeys().size());

        r53.disableHostedZoneDNSSEC(b -> b.hostedZoneId(zoneId));
        assertEquals(
                "NOT_SIGNING",
                r53.getDNSSEC(b -> b.hostedZoneId(zoneId)).status().serveSignature());
        r53.deactivateKeySigningKey(b -> b.hostedZoneId(zoneId).name("first"));
        r53.deleteKeySigningKey(b -> b.hostedZoneId(zoneId).name("first"));
        assertEquals(
                List.of("second"),
                r53.getDNSSEC(b -> b.hostedZoneId(zoneId)).keySigningKeys().stream()
                        .map(KeySigningKey::name)
                        .toList());

        String privateId = r53.createHostedZone(b -> b.name("p." + zone)
                        .callerReference("p")
                        .vpc(v -> v.vpcId("vpc-dnssec").vpcRegion(VPCRegion.US_EAST_1)))
                .hostedZone()
                .id();
        assertThrows(
                InvalidInputException.class,
                () -> r53.createKeySigningKey(b -> b.hostedZoneId(privateId)
                        .name("pk")
                        .callerReference("pk")
                        .keyManagementServiceArn(KMS)
                        .status("ACTIVE")));
    }

    @Test
    void anUnsignedZoneAnswersWithoutSignaturesEvenWithDo() throws Exception {
        Message a = ask("www." + zone, Type.A, true);
        assertEquals(2, a.getSection(Section.ANSWER).size());
        assertTrue(a.getSection(Section.ANSWER).stream().noneMatch(r -> r.getType() == Type.RRSIG));
    }
}
