package dev.minicloud.internal.aws;

import java.util.ArrayList;
import java.util.List;

/**
 * The components of a SigV4 {@code Authorization} header, {@code AWS4-HMAC-SHA256
 * Credential=..., SignedHeaders=..., Signature=...}, split once the same way for routing
 * ({@link CredentialScope}) and verification. A component named twice is kept twice, so both can
 * see it: the verifier refuses it, and routing never picks one of two credentials.
 */
public final class AuthorizationHeader {
    /** The SigV4 algorithm name that starts the header. */
    public static final String SIGV4 = "AWS4-HMAC-SHA256";

    /** One {@code key=value} component; {@code value} is {@code null} when there is no {@code =}. */
    public record Component(String key, String value, String text) {}

    private final List<Component> components;

    private AuthorizationHeader(List<Component> components) {
        this.components = components;
    }

    /** Splits what follows the algorithm name on commas; empty components are skipped. */
    public static AuthorizationHeader parseComponents(String afterAlgorithm) {
        List<Component> out = new ArrayList<>(3);
        for (String component : afterAlgorithm.split(",")) {
            String c = component.trim();
            if (c.isEmpty()) {
                continue;
            }
            int eq = c.indexOf('=');
            out.add(new Component(
                    eq < 0 ? c : c.substring(0, eq).trim(),
                    eq < 0 ? null : c.substring(eq + 1).trim(),
                    c));
        }
        return new AuthorizationHeader(List.copyOf(out));
    }

    public List<Component> components() {
        return components;
    }

    /** The value of a component named exactly once, else {@code null} (absent or repeated). */
    public String single(String key) {
        String found = null;
        int n = 0;
        for (Component c : components) {
            if (c.key().equals(key)) {
                found = c.value();
                n++;
            }
        }
        return n == 1 ? found : null;
    }
}
