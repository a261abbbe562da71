package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.RecordValues;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * TestDNSAnswer: asks the public endpoint's own answer path (routing policies, health, client subnet
 * tables included), as a query from {@code resolverip} with the EDNS Client Subnet
 * {@code edns0clientsubnetip}/{@code edns0clientsubnetmask} (24 bits for IPv4 and 64 for IPv6 by
 * default), and reports the answer section as Route 53 does. Public zones only, as on Route 53.
 */
final class TestDnsAnswerOperation {
    private static final Pattern IP = Pattern.compile("[0-9a-fA-F.:]{2,45}");

    private final ZoneRegistry zones;
    /** Wire query and source address -> wire reply, through the public endpoint ({@code null}: no answer). */
    private final BiFunction<byte[], InetAddress, byte[]> publicEndpoint;

    TestDnsAnswerOperation(ZoneRegistry zones, BiFunction<byte[], InetAddress, byte[]> publicEndpoint) {
        this.zones = zones;
        this.publicEndpoint = publicEndpoint;
    }

    void test(EdgeRequest request, String account) {
        String zoneId = required(request, "hostedzoneid");
        String recordName = required(request, "recordname");
        String typeText = required(request, "recordtype");
        ZoneSnapshot zone = zones.zone(account, zoneId);
        if (zone.zone().privateZone()) {
            throw Route53Errors.invalidInput("Invalid request: TestDNSAnswer supports public hosted zones only.");
        }
        int type = Type.value(typeText.toUpperCase(Locale.ROOT));
        if (type < 0 || !RecordValues.SUPPORTED.contains(type)) {
            throw HealthCheckConfigReader.validation(
                    typeText,
                    "recordType",
                    "Member must satisfy enum value set: "
                            + "[SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS]");
        }
        Name name;
        try {
            name = DnsNames.parse(recordName);
        } catch (IllegalArgumentException e) {
            throw Route53Errors.invalidInput("Invalid request: " + e.getMessage());
        }
        InetAddress resolver = address(request.queryParameter("resolverip"), "resolverip");
        InetAddress subnet = address(request.queryParameter("edns0clientsubnetip"), "edns0clientsubnetip");
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (subnet != null) {
            int max = subnet.getAddress().length * 8;
            int mask = mask(request.queryParameter("edns0clientsubnetmask"), max == 32 ? 24 : 64, max);
            // RFC 7871: the address is sent with the bits beyond the prefix cleared.
            query.addRecord(
                    new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(mask, network(subnet, mask)))),
                    Section.ADDITIONAL);
        }
        byte[] reply = publicEndpoint.apply(query.toWire(), resolver);
        Message answer;
        try {
            answer = reply == null ? null : new Message(reply);
        } catch (IOException e) {
            answer = null;
        }
        XmlWriter w = Route53Xml.document("TestDNSAnswerResponse");
        String ns = zone.zone().nameServers().get(0);
        w.element("Nameserver", ns.endsWith(".") ? ns.substring(0, ns.length() - 1) : ns);
        w.element("RecordName", recordName);
        w.element("RecordType", Type.string(type));
        w.start("RecordData");
        if (answer != null) {
            for (Record r : answer.getSection(Section.ANSWER)) {
                w.element("RecordDataEntry", r.rdataToString());
            }
        }
        w.end();
        w.element("ResponseCode", answer == null ? "SERVFAIL" : Rcode.string(answer.getRcode()));
        w.element("Protocol", "TCP"); // asked over our TCP path, so no answer is truncated
        Route53Requests.ok(request, w);
    }

    private static String required(EdgeRequest request, String parameter) {
        String v = request.queryParameter(parameter);
        if (v == null || v.isEmpty()) {
            throw Route53Errors.invalidInput("1 validation error detected: Value null at '" + parameter
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    private static InetAddress address(String text, String parameter) {
        if (text == null) {
            return null;
        }
        if (!IP.matcher(text).matches()) {
            throw Route53Errors.invalidInput("Invalid request: " + parameter + " '" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(text); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw Route53Errors.invalidInput("Invalid request: " + parameter + " '" + text + "' is not an IP address");
        }
    }

    private static InetAddress network(InetAddress address, int prefix) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }

    private static int mask(String text, int fallback, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            int m = Integer.parseInt(text.trim());
            if (m >= 0 && m <= max) {
                return m;
            }
        } catch (NumberFormatException e) {
            // the error below
        }
        throw Route53Errors.invalidInput(
                "Invalid request: edns0clientsubnetmask must be 0 to " + max + ", got '" + text + "'");
    }
}
