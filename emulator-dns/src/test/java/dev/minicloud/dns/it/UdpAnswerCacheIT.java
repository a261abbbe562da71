package dev.minicloud.dns.it;

import static dev.minicloud.dns.it.BadPacketIT.id;
import static dev.minicloud.dns.it.BadPacketIT.packet;
import static dev.minicloud.dns.it.BadPacketIT.question;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.dns.DnsService;
import dev.minicloud.junit.MiniCloudExtension;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/**
 * Repeated UDP questions, which the server answers from its reply cache: each reply carries its own
 * query's id and otherwise the same bytes, and a change batch replaces a cached answer at once.
 */
class UdpAnswerCacheIT {
    @RegisterExtension
    MiniCloudExtension cloud = MiniCloudExtension.builder().services("dns").build();

    Route53Client r53;
    String zoneId;
    DatagramSocket socket;

    @BeforeEach
    void zoneAndSocket() throws IOException {
        r53 = Route53Clients.forCloud(cloud.getMiniCloud());
        zoneId = r53.createHostedZone(b -> b.name("example.com").callerReference("cache"))
                .hostedZone()
                .id();
        setWww("192.0.2.1");
        InetSocketAddress dns =
                cloud.getMiniCloud().service(DnsService.class).orElseThrow().publicEndpoint();
        socket = new DatagramSocket();
        socket.connect(dns);
        // Only a safety net so a broken server fails the test instead of hanging it.
        socket.setSoTimeout(10_000);
    }

    @AfterEach
    void close() {
        socket.close();
        r53.close();
    }

    void setWww(String address) {
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                .changeBatch(cb -> cb.changes(c -> c.action(ChangeAction.UPSERT)
                        .resourceRecordSet(s -> s.name("www.example.com")
                                .type(RRType.A)
                                .ttl(60L)
                                .resourceRecords(
                                        ResourceRecord.builder().value(address).build())))));
    }

    byte[] ask(int id) throws IOException {
        byte[] query = packet(id, 0x0100, 1, 0, 0, 0, question("www.example.com", 1, 1));
        socket.send(new DatagramPacket(query, query.length));
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return Arrays.copyOf(buf, p.getLength());
    }

    static String address(byte[] reply) throws IOException {
        Message m = new Message(reply);
        assertEquals(Rcode.NOERROR, m.getRcode());
        return DnsQueries.answers(m).get(0);
    }

    static byte[] withoutId(byte[] reply) {
        return Arrays.copyOfRange(reply, 2, reply.length);
    }

    @Test
    void repeatedQueryGetsItsOwnIdAndTheSameAnswer() throws IOException {
        byte[] first = ask(0x0101);
        byte[] second = ask(0xfefe);
        byte[] third = ask(0x0101);
        assertEquals(0x0101, id(first));
        assertEquals(0xfefe, id(second));
        assertEquals(0x0101, id(third));
        assertEquals("192.0.2.1", address(second));
        assertArrayEquals(withoutId(first), withoutId(second));
        assertArrayEquals(first, third, "the same question with the same id gets the same bytes");
    }

    @Test
    void changeBatchReplacesACachedAnswerAtOnce() throws IOException {
        assertEquals("192.0.2.1", address(ask(0x1111)));
        assertEquals("192.0.2.1", address(ask(0x1112)));
        setWww("192.0.2.2");
        byte[] after = ask(0x2222);
        assertEquals(0x2222, id(after));
        assertEquals("192.0.2.2", address(after));
    }
}
