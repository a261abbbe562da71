package dev.minicloud.dns.internal.server;

import dev.minicloud.dns.internal.zones.DnssecState;
import dev.minicloud.dns.internal.zones.KeySigningKey;
import dev.minicloud.dns.internal.zones.RecordSet;
import dev.minicloud.dns.internal.zones.ZoneIndex;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Online DNSSEC signing of answers from zones served signed, as Route 53 signs: every authoritative
 * RRset of the answer and authority sections gets an RRSIG by the zone-signing key (the DNSKEY set by
 * each active key-signing key), and negative answers are "black lies" (RFC 4470 minimal NSEC: NOERROR
 * with an NSEC at the name itself listing only the types it has), so a validator needs no zone walk and
 * no name is ever proven absent. Referrals carry the child's DS, or an NSEC proving it has none.
 *
 * <p>Also answers DS queries from the parent side: a DS question for the apex of one of our zones is
 * answered by its parent zone when we serve that too, with the parent's DS records or, when the parent
 * has none, DS records made from the child's active key-signing keys (so a chain from a signed parent
 * to a signed child validates without a hand-made DS). Signatures are cached by RRset and renewed
 * daily; each is valid from an hour before signing to 14 days after, by the instance's clock.
 */
final class ZoneSigner {
    private static final Duration BEFORE = Duration.ofHours(1);
    private static final Duration VALIDITY = Duration.ofDays(14);
    private static final Duration RENEW_AFTER = Duration.ofDays(1);
    private static final long DS_TTL = 3600;
    private static final int MAX_CACHED = 10_000;
    private static final Name NEXT_LABEL = Name.fromConstantString("\\000");

    private final Clock clock;
    private final Map<String, RRSIGRecord> signatures = new ConcurrentHashMap<>();

    ZoneSigner(Clock clock) {
        this.clock = clock;
    }

    /**
     * Rewrites DS answers to come from the parent zone, then, when {@code dnssecOk} (the query's DO bit),
     * signs what the zones served signed answered.
     */
    void apply(ZoneIndex index, DnsView view, Name qname, int qtype, Message response, boolean dnssecOk) {
        if (!dnssecOk && qtype != Type.DS) {
            return; // the common query: nothing to sign or to answer from a parent, no second zone lookup
        }
        ZoneSnapshot zone = view.zoneFor(index, qname);
        if (zone == null) {
            return;
        }
        if (qtype == Type.DS && qname.equals(zone.apex()) && qname.labels() > 1) {
            ZoneSnapshot parent = view.zoneFor(index, new Name(qname, 1));
            if (parent != null) {
                answerDsFromParent(parent, zone, qname, response);
                zone = parent;
            }
        }
        if (!dnssecOk || !zone.zone().dnssec().serveSigned()) {
            return;
        }
        DnssecState state = zone.zone().dnssec();
        if (qtype == Type.DNSKEY && qname.equals(zone.apex())) {
            response.removeAllRecords(Section.ANSWER);
            response.removeAllRecords(Section.AUTHORITY);
            response.getHeader().setRcode(Rcode.NOERROR);
            dnskeys(state).forEach(k -> response.addRecord(k, Section.ANSWER));
        } else if (isNegative(response)) {
            blackLie(zone, qname, response);
        } else {
            proveDelegation(zone, response);
        }
        sign(index, view, response, Section.ANSWER);
        sign(index, view, response, Section.AUTHORITY);
    }

