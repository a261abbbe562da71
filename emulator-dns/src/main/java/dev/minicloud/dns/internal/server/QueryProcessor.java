package dev.minicloud.dns.internal.server;

import dev.minicloud.dns.internal.zones.ZoneIndex;
import dev.minicloud.spi.ServiceRecords;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one DNS query (wire bytes) into the reply bytes for one endpoint, independent of the
 * transport: message validation, EDNS0, the authoritative answer, UDP size limits, upstream
 * forwarding and an answer cache.
 *
 * <p>Bad input (RFC 1035 §4.1.1, RFC 6891): a packet too short for a header, or one with QR set, is
 * dropped; one that does not parse gets FORMERR (header only, never larger than the query);
 * QDCOUNT other than 1 gets FORMERR; opcodes other than QUERY get NOTIMP; classes other than IN and
 * zone transfers get REFUSED; an EDNS version above 0 gets BADVERS.
 *
 * <p>Deterministic replies are kept in an {@link AnswerCache}, those that health checks decided only
 * until some check's status changes; weighted and multivalue answers, which are random, answers
 * chosen by the client's address, and forwarded answers are never cached.
 */
public final class QueryProcessor {
    private static final long SERVICE_RECORD_TTL = 15;
    /** The UDP payload size we advertise in our OPT record. */
    static final int OUR_PAYLOAD = 1232;

    private static final int BADVERS = 16;

    private final Supplier<ZoneIndex> zones;
    private final DnsView view;
    private final Answerer answerer;
    private final UpstreamForwarder upstream;
    /** Names other services own (ElastiCache endpoints), asked when no hosted zone matches. */
    private Supplier<ServiceRecords> serviceRecords = () -> null;

    private final AnswerCache cache = new AnswerCache();
    private final ClientLocator locator;
    private final ZoneSigner signer;

    QueryProcessor(Supplier<ZoneIndex> zones, DnsView view, Answerer answerer, UpstreamForwarder upstream) {
        this(zones, view, answerer, upstream, ClientLocator.none(), new ZoneSigner(Clock.systemUTC()));
    }

    QueryProcessor(
            Supplier<ZoneIndex> zones,
            DnsView view,
            Answerer answerer,
            UpstreamForwarder upstream,
            ClientLocator locator,
            ZoneSigner signer) {
        this.signer = signer;
        this.zones = zones;
        this.view = view;
        this.answerer = answerer;
        this.upstream = upstream;
        this.locator = locator;
    }

    /**
     * The cached reply to {@code query}, or {@code null} (then call {@link #process}): the cache's own
     * array, not to be modified, to be sent with bytes 0-1 replaced by the query's id. Lets a
     * transport copy a hit once, straight into its output buffer. Only queries that {@link #process}
     * answered normally are ever cached, so a hit needs none of its checks.
     */
    byte[] cachedReply(byte[] query, boolean udp) {
        return query.length < Header.LENGTH
                ? null
                : cache.peek(query, udp, zones.get().generation(), answerer.healthGeneration());
    }

    /**
     * Answers {@code query}; {@code reply} is called once with the reply bytes, possibly later and on
     * another thread (forwarding), or never when the query is dropped.
     */
    void serviceRecords(Supplier<ServiceRecords> records) {
        this.serviceRecords = records;
    }

    /**
     * Answers a name another service owns: its A records (TTL 15 s), NODATA for other types, NXDOMAIN
     * for a name it does not have; always authoritative, never cached (the owner changes them with
     * no zone generation to follow). {@code false} when no service owns the name.
     */
    private boolean answerServiceRecord(Name qname, int qtype, Message response) {
        ServiceRecords records = serviceRecords.get();
        if (records == null) {
            return false;
        }
        String name = qname.toString(true).toLowerCase(Locale.ROOT);
        if (!records.owns(name)) {
            return false;
        }
        response.getHeader().setFlag(Flags.AA);
        List<InetAddress> addresses = records.addresses(name);
        if (addresses.isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return true;
        }
        if (qtype == Type.A || qtype == Type.ANY) {
            for (InetAddress a : addresses) {
                if (a instanceof Inet4Address) {
                    response.addRecord(new ARecord(qname, DClass.IN, SERVICE_RECORD_TTL, a), Section.ANSWER);
                }
            }
        }
        return true;
    }

