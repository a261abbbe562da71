package dev.minicloud.dns.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.dns.internal.zones.Change;
import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.RecordSet;
import dev.minicloud.dns.internal.zones.RecordValues;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** DNS over TCP framing fed one byte at a time: several length-prefixed queries on one connection. */
class DnsTcpFramingTest {

    private static EmbeddedChannel channel() {
        ZoneRegistry registry = new ZoneRegistry(Clock.systemUTC(), Duration.ZERO, vpcs -> {}, new Random(1));
        String id = registry.createZone("000000000000", Name.fromConstantString("example.com."), "r", null, false, null)
                .zone()
                .zone()
                .id();
        Name www = DnsNames.parse("www.example.com");
        List<String> problems = new ArrayList<>();
        RecordSet rs = new RecordSet(
                www,
                Type.A,
                null,
                null,
                null,
                null,
                null,
                null,
                60L,
                List.of("192.0.2.1"),
                null,
                null,
                RecordValues.parse(www, Type.A, 60, List.of("192.0.2.1"), problems));
        registry.changeRecordSets("000000000000", id, List.of(new Change(Change.Action.CREATE, rs)), null);
        QueryProcessor processor =
                new QueryProcessor(registry::index, DnsView.publicView("us-east-1"), new Answerer(new Random(1)), null);
        return new EmbeddedChannel(
                new DnsTcpInitializer(processor, new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
    }

    private static byte[] framed(int id, String name) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
        q.getHeader().setID(id);
        byte[] wire = q.toWire();
        byte[] out = new byte[wire.length + 2];
        out[0] = (byte) (wire.length >>> 8);
        out[1] = (byte) wire.length;
        System.arraycopy(wire, 0, out, 2, wire.length);
        return out;
    }

    private static Message readReply(EmbeddedChannel ch) throws Exception {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        int len = all.readUnsignedShort();
        assertEquals(len, all.readableBytes());
        byte[] msg = new byte[len];
        all.readBytes(msg);
        all.release();
        return new Message(msg);
    }

    @Test
    void queriesSplitIntoSingleBytesAreAnsweredInOrder() throws Exception {
        EmbeddedChannel ch = channel();
        byte[] first = framed(0x0101, "www.example.com.");
        byte[] second = framed(0x0202, "nope.example.com.");
        for (byte[] q : new byte[][] {first, second}) {
            for (int i = 0; i < q.length; i++) {
                ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {q[i]}));
                if (i < q.length - 1) {
                    assertNull(ch.readOutbound(), "no reply before the whole message has arrived");
                }
            }
            Message reply = readReply(ch);
            if (q == first) {
                assertEquals(0x0101, reply.getHeader().getID());
                assertEquals(
                        "192.0.2.1", reply.getSection(Section.ANSWER).get(0).rdataToString());
            } else {
                assertEquals(0x0202, reply.getHeader().getID());
                assertEquals(Rcode.NXDOMAIN, reply.getRcode());
            }
        }
        assertTrue(ch.isOpen());
        assertFalse(ch.finish());
    }

    @Test
    void garbageFrameGetsFormerrAndTheConnectionStaysUsable() throws Exception {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 13, 0x12, 0x34, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 1}));
        Message formerr = readReply(ch);
        assertEquals(0x1234, formerr.getHeader().getID());
        assertEquals(Rcode.FORMERR, formerr.getRcode());
        ch.writeInbound(Unpooled.wrappedBuffer(framed(7, "www.example.com.")));
        assertEquals(Rcode.NOERROR, readReply(ch).getRcode());
        assertFalse(ch.finish());
    }
}
