package dev.minicloud.internal.admin;

import dev.minicloud.MiniCloudConfig;
import dev.minicloud.internal.http.BrowserOrigin;
import dev.minicloud.internal.http.EdgeRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Who may call {@code /_minicloud/*}: the admin API is local-only. It refuses
 * <ul>
 *   <li>requests a browser made from another origin ({@code Origin} not this server's, or
 *       {@code Sec-Fetch-Site} other than {@code same-origin}/{@code none}): any web page could
 *       otherwise reset the instance with a simple POST;</li>
 *   <li>a {@code Host} that is not a name this server is bound under ({@code 127.0.0.1},
 *       {@code localhost}, {@code [::1]}, the configured host) with the bound port: a DNS-rebound
 *       name of a hostile page is refused. Bound to a wildcard address (a container, say), any IP
 *       literal is accepted too, with any port: a mapped port differs from the bound one, and the
 *       name is what defeats rebinding, not the port;</li>
 *   <li>in strict mode (any {@code <service>-auth} setting is {@code strict}), a request without
 *       {@value #CREDENTIALS_HEADER}{@code : <access-key>:<secret-key>} naming configured
 *       credentials.</li>
 * </ul>
 */
public final class AdminGuard {
    /** The header that carries admin credentials in strict mode: {@code <access-key>:<secret-key>}. */
    public static final String CREDENTIALS_HEADER = "x-minicloud-credentials";

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "::1");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    private final String configuredHost;
    private final IntSupplier boundPort;
    private final Map<String, String> credentials;

    AdminGuard(String configuredHost, IntSupplier boundPort, Map<String, String> credentials) {
        this.configuredHost = normalize(configuredHost);
        this.boundPort = boundPort;
        this.credentials = credentials;
    }

    /** The guard for an instance; {@code boundPort} is read per request (the port is known after binding). */
    public static AdminGuard of(MiniCloudConfig config, IntSupplier boundPort) {
        boolean strict = config.settings().entrySet().stream()
                .anyMatch(
                        e -> e.getKey().endsWith("-auth") && e.getValue().trim().equalsIgnoreCase("strict"));
        return new AdminGuard(config.host(), boundPort, strict ? config.credentials() : null);
    }

    /** Why the request is refused (403), or {@code null} when it may proceed. */
    String refusal(EdgeRequest request) {
        if (BrowserOrigin.isCrossOrigin(request.head())) {
            return "the admin API refuses requests made by web pages on other origins";
        }
        if (!isBoundHost(request.header("Host"))) {
            return "the admin API answers only to the names it is bound under (Host: 127.0.0.1, localhost or [::1] "
                    + "with the edge port)";
        }
        if (credentials != null && !hasCredentials(request.header(CREDENTIALS_HEADER))) {
            return "strict mode: admin calls need " + CREDENTIALS_HEADER + ": <access-key>:<secret-key>";
        }
        return null;
    }

    boolean isBoundHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String h = hostHeader.trim();
        String name;
        String port;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return false;
            }
            name = h.substring(1, close);
            port = h.substring(close + 1);
        } else {
            int colon = h.lastIndexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? "" : h.substring(colon);
        }
        name = normalize(name);
        if (WILDCARDS.contains(configuredHost)) {
            // Bound to every interface: an IP literal cannot be DNS-rebound, a name can.
            return port.startsWith(":") && (LOOPBACK_NAMES.contains(name) || isIpLiteral(name));
        }
        if (!port.equals(":" + boundPort.getAsInt())) {
            return false;
        }
        return LOOPBACK_NAMES.contains(name) || name.equals(configuredHost);
    }

    private boolean hasCredentials(String header) {
        if (header == null) {
            return false;
        }
        int colon = header.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String secret = credentials.get(header.substring(0, colon).trim());
        return secret != null
                && MessageDigest.isEqual(
                        secret.getBytes(StandardCharsets.UTF_8),
                        header.substring(colon + 1).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("0:0:0:0:0:0:0:1") ? "::1" : h;
    }
}
