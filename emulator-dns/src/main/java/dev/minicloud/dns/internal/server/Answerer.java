package dev.minicloud.dns.internal.server;

import dev.minicloud.dns.internal.health.HealthView;
import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.RecordSet;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.dns.internal.zones.ZoneIndex;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one question authoritatively from the zones a view sees (RFC 1034 §4.3.2): exact matches,
 * CNAME chains across the view's zones, wildcards (RFC 4592), referrals with glue below delegation
 * points, NXDOMAIN/NODATA with the zone SOA (TTL = min(SOA TTL, minimum)) in authority, additional
 * A/AAAA for MX, NS and SRV targets, aliases, and Route 53's routing policies answered from live
 * health (see {@link PolicyRouter}).
 *
 * <p>Owner names in the answer keep the case of the question (0x20-randomizing resolvers check it).
 */
final class Answerer {
    private static final int MAX_CNAME_HOPS = 16;
    private static final int MAX_ALIAS_DEPTH = 4;
    private static final Name WILDCARD = Name.fromConstantString("*");

    private static final Pattern S3_WEBSITE = Pattern.compile("(?i)s3-website[.-][a-z0-9-]+\\.amazonaws\\.com\\.?");

    private final PolicyRouter router;
    private final InetAddress edgeAddress;
    private final HealthView health;

    /**
     * @param health whether the health check with an id passes (for record sets with a
     *               {@code HealthCheckId}); read on the query path, so it must not block
     */
    /**
     * @param edgeAddress where the edge (S3) listens, answered for aliases to S3 website endpoints;
     *                    {@code null} for none
     */
    Answerer(
            Random random,
            HealthView health,
            BiFunction<String, InetAddress, String> cidrLocation,
            InetAddress edgeAddress) {
        this.router = new PolicyRouter(random, cidrLocation);
        this.health = health;
        this.edgeAddress = edgeAddress;
    }

    /** An answerer for zones without health checks (every check passes) or CIDR collections. */
    Answerer(Random random) {
        this(random, HealthView.ALWAYS_HEALTHY, (collection, client) -> null, null);
    }

    /**
     * What happened: whether a zone answered at all and how long the answer may be reused: while the
     * zones are unchanged, while health is unchanged too, or never (a random or per-client choice).
     */
    enum Outcome {
        NO_ZONE,
        ANSWERED,
        ANSWERED_WHILE_HEALTH_HOLDS,
        ANSWERED_UNCACHEABLE
    }

    /** How long a part of an answer stays valid; an answer is as short-lived as its shortest part. */
    enum Reuse {
        WHILE_ZONES_HOLD(Outcome.ANSWERED),
        WHILE_HEALTH_HOLDS(Outcome.ANSWERED_WHILE_HEALTH_HOLDS),
        NEVER(Outcome.ANSWERED_UNCACHEABLE);

        private final Outcome outcome;

        Reuse(Outcome outcome) {
            this.outcome = outcome;
        }

        Reuse and(Reuse other) {
            return other.compareTo(this) > 0 ? other : this;
        }
    }

    /** The health generation to cache health-decided answers under; read it before answering. */
    long healthGeneration() {
        return health.generation();
    }

    Outcome answer(ZoneIndex index, DnsView view, Name qname, int qtype, Message response) {
        return answer(index, view, ClientPlace.UNKNOWN, qname, qtype, response, false);
    }

