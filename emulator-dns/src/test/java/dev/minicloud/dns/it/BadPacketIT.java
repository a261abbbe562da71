package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.dns.DnsService;
import dev.minicloud.junit.MiniCloudExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/**
 * Malformed and unusual datagrams sent over real UDP: each gets the RFC's answer (FORMERR, NOTIMP,
 * REFUSED, BADVERS) or is dropped, no reply is ever larger than the query invites, and the server
 * keeps answering. A drop is proven without waiting: the next valid query's reply arrives first.
 */
class BadPacketIT {
    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("dns").build();

    static InetSocketAddress dns;
    DatagramSocket socket;

    @BeforeAll
    static void zone() {
        try (Route53Client r53 = Route53Clients.forCloud(cloud.getMiniCloud())) {
            HostedZone zone = r53.createHostedZone(b -> b.name("example.com").callerReference("bad"))
                    .hostedZone();
            ResourceRecord[] many = texts(30);
            ResourceRecord[] some = texts(15);
            r53.changeResourceRecordSets(b -> b.hostedZoneId(zone.id())
                    .changeBatch(cb -> cb.changes(
                            c -> c.action(ChangeAction.CREATE)
                                    .resourceRecordSet(s -> s.name("www.example.com")
                                            .type(RRType.A)
                                            .ttl(60L)
                                            .resourceRecords(ResourceRecord.builder()
                                                    .value("192.0.2.1")
                                                    .build())),
                            c -> c.action(ChangeAction.CREATE)
                                    .resourceRecordSet(s -> s.name("big.example.com")
                                            .type(RRType.TXT)
                                            .ttl(60L)
                                            .resourceRecords(many)),
                            c -> c.action(ChangeAction.CREATE)
                                    .resourceRecordSet(s -> s.name("mid.example.com")
                                            .type(RRType.TXT)
                                            .ttl(60L)
                                            .resourceRecords(some)))));
        }
        dns = cloud.getMiniCloud().service(DnsService.class).orElseThrow().publicEndpoint();
    }

    /** {@code n} TXT values of about 45 bytes each. */
    private static ResourceRecord[] texts(int n) {
        ResourceRecord[] values = new ResourceRecord[n];
        for (int i = 0; i < n; i++) {
            values[i] = ResourceRecord.builder()
                    .value("\"" + "y".repeat(40) + i + "\"")
                    .build();
        }
        return values;
    }

    @BeforeEach
    void open() throws IOException {
        socket = new DatagramSocket();
        socket.connect(dns);
        // Only a safety net so a broken server fails the test instead of hanging it.
        socket.setSoTimeout(10_000);
    }

    @AfterEach
    void close() {
        socket.close();
    }

    /** Header (12 bytes) + body. */
    static byte[] packet(int id, int flags, int qd, int an, int ns, int ar, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int v : new int[] {id, flags, qd, an, ns, ar}) {
            out.write(v >>> 8);
            out.write(v);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The question {@code name A IN} in wire form. */
    static byte[] question(String name, int type, int dclass) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
        out.write(type >>> 8);
        out.write(type);
        out.write(dclass >>> 8);
        out.write(dclass);
        return out.toByteArray();
    }

    static byte[] opt(int payload, int version) {
        return new byte[] {0, 0, 41, (byte) (payload >>> 8), (byte) payload, 0, (byte) version, 0, 0, 0, 0};
    }

    byte[] exchange(byte[] query) throws IOException {
        socket.send(new DatagramPacket(query, query.length));
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return Arrays.copyOf(buf, p.getLength());
    }

    static int id(byte[] m) {
        return ((m[0] & 0xff) << 8) | (m[1] & 0xff);
    }

    static int rcode(byte[] m) {
        return m[3] & 0x0f;
    }

