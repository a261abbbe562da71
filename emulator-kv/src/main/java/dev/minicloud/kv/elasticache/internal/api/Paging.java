package dev.minicloud.kv.elasticache.internal.api;

import java.util.List;

/** ElastiCache's {@code MaxRecords} (20-100, default 100) and {@code Marker} paging over a listed result. */
final class Paging {
    private Paging() {}

    /** The page of {@code all} the call asks for; writes {@code <Marker>} when more follow. */
    static <T> List<T> page(Call c, List<T> all) {
        Integer max = c.params().integer("MaxRecords");
        int size = max == null ? 100 : max;
        if (size < 20 || size > 100) {
            throw EcErrors.invalidParameterValue("The parameter MaxRecords must be between 20 and 100.");
        }
        String marker = c.params().string("Marker");
        int from = 0;
        if (marker != null) {
            try {
                from = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > all.size()) {
                throw EcErrors.invalidParameterValue("Invalid marker: " + marker);
            }
        }
        int to = Math.min(all.size(), from + size);
        if (to < all.size()) {
            c.out().element("Marker", Integer.toString(to));
        }
        return all.subList(from, to);
    }
}
