package dev.minicloud.dns.internal.zones;

import java.util.Comparator;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Identifies a record set inside a zone and orders sets as ListResourceRecordSets does: by name with
 * its labels reversed ({@code com.example.www}), then by type name, then by {@code SetIdentifier}
 * (sets without one first).
 */
public record RecordKey(Name name, int type, String setIdentifier) implements Comparable<RecordKey> {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    @Override
    public int compareTo(RecordKey o) {
        // dnsjava's canonical order compares labels right to left, case-insensitively: Route 53's order.
        int c = name.compareTo(o.name);
        if (c != 0) {
            return c;
        }
        c = Type.string(type).compareTo(Type.string(o.type));
        if (c != 0) {
            return c;
        }
        return NULLS_FIRST.compare(setIdentifier, o.setIdentifier);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordKey k
                && k.type == type
                && k.name.equals(name)
                && Objects.equals(k.setIdentifier, setIdentifier);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + type) * 31 + Objects.hashCode(setIdentifier);
    }
}