    /** Answers for a client placed by the subnet tables (latency and geolocation records depend on it). */
    Outcome answer(
            ZoneIndex index,
            DnsView endpoint,
            ClientPlace client,
            Name qname,
            int qtype,
            Message response,
            boolean placesClients) {
        DnsView view = endpoint.forClient(client, placesClients);
        ZoneSnapshot zone = view.zoneFor(index, qname);
        if (zone == null) {
            return Outcome.NO_ZONE;
        }
        response.getHeader().setFlag(Flags.AA);
        Reuse reuse = Reuse.WHILE_ZONES_HOLD;
        Name current = qname;
        Set<Name> visited = new HashSet<>();
        for (int hop = 0; hop < MAX_CNAME_HOPS && visited.add(current); hop++) {
            Name cut = delegationAbove(zone, current, qtype);
            if (cut != null) {
                referral(zone, cut, response);
                return Outcome.ANSWERED;
            }
            Name owner = current;
            Map<Integer, List<RecordSet>> node;
            if (zone.exists(current)) {
                node = zone.at(current);
            } else {
                Name encloser = current;
                while (!zone.exists(encloser) && encloser.labels() > zone.apex().labels()) {
                    encloser = new Name(encloser, 1);
                }
                Name source = concat(WILDCARD, encloser);
                if (source == null || !zone.exists(source)) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                    negative(zone, response);
                    return Outcome.ANSWERED;
                }
                node = zone.at(source);
            }
            if (qtype == Type.ANY) {
                for (Map.Entry<Integer, List<RecordSet>> e : node.entrySet()) {
                    reuse = reuse.and(addSets(index, view, zone, owner, e.getValue(), response));
                }
                if (node.isEmpty()) {
                    negative(zone, response);
                }
                return reuse.outcome;
            }
            List<RecordSet> sets = node.get(qtype);
            if (sets != null && !sets.isEmpty()) {
                reuse = reuse.and(addSets(index, view, zone, owner, sets, response));
                addAdditional(index, view, response);
                return reuse.outcome;
            }
            List<RecordSet> cname = node.get(Type.CNAME);
            if (cname != null && !cname.isEmpty() && qtype != Type.CNAME) {
                List<Record> added = new ArrayList<>();
                reuse = reuse.and(addSets(index, view, zone, owner, cname, response, added));
                if (added.isEmpty()) {
                    return Outcome.ANSWERED_UNCACHEABLE;
                }
                Name target = ((CNAMERecord) added.get(0)).getTarget();
                ZoneSnapshot next = view.zoneFor(index, target);
                if (next == null) {
                    // The chain leaves the zones we serve: the resolver follows it from here.
                    return reuse.outcome;
                }
                zone = next;
                current = target;
                continue;
            }
            negative(zone, response);
            return reuse.outcome;
        }
        return reuse.outcome;
    }

    /** The delegation point between the apex (exclusive) and {@code name} (inclusive), if any. */
    private static Name delegationAbove(ZoneSnapshot zone, Name name, int qtype) {
        if (!zone.hasDelegations()) {
            return null;
        }
        int apexLabels = zone.apex().labels();
        for (int labels = apexLabels + 1; labels <= name.labels(); labels++) {
            Name cut = new Name(name, name.labels() - labels);
            // DS records live on the parent side of the cut (RFC 4035 §3.1.4.1).
            if (zone.isDelegation(cut) && !(cut.equals(name) && qtype == Type.DS)) {
                return cut;
            }
        }
        return null;
    }

    private void referral(ZoneSnapshot zone, Name cut, Message response) {
        if (response.getSection(Section.ANSWER).isEmpty()) {
            response.getHeader().unsetFlag(Flags.AA);
        }
        List<Record> ns = new ArrayList<>();
        for (RecordSet rs : zone.find(cut, Type.NS)) {
            ns.addAll(rs.records());
        }
        for (Record r : ns) {
            response.addRecord(r, Section.AUTHORITY);
        }
        for (Record r : ns) {
            Name target = ((NSRecord) r).getTarget();
            if (target.subdomain(zone.apex())) {
                for (int t : new int[] {Type.A, Type.AAAA}) {
                    for (RecordSet glue : zone.find(target, t)) {
                        for (Record g : glue.records()) {
                            addOnce(response, g, Section.ADDITIONAL);
                        }
                    }
                }
            }
        }
    }

    private static void negative(ZoneSnapshot zone, Message response) {
        SOARecord soa = zone.soa();
        if (soa == null) {
            return;
        }
        long ttl = Math.min(soa.getTTL(), soa.getMinimum());
        response.addRecord(
                new SOARecord(
                        soa.getName(),
                        DClass.IN,
                        ttl,
                        soa.getHost(),
                        soa.getAdmin(),
                        soa.getSerial(),
                        soa.getRefresh(),
                        soa.getRetry(),
                        soa.getExpire(),
                        soa.getMinimum()),
                Section.AUTHORITY);
    }

    private Reuse addSets(
            ZoneIndex index, DnsView view, ZoneSnapshot zone, Name owner, List<RecordSet> sets, Message response) {
        return addSets(index, view, zone, owner, sets, response, new ArrayList<>());
    }

    /**
     * Adds the records a group of sets of one name and type answers with, chosen by its routing policy
     * from live health, and how long that choice holds: while the zones do, while health does too (a
     * choice health decided), or never (a random choice, one that depends on the client's address, or
     * an alias into a routed group, whose own choice may be either).
     */
    private Reuse addSets(
            ZoneIndex index,
            DnsView view,
            ZoneSnapshot zone,
            Name owner,
            List<RecordSet> sets,
            Message response,
            List<Record> added) {
        Reuse reuse = Reuse.WHILE_ZONES_HOLD;
        if (sets.size() > 1 || sets.get(0).isRouted()) {
            for (RecordSet rs : sets) {
                if (rs.healthCheckId() != null
                        || rs.isAlias() && rs.aliasTarget().evaluateTargetHealth()) {
                    reuse = Reuse.WHILE_HEALTH_HOLDS;
                }
            }
        }
        PolicyRouter.Policy policy = PolicyRouter.policyOf(sets.get(0));
        // The cache keys on the query bytes, not the client: answers chosen by the client's address cannot be reused.
        boolean perClient = policy == PolicyRouter.Policy.CIDR
                || view.placesClients()
                        && (policy == PolicyRouter.Policy.LATENCY
                                || policy == PolicyRouter.Policy.GEOLOCATION
                                || policy == PolicyRouter.Policy.GEOPROXIMITY);
        PolicyRouter.Choice choice = router.choose(sets, view, rs -> healthy(index, view, zone, rs, 0));
        List<Record> chosen = new ArrayList<>();
        for (RecordSet rs : choice.sets()) {
            chosen.addAll(resolve(index, view, zone, rs));
            perClient |= aliasOfRoutedGroup(index, view, zone, rs);
        }
        for (Record r : chosen) {
            // Identity, not equals (which ignores case): the answer's owner is spelled as the question was.
            @SuppressWarnings("ReferenceEquality")
            Record out = r.getName() == owner ? r : r.withName(owner);
            addOnce(response, out, Section.ANSWER);
            added.add(out);
        }
        return choice.random() || perClient ? Reuse.NEVER : reuse;
    }

    /**
     * Whether a record set counts as healthy: its health check (if any) passes and, for an alias with
     * {@code EvaluateTargetHealth}, the sets it points at have at least one healthy member (Route 53's
     * rule for alias targets in hosted zones). Alias chains are followed a few levels deep only.
     */
    private boolean healthy(ZoneIndex index, DnsView view, ZoneSnapshot zone, RecordSet rs, int depth) {
        if (rs.healthCheckId() != null && !health.passes(rs.healthCheckId())) {
            return false;
        }
        if (!rs.isAlias() || !rs.aliasTarget().evaluateTargetHealth()) {
            return true;
        }
        if (depth >= MAX_ALIAS_DEPTH) {
            return true;
        }
        Target t = aliasTarget(index, view, zone, rs);
        if (t == null) {
            return false;
        }
        for (RecordSet target : t.zone().find(t.name(), rs.type())) {
            if (healthy(index, view, t.zone(), target, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An alias to an AWS endpoint we emulate: an S3 website endpoint ({@code s3-website-<region>} or
     * {@code s3-website.<region>.amazonaws.com}) answers the edge's address, where MiniCloud serves S3
     * (TTL 60, as Route 53 gives S3 aliases). Any other target outside our zones has no answer.
     */
    private List<Record> serviceEndpoint(RecordSet rs) {
        if (edgeAddress == null
                || !S3_WEBSITE.matcher(rs.aliasTarget().dnsName()).matches()) {
            return List.of();
        }
        if (rs.type() == Type.A && edgeAddress instanceof Inet4Address) {
            return List.of(new ARecord(rs.name(), DClass.IN, 60, edgeAddress));
        }
        if (rs.type() == Type.AAAA && edgeAddress instanceof Inet6Address) {
            return List.of(new AAAARecord(rs.name(), DClass.IN, 60, edgeAddress));
        }
        return List.of();
    }

    /** Whether {@code rs} is an alias whose target is a routed group (chosen by health or at random at each query). */
    private static boolean aliasOfRoutedGroup(ZoneIndex index, DnsView view, ZoneSnapshot zone, RecordSet rs) {
        if (!rs.isAlias()) {
            return false;
        }
        Target t = aliasTarget(index, view, zone, rs);
        if (t == null) {
            return false;
        }
        List<RecordSet> targets = t.zone().find(t.name(), rs.type());
        return targets.size() > 1 || !targets.isEmpty() && targets.get(0).isRouted();
    }

    /** Where an alias points, in the view: its zone and name, or {@code null} when no zone we serve has it. */
    private record Target(ZoneSnapshot zone, Name name) {}

    private static Target aliasTarget(ZoneIndex index, DnsView view, ZoneSnapshot zone, RecordSet rs) {
        Name target;
        try {
            target = DnsNames.parse(rs.aliasTarget().dnsName());
        } catch (IllegalArgumentException e) {
            return null;
        }
        ZoneSnapshot targetZone =
                ZoneIds.bare(rs.aliasTarget().hostedZoneId()).equals(zone.zone().id())
                        ? zone
                        : view.zoneFor(index, target);
        return targetZone == null ? null : new Target(targetZone, target);
    }

    /**
     * A set's records; an alias set answers with what its target answers (same type) in the view: a
     * routed target group is chosen by its own policy, from live health.
     */
    private List<Record> resolve(ZoneIndex index, DnsView view, ZoneSnapshot zone, RecordSet rs) {
        return resolve(index, view, zone, rs, 0);
    }

    private List<Record> resolve(ZoneIndex index, DnsView view, ZoneSnapshot zone, RecordSet rs, int depth) {
        if (!rs.isAlias()) {
            return rs.records();
        }
        Target t = depth < MAX_ALIAS_DEPTH ? aliasTarget(index, view, zone, rs) : null;
        if (t == null) {
            return serviceEndpoint(rs);
        }
        List<RecordSet> targets = t.zone().find(t.name(), rs.type());
        if (targets.isEmpty()) {
            return List.of();
        }
        List<Record> out = new ArrayList<>();
        for (RecordSet chosen : router.choose(targets, view, s -> healthy(index, view, t.zone(), s, depth + 1))
                .sets()) {
            out.addAll(resolve(index, view, t.zone(), chosen, depth + 1));
        }
        return out;
    }

    private static void addAdditional(ZoneIndex index, DnsView view, Message response) {
        List<Name> targets = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() == Type.MX || r.getType() == Type.NS || r.getType() == Type.SRV) {
                Name n = r.getAdditionalName();
                if (n != null) {
                    targets.add(n);
                }
            }
        }
        for (Name target : targets) {
            ZoneSnapshot z = view.zoneFor(index, target);
            if (z == null) {
                continue;
            }
            for (int t : new int[] {Type.A, Type.AAAA}) {
                for (RecordSet rs : z.find(target, t)) {
                    if (!rs.isAlias() && !rs.isRouted()) {
                        for (Record r : rs.records()) {
                            addOnce(response, r, Section.ADDITIONAL);
                        }
                    }
                }
            }
        }
    }

    private static void addOnce(Message response, Record r, int section) {
        if (!response.findRecord(r, section)) {
            response.addRecord(r, section);
        }
    }

    private static Name concat(Name prefix, Name suffix) {
        try {
            return Name.concatenate(prefix, suffix);
        } catch (NameTooLongException e) {
            return null;
        }
    }
}
