package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.testing.CostRatio;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The known worst cases of the DNS data plane answer in time bounded relative to a trivial query on
 * the same instance (issue 16, standing defence "algorithmic limits"): a 900-record CNAME chain, a
 * CNAME loop, a compression-pointer loop and a long pointer chain, and the server still answers.
 */
class DnsAlgorithmicLimitsIT {
    private static final int CHAIN = 900;
    private static MiniCloud cloud;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("dns").start();
        String zone = Route53Raw.createZone(cloud, "limits.example.");
        StringBuilder changes = new StringBuilder(Route53Raw.create("www.limits.example.", "A", "192.0.2.1"));
        for (int i = 0; i < CHAIN; i++) {
            changes.append(
                    Route53Raw.create("c" + i + ".limits.example.", "CNAME", "c" + (i + 1) + ".limits.example."));
        }
        changes.append(Route53Raw.create("c" + CHAIN + ".limits.example.", "A", "192.0.2.2"));
        changes.append(Route53Raw.create("loop1.limits.example.", "CNAME", "loop2.limits.example."));
        changes.append(Route53Raw.create("loop2.limits.example.", "CNAME", "loop1.limits.example."));
        Route53Raw.change(cloud, zone, changes.toString());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static byte[] query(String name) throws IOException {
        return Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN))
                .toWire();
    }

    /** Sends one UDP packet and returns the reply. */
    private static Message udp(byte[] packet) throws IOException {
        InetSocketAddress dns = cloud.address("dns").orElseThrow();
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(10_000);
            s.send(new DatagramPacket(packet, packet.length, dns));
            DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
            s.receive(reply);
            return new Message(Arrays.copyOf(reply.getData(), reply.getLength()));
        }
    }

    @Test
    void longCnameChainsAndLoopsCostAboutWhatAPlainAnswerDoes() throws Exception {
        byte[] plain = query("www.limits.example.");
        byte[] chain = query("c0.limits.example.");
        byte[] loop = query("loop1.limits.example.");
        CostRatio.assertAtMost(20, "a " + CHAIN + "-record CNAME chain", () -> udp(plain), () -> udp(chain));
        CostRatio.assertAtMost(20, "a CNAME loop", () -> udp(plain), () -> udp(loop));
        Message answer = udp(chain);
        assertEquals(Rcode.NOERROR, answer.getRcode());
        assertTrue(answer.getSection(Section.ANSWER).size() <= 17, "the chain is followed a bounded number of hops");
        assertEquals(Rcode.NOERROR, udp(loop).getRcode());
        assertEquals("192.0.2.1", udp(plain).getSection(Section.ANSWER).get(0).rdataToString());
    }

    @Test
    void compressionPointerLoopsAndChainsAreRefusedCheaply() throws Exception {
        byte[] plain = query("www.limits.example.");
        CostRatio.assertAtMost(20, "a compression-pointer loop", () -> udp(plain), () -> udp(pointerLoop()));
        CostRatio.assertAtMost(20, "a 200-pointer chain", () -> udp(plain), () -> udp(pointerChain(200)));
        assertEquals(Rcode.FORMERR, udp(pointerLoop()).getRcode());
        assertEquals(Rcode.FORMERR, udp(pointerChain(200)).getRcode());
        assertEquals("192.0.2.1", udp(plain).getSection(Section.ANSWER).get(0).rdataToString());
    }

    /** A query whose question name is a pointer to itself. */
    private static byte[] pointerLoop() {
        return new byte[] {
            0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01
        };
    }

    /**
     * A query with {@code n} one-label names after the question, each ending in a pointer to the one
     * before, and the question name pointing at the last: resolving it walks every pointer.
     */
    private static byte[] pointerChain(int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x12, 0x35, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0});
        int question = 12;
        b.writeBytes(new byte[] {(byte) 0xc0, 0, 0x00, 0x01, 0x00, 0x01}); // patched below
        int previous = -1;
        for (int i = 0; i < n; i++) {
            int at = b.size();
            b.write(1);
            b.write('a');
            if (previous < 0) {
                b.write(0);
            } else {
                b.write(0xc0 | (previous >> 8));
                b.write(previous & 0xff);
            }
            previous = at;
        }
        byte[] packet = b.toByteArray();
        packet[question] = (byte) (0xc0 | (previous >> 8));
        packet[question + 1] = (byte) (previous & 0xff);
        return packet;
    }
}