    /** Sends a packet that must be dropped, then a valid query whose reply must be the next datagram. */
    void assertDropped(byte[] bad) throws IOException {
        socket.send(new DatagramPacket(bad, bad.length));
        byte[] reply = exchange(packet(0x7777, 0x0100, 1, 0, 0, 0, question("www.example.com", 1, 1)));
        assertEquals(0x7777, id(reply), "the dropped packet must not have been answered");
        assertEquals(Rcode.NOERROR, rcode(reply));
    }

    @Test
    void packetShorterThanAHeaderIsDropped() throws IOException {
        assertDropped(new byte[] {0x11, 0x11, 0x01, 0x00, 0x00});
    }

    @Test
    void responsesAreNeverAnswered() throws IOException {
        assertDropped(packet(0x2222, 0x8100, 1, 0, 0, 0, question("www.example.com", 1, 1)));
    }

    @Test
    void bogusSectionCountsGetFormerrNoLargerThanTheQuery() throws IOException {
        byte[] q = packet(0x3333, 0x0100, 1, 40, 0, 0, question("www.example.com", 1, 1));
        byte[] reply = exchange(q);
        assertEquals(0x3333, id(reply));
        assertEquals(Rcode.FORMERR, rcode(reply));
        assertTrue(reply.length <= q.length);
    }

    @Test
    void truncatedQueryWithAnUnparseableNameGetsFormerr() throws IOException {
        // TC set and a label length (0x84) past the name: dnsjava then keeps no question at all
        // (a fuzzer's find; it used to throw and drop the query)
        byte[] body = {(byte) 0x84, 'f', 'u', 'z', 'z', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, (byte) 0xfc, 0, 1};
        byte[] reply = exchange(packet(0x4646, 0x0700, 1, 0, 0, 0, body));
        assertEquals(0x4646, id(reply));
        assertEquals(Rcode.FORMERR, rcode(reply));
        assertEquals(
                0x4747,
                id(exchange(packet(0x4747, 0x0100, 1, 0, 0, 0, question("www.example.com", 1, 1)))),
                "the server still answers");
    }

