package dev.minicloud;

import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ServiceProvider;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings the providers on the class path declare, and the check {@code start()} runs with
 * them: a name nobody declares or a value its parser refuses stops start-up with one message that
 * names the setting, the value and what was expected, instead of being silently ignored.
 */
final class KnownSettings {
    /** A name at most this many edits from a known one is offered as "did you mean". */
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private final Map<String, OptionSpec<?>> byName = new TreeMap<>();

    KnownSettings(List<ServiceProvider> providers) {
        for (ServiceProvider p : providers) {
            for (OptionSpec<?> o : p.options()) {
                byName.putIfAbsent(o.name(), o);
            }
        }
    }

    /** Throws {@link MiniCloudStartException} for the first unknown name or bad value. */
    void check(Map<String, String> settings) {
        for (Map.Entry<String, String> s : settings.entrySet()) {
            OptionSpec<?> option = byName.get(s.getKey());
            if (option == null) {
                throw new MiniCloudStartException(unknown(s.getKey()), null);
            }
            try {
                option.parse(s.getValue());
            } catch (IllegalArgumentException e) {
                throw new MiniCloudStartException(e.getMessage(), e);
            }
        }
    }

    private String unknown(String name) {
        StringBuilder m = new StringBuilder("Unknown setting '").append(name).append('\'');
        String closest = null;
        int best = MAX_SUGGESTION_DISTANCE + 1;
        for (String known : byName.keySet()) {
            int d = distance(name, known);
            if (d < best) {
                best = d;
                closest = known;
            }
        }
        m.append(closest != null ? "; did you mean '" + closest + "'?" : ".");
        m.append(
                byName.isEmpty()
                        ? " No service on the class path declares settings."
                        : " Known settings: " + String.join(", ", byName.keySet()));
        return m.toString();
    }

    /** Levenshtein distance, counting a swap of two neighbours as one edit (typos like "atuh"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