    public void process(byte[] query, boolean udp, Consumer<byte[]> reply) {
        process(query, udp, null, reply);
    }

    /** As {@link #process(byte[], boolean, Consumer)}, for a query from {@code source} (latency and geolocation records may depend on it). */
    public void process(byte[] query, boolean udp, InetAddress source, Consumer<byte[]> reply) {
        if (query.length < Header.LENGTH) {
            return;
        }
        if ((query[2] & 0x80) != 0) {
            // QR set: a response, never answered (answering could start a loop between servers).
            return;
        }
        ZoneIndex index = zones.get();
        // Read before answering: a check that flips while this answer is computed makes it stale at once.
        long health = answerer.healthGeneration();
        byte[] cached = cache.get(query, udp, index.generation(), health);
        if (cached != null) {
            reply.accept(cached);
            return;
        }
        Message q;
        try {
            q = new Message(query);
        } catch (IOException | RuntimeException e) {
            reply.accept(headerOnly(query, Rcode.FORMERR));
            return;
        }
        Header h = q.getHeader();
        if (h.getOpcode() != Opcode.QUERY) {
            reply.accept(headerOnly(query, Rcode.NOTIMP));
            return;
        }
        // dnsjava drops what it cannot parse of a message with TC set: the counts then promise a
        // question that is not there
        if (h.getCount(Section.QUESTION) != 1 || q.getQuestion() == null) {
            reply.accept(headerOnly(query, Rcode.FORMERR));
            return;
        }
        Message response = new Message(h.getID());
        Header rh = response.getHeader();
        rh.setFlag(Flags.QR);
        if (h.getFlag(Flags.RD)) {
            rh.setFlag(Flags.RD);
        }
        Record question = q.getQuestion();
        response.addRecord(question, Section.QUESTION);
        OPTRecord opt = q.getOPT();
        int limit = udp ? 512 : 65535;
        if (opt != null) {
            if (opt.getVersion() > 0) {
                response.addRecord(new OPTRecord(OUR_PAYLOAD, BADVERS >>> 4, 0, 0), Section.ADDITIONAL);
                rh.setRcode(Rcode.NOERROR); // BADVERS (16): extended RCODE 1 in the OPT above, header RCODE 0
                reply.accept(response.toWire());
                return;
            }
            if (udp) {
                // Never above what we advertise: large UDP answers fragment and amplify (DNS Flag Day 2020).
                limit = Math.max(512, Math.min(opt.getPayloadSize(), OUR_PAYLOAD));
            }
        }
        boolean cacheable;
        boolean healthDecided = false;
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY
                || question.getType() == Type.AXFR
                || question.getType() == Type.IXFR) {
            rh.setRcode(Rcode.REFUSED);
            cacheable = true;
        } else {
            ClientSubnetOption subnet = ClientLocator.clientSubnet(opt);
            ClientPlace client = locator.locate(source, subnet);
            Answerer.Outcome outcome = answerer.answer(
                    index, view, client, question.getName(), question.getType(), response, !locator.isEmpty());
            if (outcome == Answerer.Outcome.NO_ZONE
                    && answerServiceRecord(question.getName(), question.getType(), response)) {
                outcome = Answerer.Outcome.ANSWERED_UNCACHEABLE;
            }
            if (outcome == Answerer.Outcome.NO_ZONE) {
                if (upstream != null) {
                    forward(q, opt, limit, reply);
                    return;
                }
                rh.setRcode(Rcode.REFUSED);
            }
            cacheable = outcome != Answerer.Outcome.ANSWERED_UNCACHEABLE;
            healthDecided = outcome == Answerer.Outcome.ANSWERED_WHILE_HEALTH_HOLDS;
            if (outcome != Answerer.Outcome.NO_ZONE) {
                boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
                signer.apply(index, view, question.getName(), question.getType(), response, dnssecOk);
            }
        }
        if (opt != null) {
            ClientSubnetOption subnet = ClientLocator.clientSubnet(opt);
            List<EDNSOption> echo = subnet == null
                    ? List.of()
                    // RFC 7871 7.2.1: echo the option; the scope says how much of the subnet the answer depended on.
                    : List.of(new ClientSubnetOption(
                            subnet.getSourcePrefixLength(),
                            locator.isEmpty() ? 0 : subnet.getSourcePrefixLength(),
                            subnet.getAddress()));
            response.addRecord(new OPTRecord(OUR_PAYLOAD, 0, 0, opt.getFlags() & 0x8000, echo), Section.ADDITIONAL);
        }
        byte[] out = render(response, limit, opt != null);
        if (cacheable) {
            cache.put(query, udp, index.generation(), healthDecided ? health : AnswerCache.ANY_HEALTH, out);
        }
        reply.accept(out);
    }

    private void forward(Message q, OPTRecord opt, int limit, Consumer<byte[]> reply) {
        int id = q.getHeader().getID();
        upstream.forward(q).whenComplete((answer, error) -> {
            Message response;
            if (error != null || answer == null) {
                response = new Message(id);
                response.getHeader().setFlag(Flags.QR);
                if (q.getHeader().getFlag(Flags.RD)) {
                    response.getHeader().setFlag(Flags.RD);
                }
                response.getHeader().setRcode(Rcode.SERVFAIL);
                response.addRecord(q.getQuestion(), Section.QUESTION);
                if (opt != null) {
                    response.addRecord(new OPTRecord(OUR_PAYLOAD, 0, 0), Section.ADDITIONAL);
                }
            } else {
                response = answer;
                response.getHeader().setID(id);
            }
            reply.accept(render(response, limit, opt != null));
        });
    }

    /** The reply, or a header+question(+OPT) reply with TC when it does not fit the UDP limit. */
    private static byte[] render(Message response, int limit, boolean edns) {
        byte[] out = response.toWire();
        if (out.length <= limit) {
            return out;
        }
        Message truncated = new Message(response.getHeader().getID());
        Header th = truncated.getHeader();
        th.setFlag(Flags.QR);
        th.setFlag(Flags.TC);
        for (int f : new int[] {Flags.AA, Flags.RD, Flags.RA}) {
            if (response.getHeader().getFlag(f)) {
                th.setFlag(f);
            }
        }
        th.setRcode(response.getHeader().getRcode());
        Record question = response.getQuestion();
        if (question != null) {
            truncated.addRecord(question, Section.QUESTION);
        }
        if (edns) {
            truncated.addRecord(new OPTRecord(OUR_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        byte[] small = truncated.toWire();
        return small.length <= limit ? small : headerOnlyTc(small);
    }

    private static byte[] headerOnlyTc(byte[] msg) {
        byte[] h = Arrays.copyOf(msg, Header.LENGTH);
        Arrays.fill(h, 4, 12, (byte) 0);
        return h;
    }

    /** A header-only reply (all counts zero) to a query that cannot be answered normally. */
    static byte[] headerOnly(byte[] query, int rcode) {
        byte[] out = new byte[Header.LENGTH];
        out[0] = query[0];
        out[1] = query[1];
        // QR=1, keep opcode and RD; AA, TC clear.
        out[2] = (byte) (0x80 | (query[2] & 0x79));
        out[3] = (byte) (rcode & 0x0F);
        return out;
    }

    /** Drops cached answers (after a reset, say); the generation check covers normal changes. */
    void clearCache() {
        cache.clear();
    }
}