    @Test
    void compressionPointerLoopGetsFormerr() throws IOException {
        // The question name is a pointer to itself (offset 12).
        byte[] reply = exchange(packet(0x4444, 0x0100, 1, 0, 0, 0, new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1}));
        assertEquals(0x4444, id(reply));
        assertEquals(Rcode.FORMERR, rcode(reply));
    }

    @Test
    void oversizeOrReservedLabelGetsFormerr() throws IOException {
        byte[] body = new byte[70];
        body[0] = 0x45; // 69: a reserved label type (01xxxxxx), not a length
        byte[] reply = exchange(packet(0x4545, 0x0100, 1, 0, 0, 0, body));
        assertEquals(Rcode.FORMERR, rcode(reply));
        byte[] longName = new byte[300];
        for (int i = 0; i < 300 - 1; i += 60) {
            longName[i] = 59;
            Arrays.fill(longName, i + 1, Math.min(i + 60, 299), (byte) 'a');
        }
        byte[] reply2 = exchange(packet(0x4646, 0x0100, 1, 0, 0, 0, longName));
        assertEquals(Rcode.FORMERR, rcode(reply2));
    }

    @Test
    void questionCountOtherThanOneGetsFormerr() throws IOException {
        byte[] q = question("www.example.com", 1, 1);
        byte[] two = new byte[q.length * 2];
        System.arraycopy(q, 0, two, 0, q.length);
        System.arraycopy(q, 0, two, q.length, q.length);
        assertEquals(Rcode.FORMERR, rcode(exchange(packet(0x5555, 0x0100, 2, 0, 0, 0, two))));
        assertEquals(Rcode.FORMERR, rcode(exchange(packet(0x5556, 0x0100, 0, 0, 0, 0, new byte[0]))));
    }

    @Test
    void unknownOpcodeGetsNotimp() throws IOException {
        byte[] reply = exchange(packet(0x6666, 0x0100 | (3 << 11), 1, 0, 0, 0, question("www.example.com", 1, 1)));
        assertEquals(0x6666, id(reply));
        assertEquals(Rcode.NOTIMP, rcode(reply));
        assertTrue((reply[2] & 0x80) != 0, "QR set");
    }

    @Test
    void nonInternetClassIsRefused() throws IOException {
        byte[] reply = exchange(packet(0x6767, 0x0100, 1, 0, 0, 0, question("version.bind", 16, 3)));
        assertEquals(Rcode.REFUSED, rcode(reply));
    }

    @Test
    void ednsVersionAboveZeroGetsBadvers() throws IOException {
        byte[] body = concat(question("www.example.com", 1, 1), opt(1232, 1));
        Message reply = new Message(exchange(packet(0x6868, 0x0100, 1, 0, 0, 1, body)));
        assertEquals(Rcode.BADVERS, reply.getRcode());
        assertEquals(0, reply.getOPT().getVersion());
        assertTrue(reply.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void answerLargerThan512BytesIsTruncatedWithoutEdnsAndWholeWithIt() throws IOException {
        byte[] plain = exchange(packet(0x6969, 0x0100, 1, 0, 0, 0, question("mid.example.com", 16, 1)));
        assertTrue(plain.length <= 512, "reply of " + plain.length + " bytes");
        Message truncated = new Message(plain);
        assertTrue(truncated.getHeader().getFlag(Flags.TC));
        assertTrue(truncated.getSection(Section.ANSWER).isEmpty());

        byte[] small =
                exchange(packet(0x6a6a, 0x0100, 1, 0, 0, 1, concat(question("mid.example.com", 16, 1), opt(600, 0))));
        assertTrue(small.length <= 600, "reply of " + small.length + " bytes");
        assertTrue(new Message(small).getHeader().getFlag(Flags.TC));

        byte[] mid =
                exchange(packet(0x6b6b, 0x0100, 1, 0, 0, 1, concat(question("mid.example.com", 16, 1), opt(1232, 0))));
        Message whole = new Message(mid);
        assertFalse(whole.getHeader().getFlag(Flags.TC));
        assertEquals(15, whole.getSection(Section.ANSWER).size());
        assertEquals(0, whole.getOPT().getVersion());
    }

    @Test
    void udpRepliesNeverExceedOurAdvertisedPayloadWhateverSizeTheClientOffers() throws IOException {
        // A 65,535-byte EDNS offer over UDP invites fragmentation and amplification: like Knot and
        // BIND (DNS Flag Day 2020), UDP answers stop at 1,232 bytes and larger ones set TC.
        for (int offer : new int[] {4096, 65535}) {
            byte[] reply = exchange(
                    packet(0x6c6c, 0x0100, 1, 0, 0, 1, concat(question("big.example.com", 16, 1), opt(offer, 0))));
            assertTrue(reply.length <= 1232, "reply of " + reply.length + " bytes to an offer of " + offer);
            Message m = new Message(reply);
            assertTrue(m.getHeader().getFlag(Flags.TC));
            assertEquals(1232, m.getOPT().getPayloadSize());
        }
    }

    @Test
    void randomGarbageNeverCrashesTheServerNorGetsAnOversizeReply() throws IOException {
        Random random = new Random(6);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            if (junk.length > 2) {
                junk[2] &= 0x7f; // QR clear, so the server has to look at it
            }
            socket.send(new DatagramPacket(junk, junk.length));
        }
        byte[] query = packet(0x7e7e, 0x0100, 1, 0, 0, 0, question("www.example.com", 1, 1));
        socket.send(new DatagramPacket(query, query.length));
        byte[] buf = new byte[65535];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            assertTrue(p.getLength() <= 512, "reply of " + p.getLength() + " bytes to a query without EDNS");
            if (p.getLength() >= 12
                    && id(buf) == 0x7e7e
                    && (buf[3] & 0x0f) == Rcode.NOERROR
                    && new Message(Arrays.copyOf(buf, p.getLength()))
                                    .getSection(Section.ANSWER)
                                    .size()
                            == 1) {
                break;
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
