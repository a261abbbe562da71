package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.dns.DnsService;
import dev.minicloud.junit.MiniCloudExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/**
 * A DNS-over-TCP client that pipelines queries without reading its answers: the server stops reading
 * once its answers back up (so the client's writes stall) instead of buffering every answer, and
 * serves the whole pipeline once the client reads again.
 */
class TcpBackpressureIT {
    private static final int QUERIES = 300;
    /** EDNS padding (RFC 7830) makes each query ~60 KB, so the pipeline outgrows every kernel buffer. */
    private static final int PADDING = 60_000;

    private static final long STALL_MILLIS = 1_000;

    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("dns").build();

    @Test
    void aClientThatDoesNotReadIsThrottledNotBuffered() throws Exception {
        List<ResourceRecord> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            texts.add(ResourceRecord.builder()
                    .value("\"" + i + "-" + "t".repeat(190) + "\"")
                    .build());
        }
        try (Route53Client r53 = Route53Clients.forCloud(cloud.getMiniCloud())) {
            HostedZone z = r53.createHostedZone(b -> b.name("example.com").callerReference("tcp"))
                    .hostedZone();
            r53.changeResourceRecordSets(b -> b.hostedZoneId(z.id())
                    .changeBatch(cb -> cb.changes(c -> c.action(ChangeAction.CREATE)
                            .resourceRecordSet(s -> s.name("big.example.com")
                                    .type(RRType.TXT)
                                    .ttl(60L)
                                    .resourceRecords(texts)))));
        }
        InetSocketAddress dns =
                cloud.getMiniCloud().service(DnsService.class).orElseThrow().publicEndpoint();
        ByteBuffer pipeline = pipeline();
        int total = pipeline.remaining();
        try (SocketChannel ch = SocketChannel.open();
                Selector selector = Selector.open()) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            ch.connect(dns);
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);

            // Write without reading until no byte goes out for a while.
            long lastProgress = System.nanoTime();
            while (pipeline.hasRemaining() && System.nanoTime() - lastProgress < STALL_MILLIS * 1_000_000) {
                selector.select(100);
                selector.selectedKeys().clear();
                if (ch.write(pipeline) > 0) {
                    lastProgress = System.nanoTime();
                }
            }
            assertTrue(
                    pipeline.hasRemaining(),
                    "the server read all " + total
                            + " bytes of queries while none of their answers was read: it buffers answers without bound");

            // Now read: every query is answered, in order, and the rest of the pipeline goes through.
            ByteBuffer in = ByteBuffer.allocate(1 << 20);
            int answered = 0;
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            while (answered < QUERIES) {
                assertTrue(selector.select(10_000) > 0 || pipeline.hasRemaining(), "the server stopped answering");
                selector.selectedKeys().clear();
                if (pipeline.hasRemaining()) {
                    ch.write(pipeline);
                } else {
                    key.interestOps(SelectionKey.OP_READ);
                }
                if (ch.read(in) < 0) {
                    break;
                }
                in.flip();
                while (in.remaining() >= 2 && in.remaining() >= 2 + (in.getShort(in.position()) & 0xffff)) {
                    byte[] reply = new byte[in.getShort() & 0xffff];
                    in.get(reply);
                    Message m = new Message(reply);
                    assertEquals(answered, m.getHeader().getID());
                    assertEquals(300, m.getSection(Section.ANSWER).size());
                    answered++;
                }
                in.compact();
            }
            assertEquals(QUERIES, answered);
        }
    }

    private static ByteBuffer pipeline() throws IOException {
        ByteBuffer out = ByteBuffer.allocate(QUERIES * (PADDING + 100));
        for (int id = 0; id < QUERIES; id++) {
            Message q = Message.newQuery(Record.newRecord(Name.fromString("big.example.com."), Type.TXT, DClass.IN));
            q.getHeader().setID(id);
            q.addRecord(
                    new OPTRecord(
                            65535,
                            0,
                            0,
                            0,
                            List.<EDNSOption>of(new GenericEDNSOption(EDNSOption.Code.PADDING, new byte[PADDING]))),
                    Section.ADDITIONAL);
            byte[] wire = q.toWire();
            out.putShort((short) wire.length).put(wire);
        }
        return out.flip();
    }
}
