package dev.minicloud.dns.it;

import static dev.minicloud.dns.it.DnsQueries.answers;
import static dev.minicloud.dns.it.DnsQueries.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.dns.DnsService;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NioClient;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/** With {@code --dns-upstream}, names in no hosted zone are forwarded; a silent upstream yields SERVFAIL. */
class UpstreamForwardingIT {

    private static void addA(MiniCloud cloud, String zone, String name, String ip) {
        try (Route53Client r53 = Route53Clients.forCloud(cloud)) {
            HostedZone z = r53.createHostedZone(b -> b.name(zone).callerReference(zone))
                    .hostedZone();
            r53.changeResourceRecordSets(b -> b.hostedZoneId(z.id())
                    .changeBatch(cb -> cb.changes(c -> c.action(ChangeAction.CREATE)
                            .resourceRecordSet(s -> s.name(name)
                                    .type(RRType.A)
                                    .ttl(60L)
                                    .resourceRecords(
                                            ResourceRecord.builder().value(ip).build())))));
        }
    }

    private static InetSocketAddress dns(MiniCloud cloud) {
        return cloud.service(DnsService.class).orElseThrow().publicEndpoint();
    }

    @Test
    void namesInNoZoneAreForwardedToTheUpstream() {
        try (MiniCloud upstream = MiniCloud.builder().services("dns").start()) {
            addA(upstream, "example.org", "www.example.org", "198.51.100.7");
            InetSocketAddress up = dns(upstream);
            try (MiniCloud cloud = MiniCloud.builder()
                    .services("dns")
                    .setting("dns-upstream", "127.0.0.1:" + up.getPort())
                    .start()) {
                addA(cloud, "example.com", "www.example.com", "192.0.2.1");
                for (boolean tcp : new boolean[] {false, true}) {
                    Message forwarded = query(dns(cloud), "www.example.org.", Type.A, tcp);
                    assertEquals(List.of("198.51.100.7"), answers(forwarded));
                    Message local = query(dns(cloud), "www.example.com.", Type.A, tcp);
                    assertEquals(List.of("192.0.2.1"), answers(local));
                }
            }
        }
    }

    @Test
    void anAnswerTheUpstreamTruncatesOverUdpIsFetchedAgainOverTcp() {
        try (MiniCloud upstream = MiniCloud.builder().services("dns").start()) {
            List<ResourceRecord> texts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                texts.add(ResourceRecord.builder()
                        .value("\"" + "record-" + i + "-" + "x".repeat(40) + "\"")
                        .build());
            }
            try (Route53Client r53 = Route53Clients.forCloud(upstream)) {
                HostedZone z = r53.createHostedZone(b -> b.name("example.org").callerReference("big"))
                        .hostedZone();
                r53.changeResourceRecordSets(b -> b.hostedZoneId(z.id())
                        .changeBatch(cb -> cb.changes(c -> c.action(ChangeAction.CREATE)
                                .resourceRecordSet(s -> s.name("big.example.org")
                                        .type(RRType.TXT)
                                        .ttl(60L)
                                        .resourceRecords(texts)))));
            }
            try (MiniCloud cloud = MiniCloud.builder()
                    .services("dns")
                    .setting("dns-upstream", "127.0.0.1:" + dns(upstream).getPort())
                    .start()) {
                // Over any UDP size: the forwarder's plain UDP query comes back with TC and is asked again over TCP.
                Message m = query(dns(cloud), "big.example.org.", Type.TXT, true);
                assertEquals(40, answers(m).size());
            }
        }
    }

    @Test
    void silentUpstreamGivesServfailAfterTheTimeout() throws Exception {
        // A bound socket nobody reads: queries to it are never answered.
        try (DatagramSocket blackHole = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                MiniCloud cloud = MiniCloud.builder()
                        .services("dns")
                        .setting("dns-upstream", "127.0.0.1:" + blackHole.getLocalPort())
                        .setting("dns-upstream-timeout-ms", "200")
                        .start()) {
            Message m = query(dns(cloud), "www.example.net.", Type.A, false);
            assertEquals(Rcode.SERVFAIL, m.getRcode());
            assertFalse(m.getHeader().getFlag(Flags.AA));
        }
    }

    @Test
    void forwardingStartsNoJvmWideThreadThatOutlivesTheInstance() throws Exception {
        // dnsjava's asynchronous resolver runs one static selector thread for the whole JVM; other
        // tests' clients may have started it, so stop it first and query with a plain socket here.
        NioClient.close();
        try (MiniCloud upstream = MiniCloud.builder().services("dns").start()) {
            addA(upstream, "example.org", "www.example.org", "198.51.100.7");
            try (MiniCloud cloud = MiniCloud.builder()
                    .services("dns")
                    .setting("dns-upstream", "127.0.0.1:" + dns(upstream).getPort())
                    .start()) {
                assertEquals(List.of("198.51.100.7"), answers(udpQuery(dns(cloud), "www.example.org.")));
            }
        }
        assertTrue(
                Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("dnsjava")),
                "a dnsjava thread outlives the instance");
    }

    private static Message udpQuery(InetSocketAddress server, String name) throws Exception {
        byte[] query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN))
                .toWire();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5_000);
            socket.send(new DatagramPacket(query, query.length, server));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            socket.receive(reply);
            return new Message(Arrays.copyOf(reply.getData(), reply.getLength()));
        }
    }
}
