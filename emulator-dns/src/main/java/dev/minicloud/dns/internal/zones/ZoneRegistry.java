package dev.minicloud.dns.internal.zones;

import dev.minicloud.spi.VpcDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The hosted zones of one MiniCloud instance and the operations of the Route 53 control plane on
 * them. Zones belong to the account that created them; the DNS data plane reads {@link #index()}.
 *
 * <p>Concurrency: writers are serialized on this object; each write builds new immutable
 * {@link ZoneSnapshot}s and publishes a new {@link ZoneIndex} through a volatile field. Readers
 * (DNS queries, List calls) take the current index and never lock, so they see every change batch
 * wholly or not at all.
 */
public final class ZoneRegistry {
    public static final long SOA_TTL = 900;
    public static final long NS_TTL = 172800;
    private static final List<String> PRIVATE_NAME_SERVERS = List.of(
            "ns-0.awsdns-00.com.", "ns-512.awsdns-00.net.", "ns-1024.awsdns-00.org.", "ns-1536.awsdns-00.co.uk.");

    private final Clock clock;
    private final Duration changeDelay;
    private final Random ids;
    private final Map<String, ChangeInfo> changes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> callerReferences = new HashMap<>();
    private final Consumer<Set<VpcRef>> onVpcsChanged;
    private final VpcAuthorizations vpcAuthorizations;
    private final Route53Limits limits;
    private final DelegationSets delegationSets = new DelegationSets();
    private final QueryLoggingConfigs queryLogging = new QueryLoggingConfigs();
    private final DnssecKeys dnssecKeys = new DnssecKeys();
    private volatile ZoneIndex index = ZoneIndex.EMPTY;
    private long sequence;

    /**
     * @param changeDelay how long a change stays {@code PENDING} before {@code INSYNC}, by the clock
     * @param onVpcsChanged told, under the write lock and before the new zones are published, which VPCs
     *                      will have private zones; if it throws, the write is abandoned
     * @param ids the source of zone and change ids and of the name servers a zone gets (the service
     *            context's random, so a fixed seed gives the same ids)
     */
    public ZoneRegistry(Clock clock, Duration changeDelay, Consumer<Set<VpcRef>> onVpcsChanged, Random ids) {
        this(clock, changeDelay, onVpcsChanged, ids, () -> null, Route53Limits.defaults());
    }

    /**
     * @param vpcDirectory the EC2 service's VPCs when their owners come from there, else {@code null}
     * @param limits the quotas enforced (zones per account, records and VPCs per zone, ...)
     */
    public ZoneRegistry(
            Clock clock,
            Duration changeDelay,
            Consumer<Set<VpcRef>> onVpcsChanged,
            Random ids,
            Supplier<VpcDirectory> vpcDirectory,
            Route53Limits limits) {
        this.vpcAuthorizations = new VpcAuthorizations(vpcDirectory);
        this.limits = limits;
        this.clock = clock;
        this.ids = ids;
        this.changeDelay = changeDelay;
        this.onVpcsChanged = onVpcsChanged;
    }

    /** The current zones; never locked, never half-updated. */
    public ZoneIndex index() {
        return index;
    }

    /** A zone of {@code account}, or {@code NoSuchHostedZone}. */
    public ZoneSnapshot zone(String account, String id) {
        ZoneSnapshot z = index.byId(ZoneIds.bare(id));
        if (z == null || !z.zone().account().equals(account)) {
            throw Route53Errors.noSuchHostedZone(ZoneIds.bare(id));
        }
        return z;
    }

    /** The zones of {@code account} in creation order. */
    public List<ZoneSnapshot> zones(String account) {
        List<ZoneSnapshot> out = new ArrayList<>();
        for (ZoneSnapshot z : index.zones()) {
            if (z.zone().account().equals(account)) {
                out.add(z);
            }
        }
        return out;
    }

    /** The result of CreateHostedZone. */
    public record Created(ZoneSnapshot zone, ChangeInfo change) {}

    public synchronized Created createZone(
            String account, Name name, String callerReference, String comment, boolean privateZone, VpcRef vpc) {
        return createZone(account, name, callerReference, comment, privateZone, vpc, null);
    }

    /** CreateHostedZone; {@code delegationSetId}, when not {@code null}, gives the zone that set's name servers. */
    public synchronized Created createZone(
            String account,
            Name name,
            String callerReference,
            String comment,
            boolean privateZone,
            VpcRef vpc,
            String delegationSetId) {
        if (privateZone && vpc == null) {
            throw Route53Errors.invalidInput("When you're creating a private hosted zone (when you specify true for "
                    + "PrivateZone), you must also specify values for VPCId and VPCRegion.");
        }
        if (vpc != null) {
            privateZone = true;
        }
        Map<String, String> refs = callerReferences.computeIfAbsent(account, a -> new HashMap<>());
        if (refs.containsKey(callerReference)) {
            throw Route53Errors.hostedZoneAlreadyExists(DnsNames.format(name), callerReference);
        }
        if (vpc != null) {
            vpcAuthorizations.checkUsableBy(account, vpc);
        }
        limits.check(
                Route53Limit.MAX_HOSTED_ZONES_BY_OWNER,
                zones(account).size(),
                1,
                () -> Route53Errors.tooManyHostedZones(Route53Limit.MAX_HOSTED_ZONES_BY_OWNER));
        DelegationSet set =
                delegationSetId == null ? null : delegationSetFor(account, name, privateZone, delegationSetId);
        if (vpc != null
                && index.privateZoneFor(vpc, name) != null
                && index.privateZoneFor(vpc, name).apex().equals(name)) {
            throw Route53Errors.conflictingDomainExists(vpc, DnsNames.format(name));
        }
        long seq = ++sequence;
        String id = ZoneIds.newId('Z', ids);
        List<String> nameServers =
                privateZone ? PRIVATE_NAME_SERVERS : set != null ? set.nameServers() : publicNameServers();
        Instant now = clock.instant();
        HostedZone hz = new HostedZone(
                id,
                account,
                name,
                callerReference,
                comment,
                privateZone,
                vpc == null ? List.of() : List.of(vpc),
                nameServers,
                set == null ? null : set.id(),
                Map.of(),
                now,
                seq,
                null);
        TreeMap<RecordKey, RecordSet> records = new TreeMap<>();
        List<Record> ns = new ArrayList<>();
        for (String s : nameServers) {
            ns.add(new NSRecord(name, DClass.IN, NS_TTL, Name.fromConstantString(s)));
        }
        RecordSet nsSet =
                new RecordSet(name, Type.NS, null, null, null, null, null, null, NS_TTL, nameServers, null, null, ns);
        String soaValue = nameServers.get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400";
        Record soa = new SOARecord(
                name,
                DClass.IN,
                SOA_TTL,
                Name.fromConstantString(nameServers.get(0)),
                Name.fromConstantString("awsdns-hostmaster.amazon.com."),
                1,
                7200,
                900,
                1209600,
                86400);
        RecordSet soaSet = new RecordSet(
                name,
                Type.SOA,
                null,
                null,
                null,
                null,
                null,
                null,
                SOA_TTL,
                List.of(soaValue),
                null,
                null,
                List.of(soa));
        records.put(nsSet.key(), nsSet);
        records.put(soaSet.key(), soaSet);
        ZoneSnapshot snapshot = new ZoneSnapshot(hz, records);
        publish(snapshot, null);
        if (vpc != null) {
            vpcAuthorizations.claim(account, vpc);
        }
        refs.put(callerReference, id);
        return new Created(snapshot, newChange(comment));
    }

    /**
     * The reusable set a new public zone named {@code name} may use: it must exist, hold fewer zones than
     * its limit, and no zone on it may have the same name or be a parent or child of {@code name} (those
     * would share name servers, which Route 53 forbids).
     */
    private DelegationSet delegationSetFor(String account, Name name, boolean privateZone, String setId) {
        DelegationSet set = delegationSets.get(account, setId);
        if (privateZone) {
            throw Route53Errors.invalidInput("A private hosted zone can't use a reusable delegation set.");
        }
        List<ZoneSnapshot> onSet = zonesOnDelegationSet(set.id());
        limits.check(
                Route53Limit.MAX_ZONES_BY_REUSABLE_DELEGATION_SET,
                onSet.size(),
                1,
                () -> Route53Errors.tooManyHostedZones(Route53Limit.MAX_ZONES_BY_REUSABLE_DELEGATION_SET));
        for (ZoneSnapshot z : onSet) {
            if (z.apex().equals(name) || name.subdomain(z.apex()) || z.apex().subdomain(name)) {
                throw Route53Errors.delegationSetConflict(set.id(), DnsNames.format(name));
            }
        }
        return set;
    }

    private List<ZoneSnapshot> zonesOnDelegationSet(String setId) {
        List<ZoneSnapshot> out = new ArrayList<>();
        for (ZoneSnapshot z : index.zones()) {
            if (setId.equals(z.zone().delegationSetId())) {
                out.add(z);
            }
        }
        return out;
    }

    /**
     * CreateReusableDelegationSet: four new name servers, or, with {@code zoneId}, the name servers of that
     * public zone, which then is on the new set.
     */
    public synchronized DelegationSet createDelegationSet(String account, String callerReference, String zoneId) {
        if (delegationSets.callerReferenceUsed(account, callerReference)) {
            throw Route53Errors.delegationSetAlreadyCreated();
        }
        limits.check(
                Route53Limit.MAX_REUSABLE_DELEGATION_SETS_BY_OWNER,
                delegationSets.list(account).size(),
                1,
                () -> Route53Errors.limitsExceeded(Route53Limit.MAX_REUSABLE_DELEGATION_SETS_BY_OWNER));
        ZoneSnapshot zone = null;
        if (zoneId != null) {
            zone = index.byId(ZoneIds.bare(zoneId));
            if (zone == null || !zone.zone().account().equals(account)) {
                throw Route53Errors.hostedZoneNotFound(ZoneIds.bare(zoneId));
            }
            if (zone.zone().privateZone()) {
                throw Route53Errors.invalidInput("A private hosted zone can't use a reusable delegation set.");
            }
            if (zone.zone().delegationSetId() != null) {
                throw Route53Errors.delegationSetAlreadyReusable();
            }
        }
        DelegationSet set = new DelegationSet(
                ZoneIds.newId('N', ids),
                account,
                callerReference,
                zone == null ? publicNameServers() : zone.zone().nameServers());
        delegationSets.add(set);
        if (zone != null) {
            publish(new ZoneSnapshot(zone.zone().withDelegationSet(set.id()), zone.records()), null);
        }
        return set;
    }

    public synchronized DelegationSet delegationSet(String account, String id) {
        return delegationSets.get(account, id);
    }

    /** The reusable delegation sets of {@code account}, in creation order. */
    public synchronized List<DelegationSet> delegationSets(String account) {
        return delegationSets.list(account);
    }

    /** How many zones use the set (GetReusableDelegationSetLimit's count). */
    public synchronized int zonesOnDelegationSet(String account, String id) {
        return zonesOnDelegationSet(delegationSets.get(account, id).id()).size();
    }

    /** DeleteReusableDelegationSet: refused while a zone uses the set. */
    public synchronized void deleteDelegationSet(String account, String id) {
        DelegationSet set = delegationSets.get(account, id);
        if (!zonesOnDelegationSet(set.id()).isEmpty()) {
            throw Route53Errors.delegationSetInUse();
        }
        delegationSets.remove(set);
    }

    public synchronized QueryLoggingConfig createQueryLoggingConfig(String account, String zoneId, String logGroupArn) {
        return queryLogging.create(zone(account, zoneId), logGroupArn, ids);
    }

    public synchronized QueryLoggingConfig queryLoggingConfig(String account, String id) {
        return queryLogging.get(id, zoneIds(account));
    }

    /** The account's configurations, or those of one of its zones ({@code NoSuchHostedZone} if not its). */
    public synchronized List<QueryLoggingConfig> queryLoggingConfigs(String account, String zoneId) {
        return queryLogging.list(
                zoneId == null
                        ? zoneIds(account)
                        : List.of(zone(account, zoneId).zone().id()));
    }

    public synchronized void deleteQueryLoggingConfig(String account, String id) {
        queryLogging.remove(queryLogging.get(id, zoneIds(account)).id());
    }

    private List<String> zoneIds(String account) {
        List<String> out = new ArrayList<>();
        zones(account).forEach(z -> out.add(z.zone().id()));
        return out;
    }

    /** The current value of a limit, and how much of it an account, zone or delegation set uses. */
    public record LimitUse(long value, long count) {}

    /** @param othersCount the count of a limit on things this registry does not keep (health checks, policies) */
    public synchronized LimitUse accountLimit(String account, Route53Limit limit, long othersCount) {
        long count = switch (limit) {
            case MAX_HOSTED_ZONES_BY_OWNER -> zones(account).size();
            case MAX_REUSABLE_DELEGATION_SETS_BY_OWNER ->
                delegationSets.list(account).size();
            default -> othersCount;
        };
        return new LimitUse(limits.value(limit), count);
    }

    public synchronized LimitUse hostedZoneLimit(String account, String zoneId, Route53Limit limit) {
        ZoneSnapshot z = zone(account, zoneId);
        long count = limit == Route53Limit.MAX_RRSETS_BY_ZONE
                ? z.records().size()
                : z.zone().vpcs().size();
        return new LimitUse(limits.value(limit), count);
    }

    public synchronized LimitUse delegationSetLimit(String account, String setId, Route53Limit limit) {
        return new LimitUse(
                limits.value(limit),
                zonesOnDelegationSet(delegationSets.get(account, setId).id()).size());
    }

    public Route53Limits limits() {
        return limits;
    }

    private static final Pattern KSK_NAME = Pattern.compile("[a-zA-Z0-9_]{3,128}");
    private static final Pattern KMS_ARN =
            Pattern.compile("arn:aws[a-z-]*:kms:us-east-1:\\d{12}:key/[A-Za-z0-9-]{1,128}");

    /**
     * CreateKeySigningKey: a new ECDSA P-256 key for a public zone (two at most), with the zone-signing
     * key made the first time. The KMS ARN must be a key in us-east-1, as Route 53 requires; KMS itself
     * is not emulated, the key pair is made here.
     */
    public synchronized ChangeInfo createKeySigningKey(
            String account, String zoneId, String name, String kmsArn, KeySigningKey.Status status) {
        ZoneSnapshot z = zone(account, zoneId);
        if (z.zone().privateZone()) {
            throw Route53Errors.invalidInput("DNSSEC signing isn't supported for private hosted zones.");
        }
        if (name == null || !KSK_NAME.matcher(name).matches()) {
            throw Route53Errors.dnssec(
                    400,
                    "InvalidKeySigningKeyName",
                    "The key-signing key (KSK) name that you specified isn't a valid name.");
        }
        if (kmsArn == null || !KMS_ARN.matcher(kmsArn).matches()) {
            throw Route53Errors.dnssec(
                    400,
                    "InvalidKMSArn",
                    "The KeyManagementServiceArn that you specified isn't valid to use with DNSSEC signing.");
        }
        DnssecState state = z.zone().dnssec();
        if (state.key(name) != null) {
            throw Route53Errors.dnssec(
                    409,
                    "KeySigningKeyAlreadyExists",
                    "You've already created a key-signing key (KSK) with this name or with the CallerReference.");
        }
        if (state.keys().size() >= DnssecState.MAX_KEYS) {
            throw Route53Errors.dnssec(
                    400,
                    "TooManyKeySigningKeys",
                    "You've reached the limit for the number of "
                            + "key-signing keys (KSKs). Remove at least one KSK, and then try again.");
        }
        Instant now = clock.instant();
        DnssecKeys.Made ksk = dnssecKeys.make(z.apex(), DnssecKeys.KSK_FLAGS);
        DnssecState next = state.withKey(new KeySigningKey(
                name, kmsArn, status, now, now, ksk.dnskey(), ksk.pair().getPrivate()));
        if (next.zsk() == null) {
            DnssecKeys.Made zsk = dnssecKeys.make(z.apex(), DnssecKeys.ZSK_FLAGS);
            next = next.withZsk(zsk.dnskey(), zsk.pair().getPrivate());
        }
        publish(new ZoneSnapshot(z.zone().withDnssec(next), z.records()), null);
        return newChange(null);
    }

    /** ActivateKeySigningKey / DeactivateKeySigningKey; the last active key of a signing zone stays active. */
    public synchronized ChangeInfo setKeySigningKeyStatus(
            String account, String zoneId, String name, KeySigningKey.Status status) {
        ZoneSnapshot z = zone(account, zoneId);
        DnssecState state = z.zone().dnssec();
        KeySigningKey key = keySigningKey(state, name);
        if (status == KeySigningKey.Status.INACTIVE
                && state.signing()
                && key.status() == KeySigningKey.Status.ACTIVE
                && state.active().size() == 1) {
            throw Route53Errors.dnssec(
                    400,
                    "KeySigningKeyInUse",
                    "The key-signing key (KSK) that you specified can't "
                            + "be deactivated because it's the only KSK for a currently-enabled DNSSEC. Disable DNSSEC signing, "
                            + "or add or enable another KSK.");
        }
        publish(
                new ZoneSnapshot(
                        z.zone().withDnssec(state.withKey(key.withStatus(status, clock.instant()))), z.records()),
                null);
        return newChange(null);
    }

    /** DeleteKeySigningKey: only an inactive key. */
    public synchronized ChangeInfo deleteKeySigningKey(String account, String zoneId, String name) {
        ZoneSnapshot z = zone(account, zoneId);
        DnssecState state = z.zone().dnssec();
        if (keySigningKey(state, name).status() != KeySigningKey.Status.INACTIVE) {
            throw Route53Errors.dnssec(
                    400,
                    "InvalidKeySigningKeyStatus",
                    "The key-signing key (KSK) status isn't "
                            + "valid or another KSK has the status INTERNAL_FAILURE.");
        }
        publish(new ZoneSnapshot(z.zone().withDnssec(state.withoutKey(name)), z.records()), null);
        return newChange(null);
    }

    /** EnableHostedZoneDNSSEC (needs an active key) and DisableHostedZoneDNSSEC. */
    public synchronized ChangeInfo setDnssecSigning(String account, String zoneId, boolean on) {
        ZoneSnapshot z = zone(account, zoneId);
        DnssecState state = z.zone().dnssec();
        if (z.zone().privateZone()) {
            throw Route53Errors.invalidInput("DNSSEC signing isn't supported for private hosted zones.");
        }
        if (on && state.active().isEmpty()) {
            throw Route53Errors.dnssec(
                    400,
                    "KeySigningKeyWithActiveStatusNotFound",
                    "A key-signing key (KSK) with ACTIVE status wasn't found.");
        }
        if (!on && state.keys().isEmpty() && !state.signing()) {
            throw Route53Errors.dnssec(400, "DNSSECNotFound", "The hosted zone doesn't have any DNSSEC resources.");
        }
        publish(new ZoneSnapshot(z.zone().withDnssec(state.withSigning(on)), z.records()), null);
        return newChange(null);
    }

    private static KeySigningKey keySigningKey(DnssecState state, String name) {
        KeySigningKey key = state.key(name);
        if (key == null) {
            throw Route53Errors.dnssec(
                    404, "NoSuchKeySigningKey", "The specified key-signing key (KSK) doesn't exist.");
        }
        return key;
    }

    private List<String> publicNameServers() {
        int n = ids.nextInt(512);
        int m = ids.nextInt(64);
        return List.of(
                String.format("ns-%d.awsdns-%02d.com.", n, m),
                String.format("ns-%d.awsdns-%02d.net.", 512 + n, m),
                String.format("ns-%d.awsdns-%02d.org.", 1024 + n, m),
                String.format("ns-%d.awsdns-%02d.co.uk.", 1536 + n, m));
    }

    public synchronized ChangeInfo deleteZone(String account, String id) {
        ZoneSnapshot z = zone(account, id);
        for (RecordSet rs : z.records().values()) {
            boolean required = rs.name().equals(z.apex()) && (rs.type() == Type.SOA || rs.type() == Type.NS);
            if (!required) {
                throw Route53Errors.hostedZoneNotEmpty();
            }
        }
        Map<String, String> refs = callerReferences.get(account);
        if (refs != null) {
            refs.remove(z.zone().callerReference());
        }
        publish(null, z.zone().id());
        vpcAuthorizations.zoneDeleted(z.zone().id());
        queryLogging.zoneDeleted(z.zone().id());
        return newChange(null);
    }

    public synchronized ZoneSnapshot updateComment(String account, String id, String comment) {
        ZoneSnapshot z = zone(account, id);
        ZoneSnapshot updated = new ZoneSnapshot(z.zone().withComment(comment), z.records());
        publish(updated, null);
        return updated;
    }

    public synchronized void changeTags(String account, String id, Map<String, String> add, List<String> remove) {
        ZoneSnapshot z = zone(account, id);
        Map<String, String> tags = new LinkedHashMap<>(z.zone().tags());
        remove.forEach(tags::remove);
        tags.putAll(add);
        publish(new ZoneSnapshot(z.zone().withTags(tags), z.records()), null);
    }

    /** Applies a change batch atomically; returns the change's info. */
    public synchronized ChangeInfo changeRecordSets(String account, String id, List<Change> batch, String comment) {
        ZoneSnapshot z = zone(account, id);
        ZoneSnapshot updated = ChangeBatchApplier.apply(z, batch);
        long max = limits.value(Route53Limit.MAX_RRSETS_BY_ZONE);
        if (updated.records().size() > max
                && updated.records().size() > z.records().size()) {
            throw Route53Errors.invalidChangeBatch(List.of("Number of records limit of " + max + " exceeded."));
        }
        publish(updated, null);
        return newChange(comment);
    }

    /**
     * Associates {@code vpc} with a private zone. The caller must own the VPC (or be the first to use
     * its id); a zone of another account needs that account's authorization for the VPC first.
     */
    public synchronized ChangeInfo associateVpc(String account, String id, VpcRef vpc, String comment) {
        ZoneSnapshot z = zoneForVpcChange(account, id);
        if (!z.zone().privateZone()) {
            throw Route53Errors.publicZoneVpcAssociation(z.zone().id());
        }
        vpcAuthorizations.checkUsableBy(account, vpc);
        if (!z.zone().account().equals(account)
                && !vpcAuthorizations.isAuthorized(z.zone().id(), vpc)) {
            throw Route53Errors.notAuthorized();
        }
        if (z.zone().vpcs().contains(vpc)) {
            throw Route53Errors.conflictingDomainExists(vpc, DnsNames.format(z.apex()));
        }
        limits.check(
                Route53Limit.MAX_VPCS_ASSOCIATED_BY_ZONE,
                z.zone().vpcs().size(),
                1,
                () -> Route53Errors.limitsExceeded(Route53Limit.MAX_VPCS_ASSOCIATED_BY_ZONE));
        ZoneSnapshot other = index.privateZoneFor(vpc, z.apex());
        if (other != null && other.apex().equals(z.apex())) {
            throw Route53Errors.conflictingDomainExists(vpc, DnsNames.format(z.apex()));
        }
        List<VpcRef> vpcs = new ArrayList<>(z.zone().vpcs());
        vpcs.add(vpc);
        publish(new ZoneSnapshot(z.zone().withVpcs(vpcs), z.records()), null);
        vpcAuthorizations.claim(account, vpc);
        return newChange(comment);
    }

    /** Whether any zone is associated with {@code vpc} (EC2 then refuses to delete the VPC). */
    public boolean hasZonesFor(VpcRef vpc) {
        return index.zones().stream().anyMatch(z -> z.zone().vpcs().contains(vpc));
    }

    /** Disassociates {@code vpc}: the zone's owner may, and so may the owner of the VPC. */
    public synchronized ChangeInfo disassociateVpc(String account, String id, VpcRef vpc, String comment) {
        ZoneSnapshot z = zoneForVpcChange(account, id);
        if (!z.zone().privateZone()) {
            throw Route53Errors.publicZoneVpcAssociation(z.zone().id());
        }
        boolean allowed = z.zone().account().equals(account) || account.equals(vpcAuthorizations.owner(vpc));
        if (!allowed || !z.zone().vpcs().contains(vpc)) {
            throw Route53Errors.vpcAssociationNotFound(vpc, z.zone().id());
        }
        if (z.zone().vpcs().size() == 1) {
            throw Route53Errors.lastVpcAssociation();
        }
        List<VpcRef> vpcs = new ArrayList<>(z.zone().vpcs());
        vpcs.remove(vpc);
        publish(new ZoneSnapshot(z.zone().withVpcs(vpcs), z.records()), null);
        return newChange(comment);
    }

    /**
     * The zone a VPC association names: the caller's own, or another account's private zone (a VPC
     * owner associates its VPC with a zone it does not own); another account's public zone stays
     * invisible.
     */
    private ZoneSnapshot zoneForVpcChange(String account, String id) {
        ZoneSnapshot z = index.byId(ZoneIds.bare(id));
        if (z == null || !z.zone().account().equals(account) && !z.zone().privateZone()) {
            throw Route53Errors.noSuchHostedZone(ZoneIds.bare(id));
        }
        return z;
    }

    /** CreateVPCAssociationAuthorization: lets the owner of {@code vpc} associate it with this zone. */
    public synchronized void authorizeVpcAssociation(String account, String id, VpcRef vpc) {
        ZoneSnapshot z = zone(account, id);
        if (!z.zone().privateZone()) {
            throw Route53Errors.publicZoneVpcAssociation(z.zone().id());
        }
        vpcAuthorizations.authorize(z.zone().id(), vpc);
    }

    /** DeleteVPCAssociationAuthorization; an association already made stays. */
    public synchronized void revokeVpcAssociationAuthorization(String account, String id, VpcRef vpc) {
        ZoneSnapshot z = zone(account, id);
        if (!vpcAuthorizations.revoke(z.zone().id(), vpc)) {
            throw Route53Errors.vpcAssociationAuthorizationNotFound(
                    vpc, z.zone().id());
        }
    }

    /** ListVPCAssociationAuthorizations, in the order they were made. */
    public synchronized List<VpcRef> vpcAssociationAuthorizations(String account, String id) {
        return vpcAuthorizations.authorized(zone(account, id).zone().id());
    }

    /**
     * ListHostedZonesByVPC: every zone associated with {@code vpc}, whichever account owns it, for the
     * VPC's owner only ({@code InvalidVPCId} for anyone else's VPC).
     */
    public synchronized List<ZoneSnapshot> zonesAssociatedWith(String account, VpcRef vpc) {
        vpcAuthorizations.checkUsableBy(account, vpc);
        List<ZoneSnapshot> out = new ArrayList<>();
        for (ZoneSnapshot z : index.zones()) {
            if (z.zone().vpcs().contains(vpc)) {
                out.add(z);
            }
        }
        return out;
    }

    /** A change's status now: {@code PENDING} until the configured delay has passed on the clock. */
    public ChangeInfo change(String id) {
        ChangeInfo c = changes.get(ZoneIds.bare(id));
        if (c == null) {
            throw Route53Errors.noSuchChange(id);
        }
        return withStatus(c);
    }

    private ChangeInfo withStatus(ChangeInfo c) {
        boolean done = !clock.instant().isBefore(c.submittedAt().plus(changeDelay));
        return new ChangeInfo(c.id(), done ? "INSYNC" : "PENDING", c.submittedAt(), c.comment());
    }

    private ChangeInfo newChange(String comment) {
        ChangeInfo c = new ChangeInfo(ZoneIds.newId('C', ids), "PENDING", clock.instant(), comment);
        changes.put(c.id(), c);
        // The response to the call that made a change always says PENDING, as Route 53's does.
        return c;
    }

    public synchronized void reset() {
        changes.clear();
        callerReferences.clear();
        vpcAuthorizations.clear();
        delegationSets.clear();
        queryLogging.clear();
        index = new ZoneIndex(Map.of(), index.generation() + 1);
        onVpcsChanged.accept(index.vpcsWithPrivateZones());
    }

    private void publish(ZoneSnapshot replacement, String removedId) {
        Map<String, ZoneSnapshot> zones = new LinkedHashMap<>();
        for (ZoneSnapshot z : index.zones()) {
            zones.put(z.zone().id(), z);
        }
        if (removedId != null) {
            zones.remove(removedId);
        }
        if (replacement != null) {
            zones.put(replacement.zone().id(), replacement);
        }
        ZoneIndex next = new ZoneIndex(zones, index.generation() + 1);
        if (!index.vpcsWithPrivateZones().equals(next.vpcsWithPrivateZones())) {
            // Before the swap: if a VPC's resolver endpoint cannot be bound, the operation fails whole.
            onVpcsChanged.accept(next.vpcsWithPrivateZones());
        }
        index = next;
    }

    /** Zones sorted as ListHostedZonesByName sorts them: reversed-label name, then id. */
    public static final Comparator<ZoneSnapshot> BY_NAME = Comparator.comparing((ZoneSnapshot z) -> z.apex())
            .thenComparing(z -> z.zone().id());
}
