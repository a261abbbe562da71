package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.minicloud.MiniCloud;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Fuzzes the DNS query path of a real instance over TCP: each input is sent as one length-prefixed
 * message, followed by a well-formed probe query on the same connection. Whatever the fuzzed
 * message does (dropped, FORMERR, NOTIMP, REFUSED or an answer), every reply parses, none is
 * SERVFAIL, and the probe is answered correctly and in time (a crash or hang of the query path
 * fails). Seeds (DNS packets, including pointer loops and bogus counts): {@code DnsQueryFuzzTestInputs}.
 */
class DnsQueryFuzzTest {
    private static final int PROBE_ID = 0x5EED;
    private static MiniCloud cloud;
    private static byte[] probe;

    @BeforeAll
    static void start() throws IOException {
        cloud = MiniCloud.builder().services("dns").start();
        String zone = Route53Raw.createZone(cloud, "fuzz.example.");
        Route53Raw.change(
                cloud,
                zone,
                Route53Raw.create("www.fuzz.example.", "A", "192.0.2.1")
                        + Route53Raw.create("alias.fuzz.example.", "CNAME", "www.fuzz.example.")
                        + Route53Raw.create("*.wild.fuzz.example.", "TXT", "\"w\"")
                        + Route53Raw.create("fuzz.example.", "MX", "10 www.fuzz.example."));
        Message q = Message.newQuery(Record.newRecord(Name.fromString("www.fuzz.example."), Type.A, DClass.IN));
        q.getHeader().setID(PROBE_ID);
        probe = q.toWire();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @FuzzTest(maxDuration = "8s")
    @Timeout(30) // per input when fuzzing: a hang fails (Jazzer passes it to libFuzzer as -timeout)
    void anyMessageLeavesTheServerAnsweringCorrectly(byte[] message) {
        InetSocketAddress dns = cloud.address("dns").orElseThrow();
        byte[] fuzzed = message.length > 65535 ? Arrays.copyOf(message, 65535) : message;
        // Jazzer's SSRF detector flags every connection; this one goes to the instance under test
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections((host, port) -> port == dns.getPort());
                Socket socket = new Socket(dns.getAddress(), dns.getPort())) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(fuzzed.length);
            out.write(fuzzed);
            out.writeShort(probe.length);
            out.write(probe);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                byte[] reply = new byte[in.readUnsignedShort()];
                in.readFully(reply);
                Message m = new Message(reply);
                assertNotEquals(Rcode.SERVFAIL, m.getRcode(), "SERVFAIL for " + m);
                if (m.getHeader().getID() == PROBE_ID
                        && m.getQuestion() != null
                        && m.getQuestion().getName().equals(Name.fromString("www.fuzz.example."))
                        && m.getQuestion().getType() == Type.A) {
                    assertEquals(Rcode.NOERROR, m.getRcode());
                    assertTrue(
                            m.getSection(Section.ANSWER).get(0).rdataToString().equals("192.0.2.1"), m.toString());
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the probe after a fuzzed message was not answered in time", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