    private static boolean isNegative(Message response) {
        int rcode = response.getHeader().getRcode();
        return rcode == Rcode.NXDOMAIN
                || rcode == Rcode.NOERROR
                        && response.getSection(Section.ANSWER).isEmpty()
                        && response.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.SOA);
    }

    /** NOERROR with an NSEC at the name listing the types it has (none but RRSIG and NSEC if it does not exist). */
    private static void blackLie(ZoneSnapshot zone, Name qname, Message response) {
        response.getHeader().setRcode(Rcode.NOERROR);
        TreeSet<Integer> types = new TreeSet<>(List.of(Type.RRSIG, Type.NSEC));
        if (zone.exists(qname)) {
            types.addAll(zone.at(qname).keySet());
        }
        long ttl = negativeTtl(response);
        response.addRecord(new NSECRecord(qname, DClass.IN, ttl, next(qname), toArray(types)), Section.AUTHORITY);
    }

    /** A referral's NS set: the child's DS records, or an NSEC at the cut proving there are none. */
    private static void proveDelegation(ZoneSnapshot zone, Message response) {
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r.getType() != Type.NS || r.getName().equals(zone.apex())) {
                continue;
            }
            Name cut = r.getName();
            List<Record> ds = new ArrayList<>();
            for (RecordSet set : zone.find(cut, Type.DS)) {
                ds.addAll(set.records());
            }
            if (ds.isEmpty()) {
                long ttl = zone.soa() == null
                        ? 900
                        : Math.min(zone.soa().getTTL(), zone.soa().getMinimum());
                response.addRecord(
                        new NSECRecord(cut, DClass.IN, ttl, next(cut), new int[] {Type.NS, Type.RRSIG, Type.NSEC}),
                        Section.AUTHORITY);
            } else {
                ds.forEach(d -> response.addRecord(d, Section.AUTHORITY));
            }
            return;
        }
    }

    private static void answerDsFromParent(ZoneSnapshot parent, ZoneSnapshot child, Name qname, Message response) {
        response.removeAllRecords(Section.ANSWER);
        response.removeAllRecords(Section.AUTHORITY);
        response.getHeader().setRcode(Rcode.NOERROR);
        List<Record> ds = new ArrayList<>();
        for (RecordSet set : parent.find(qname, Type.DS)) {
            ds.addAll(set.records());
        }
        if (ds.isEmpty() && child.zone().dnssec().serveSigned()) {
            for (KeySigningKey k : child.zone().dnssec().active()) {
                ds.add(new DSRecord(qname, DClass.IN, DS_TTL, DNSSEC.Digest.SHA256, k.dnskey()));
            }
        }
        if (ds.isEmpty()) {
            SOARecord soa = parent.soa();
            if (soa != null) {
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
        } else {
            ds.forEach(d -> response.addRecord(d, Section.ANSWER));
        }
    }

    /** Adds an RRSIG to each RRset of a section that belongs to a zone served signed (not to a referral's NS). */
    private void sign(ZoneIndex index, DnsView view, Message response, int section) {
        List<RRSIGRecord> added = new ArrayList<>();
        for (RRset set : response.getSectionRRsets(section)) {
            int type = set.getType();
            if (type == Type.RRSIG || type == Type.OPT) {
                continue;
            }
            Name owner = set.getName();
            // DS and a cut's NSEC are the parent's: sign them with the zone above a zone apex.
            ZoneSnapshot zone = type == Type.DS && owner.labels() > 1
                    ? view.zoneFor(index, parentSide(index, view, owner))
                    : view.zoneFor(index, owner);
            if (zone == null || !zone.zone().dnssec().serveSigned()) {
                continue;
            }
            if (type == Type.NS && !owner.equals(zone.apex())) {
                continue; // a referral: the child signs its own NS set
            }
            DnssecState state = zone.zone().dnssec();
            if (type == Type.DNSKEY) {
                for (KeySigningKey k : state.active()) {
                    added.add(signature(set, k.dnskey(), k.privateKey()));
                }
            } else {
                added.add(signature(set, state.zsk(), state.zskPrivate()));
            }
        }
        added.forEach(r -> response.addRecord(r, section));
    }

    /** The name whose zone holds a DS at {@code owner}: the parent's if {@code owner} is a zone apex. */
    private static Name parentSide(ZoneIndex index, DnsView view, Name owner) {
        ZoneSnapshot z = view.zoneFor(index, owner);
        return z != null && z.apex().equals(owner) ? new Name(owner, 1) : owner;
    }

    private RRSIGRecord signature(RRset set, DNSKEYRecord key, PrivateKey privateKey) {
        String cacheKey = cacheKey(set, key);
        Instant now = clock.instant();
        RRSIGRecord cached = signatures.get(cacheKey);
        if (cached != null && now.isBefore(cached.getTimeSigned().plus(BEFORE).plus(RENEW_AFTER))) {
            return cached;
        }
        try {
            RRSIGRecord sig = DNSSEC.sign(set, key, privateKey, now.minus(BEFORE), now.plus(VALIDITY));
            if (signatures.size() >= MAX_CACHED) {
                signatures.clear();
            }
            signatures.put(cacheKey, sig);
            return sig;
        } catch (DNSSEC.DNSSECException e) {
            // Our own keys, made for this algorithm: signing cannot fail unless the JVM lost EC support.
            throw new IllegalStateException("signing " + set.getName() + " failed", e);
        }
    }

    private static String cacheKey(RRset set, DNSKEYRecord key) {
        StringBuilder b = new StringBuilder()
                .append(key.getFootprint())
                .append(' ')
                .append(set.getName().toString().toLowerCase(Locale.ROOT))
                .append(' ')
                .append(set.getType())
                .append(' ')
                .append(set.getTTL());
        for (Record r : set.rrs()) {
            b.append(' ').append(r.rdataToString());
        }
        return b.toString();
    }

    private static List<DNSKEYRecord> dnskeys(DnssecState state) {
        List<DNSKEYRecord> out = new ArrayList<>();
        state.active().forEach(k -> out.add(k.dnskey()));
        out.add(state.zsk());
        return out;
    }

    private static long negativeTtl(Message response) {
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r.getType() == Type.SOA) {
                return r.getTTL();
            }
        }
        return 900;
    }

    private static Name next(Name name) {
        try {
            return Name.concatenate(NEXT_LABEL, name);
        } catch (NameTooLongException e) {
            return name; // a name at the length limit has no successor of this form: an NSEC to itself still covers it
        }
    }

    private static int[] toArray(TreeSet<Integer> types) {
        return types.stream().mapToInt(Integer::intValue).toArray();
    }
}
