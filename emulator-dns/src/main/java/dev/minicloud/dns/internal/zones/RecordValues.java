package dev.minicloud.dns.internal.zones;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Turns Route 53 record values (zone-file presentation: {@code 192.0.2.1}, {@code 10 mail.example.com},
 * {@code "v=spf1 -all"}) into wire records, or into the validation message Route 53 gives for a bad
 * value.
 */
public final class RecordValues {
    /** The record types Route 53 accepts in a change batch. */
    public static final Set<Integer> SUPPORTED = Set.of(
            Type.A,
            Type.AAAA,
            Type.CNAME,
            Type.MX,
            Type.TXT,
            Type.SPF,
            Type.SRV,
            Type.NS,
            Type.SOA,
            Type.PTR,
            Type.CAA,
            Type.NAPTR,
            Type.DS);

    public static final int MAX_VALUE_LENGTH = 4000;

    private RecordValues() {}

    /** Parses every value; adds one message per bad value to {@code problems} and returns what parsed. */
    public static List<Record> parse(Name name, int type, long ttl, List<String> values, List<String> problems) {
        List<Record> out = new ArrayList<>(values.size());
        for (String v : values) {
            String value = v.trim();
            if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
                problems.add(fatal(type, "Value is not valid", value));
                continue;
            }
            if ((type == Type.TXT || type == Type.SPF) && !value.startsWith("\"")) {
                problems.add("Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be "
                        + "enclosed in quotation marks) encountered with '" + value + "''");
                continue;
            }
            try {
                out.add(Record.fromString(name, type, DClass.IN, ttl, value, Name.root));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(fatal(
                        type,
                        type == Type.A
                                ? "Value is not a valid IPv4 address"
                                : type == Type.AAAA ? "Value is not a valid IPv6 address" : "Value is not valid",
                        value));
            }
        }
        return out;
    }

    private static String fatal(int type, String why, String value) {
        String code = switch (type) {
            case Type.A -> "ARRDATAIllegalIPv4Address";
            case Type.AAAA -> "AAAARRDATAIllegalIPv6Address";
            default -> Type.string(type) + "RRDATAIllegal";
        };
        return "Invalid Resource Record: 'FATAL problem: " + code + " (" + why + ") encountered with '" + value + "''";
    }
}
