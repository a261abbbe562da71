package dev.minicloud.dns.server;

import dev.minicloud.dns.zones.DnsNames;
import dev.minicloud.dns.zones.RecordSet;
import dev.minicloud.dns.zones.ZoneIds;
import dev.minicloud.dns.zones.ZoneIndex;
import dev.minicloud.dns.zones.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one question authoritatively from the zones a view sees (RFC 1034 §4.3.2): exact matches,
 * CNAME chains across the view's zones, wildcards (RFC 4592), referrals with glue below delegation
 * points, NXDOMAIN/NODATA with the zone SOA (TTL = min(SOA TTL, minimum)) in authority, additional
 * A/AAAA for MX, NS and SRV targets, and Route 53's weighted, multivalue and alias record sets.
 *
 * <p>Owner names in the answer keep the case of the question (0x20-randomizing resolvers check it).
 */
final class Answerer {
    private static final int MAX_CNAME_HOPS = 16;
    private static final int MAX_MULTIVALUE = 8;
    private static final Name WILDCARD = Name.fromConstantString("*");

    private final Random random;

    Answerer(Random random) {
        this.random = random;
    }

    /** What happened: whether a zone answered at all and whether the answer may be cached. */
    enum Outcome { NO_ZONE, ANSWERED, ANSWERED_UNCACHEABLE }

    Outcome answer(ZoneIndex index, DnsView view, Name qname, int qtype, Message response) {
        ZoneSnapshot zone = view.zoneFor(index, qname);
        if (zone == null) {
            return Outcome.NO_ZONE;
        }
        response.getHeader().setFlag(Flags.AA);
        boolean cacheable = true;
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
                    cacheable &= addSets(index, view, zone, owner, e.getValue(), response);
                }
                if (node.isEmpty()) {
                    negative(zone, response);
                }
                return cacheable ? Outcome.ANSWERED : Outcome.ANSWERED_UNCACHEABLE;
            }
            List<RecordSet> sets = node.get(qtype);
            if (sets != null && !sets.isEmpty()) {
                cacheable &= addSets(index, view, zone, owner, sets, response);
                addAdditional(index, view, response);
                return cacheable ? Outcome.ANSWERED : Outcome.ANSWERED_UNCACHEABLE;
            }
            List<RecordSet> cname = node.get(Type.CNAME);
            if (cname != null && !cname.isEmpty() && qtype != Type.CNAME) {
                List<Record> added = new ArrayList<>();
                cacheable &= addSets(index, view, zone, owner, cname, response, added);
                if (added.isEmpty()) {
                    return Outcome.ANSWERED_UNCACHEABLE;
                }
                Name target = ((CNAMERecord) added.get(0)).getTarget();
                ZoneSnapshot next = view.zoneFor(index, target);
                if (next == null) {
                    // The chain leaves the zones we serve: the resolver follows it from here.
                    return cacheable ? Outcome.ANSWERED : Outcome.ANSWERED_UNCACHEABLE;
                }
                zone = next;
                current = target;
                continue;
            }
            negative(zone, response);
            return cacheable ? Outcome.ANSWERED : Outcome.ANSWERED_UNCACHEABLE;
        }
        return cacheable ? Outcome.ANSWERED : Outcome.ANSWERED_UNCACHEABLE;
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
        response.addRecord(new SOARecord(soa.getName(), DClass.IN, ttl, soa.getHost(), soa.getAdmin(), soa.getSerial(),
                soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum()), Section.AUTHORITY);
    }

    private boolean addSets(ZoneIndex index, DnsView view, ZoneSnapshot zone, Name owner, List<RecordSet> sets,
                            Message response) {
        return addSets(index, view, zone, owner, sets, response, new ArrayList<>());
    }

    /** Adds the records a group of sets of one name and type answers with; false if the choice was random. */
    private boolean addSets(ZoneIndex index, DnsView view, ZoneSnapshot zone, Name owner, List<RecordSet> sets,
                            Message response, List<Record> added) {
        boolean cacheable = true;
        List<Record> chosen;
        if (sets.size() == 1 && !isRandom(sets.get(0))) {
            chosen = resolve(index, view, zone, sets.get(0));
        } else if (Boolean.TRUE.equals(sets.get(0).multiValueAnswer())) {
            cacheable = false;
            List<Record> all = new ArrayList<>();
            for (RecordSet rs : sets) {
                all.addAll(resolve(index, view, zone, rs));
            }
            java.util.Collections.shuffle(all, random);
            chosen = all.subList(0, Math.min(MAX_MULTIVALUE, all.size()));
        } else if (sets.get(0).weight() != null) {
            cacheable = false;
            chosen = resolve(index, view, zone, pickWeighted(sets));
        } else {
            // Latency, geolocation and failover sets are stored and listed; until they are modelled the
            // first set (the primary, for failover) answers.
            chosen = resolve(index, view, zone, sets.get(0));
        }
        for (Record r : chosen) {
            Record out = r.getName() == owner ? r : r.withName(owner);
            addOnce(response, out, Section.ANSWER);
            added.add(out);
        }
        return cacheable;
    }

    private static boolean isRandom(RecordSet rs) {
        return rs.weight() != null || Boolean.TRUE.equals(rs.multiValueAnswer());
    }

    private RecordSet pickWeighted(List<RecordSet> sets) {
        long total = 0;
        for (RecordSet rs : sets) {
            total += rs.weight() == null ? 0 : rs.weight();
        }
        if (total == 0) {
            // Route 53: when every weight is 0, each set is chosen with equal probability.
            return sets.get(random.nextInt(sets.size()));
        }
        long pick = (long) (random.nextDouble() * total);
        for (RecordSet rs : sets) {
            pick -= rs.weight() == null ? 0 : rs.weight();
            if (pick < 0) {
                return rs;
            }
        }
        return sets.get(sets.size() - 1);
    }

    /** A set's records; an alias set answers with its target's records (same type) in the view. */
    private List<Record> resolve(ZoneIndex index, DnsView view, ZoneSnapshot zone, RecordSet rs) {
        if (!rs.isAlias()) {
            return rs.records();
        }
        Name target;
        try {
            target = DnsNames.parse(rs.aliasTarget().dnsName());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        ZoneSnapshot targetZone = ZoneIds.bare(rs.aliasTarget().hostedZoneId()).equals(zone.zone().id())
                ? zone : view.zoneFor(index, target);
        if (targetZone == null) {
            return List.of();
        }
        List<Record> out = new ArrayList<>();
        for (RecordSet t : targetZone.find(target, rs.type())) {
            if (!t.isAlias()) {
                out.addAll(t.records());
                break;
            }
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
                    if (!rs.isAlias() && !isRandom(rs)) {
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
        } catch (org.xbill.DNS.NameTooLongException e) {
            return null;
        }
    }
}
