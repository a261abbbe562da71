package dev.minicloud.dns.internal.health;

/**
 * The kinds of Route 53 health check, with what each one needs from the checker: endpoint checks
 * ({@code HTTP}, {@code HTTPS}, the {@code _STR_MATCH} variants, {@code TCP}) are probed over the
 * network; {@code CALCULATED} combines other checks; {@code CLOUDWATCH_METRIC} and
 * {@code RECOVERY_CONTROL} follow a CloudWatch alarm or an ARC routing control, neither emulated.
 */
public enum HealthCheckType {
    HTTP(true, true, false, false, 80),
    HTTPS(true, true, true, false, 443),
    HTTP_STR_MATCH(true, true, false, true, 80),
    HTTPS_STR_MATCH(true, true, true, true, 443),
    TCP(true, false, false, false, 0),
    CALCULATED(false, false, false, false, 0),
    CLOUDWATCH_METRIC(false, false, false, false, 0),
    RECOVERY_CONTROL(false, false, false, false, 0);

    private final boolean endpoint;
    private final boolean http;
    private final boolean tls;
    private final boolean stringMatch;
    private final int defaultPort;

    HealthCheckType(boolean endpoint, boolean http, boolean tls, boolean stringMatch, int defaultPort) {
        this.endpoint = endpoint;
        this.http = http;
        this.tls = tls;
        this.stringMatch = stringMatch;
        this.defaultPort = defaultPort;
    }

    /** Whether the checker connects to an endpoint ({@code IPAddress} or {@code FullyQualifiedDomainName}). */
    public boolean isEndpoint() {
        return endpoint;
    }

    /** Whether the probe sends an HTTP request (over TLS for the {@code HTTPS} kinds). */
    public boolean isHttp() {
        return http;
    }

    public boolean isTls() {
        return tls;
    }

    /** Whether the probe searches the body for {@code SearchString}. */
    public boolean isStringMatch() {
        return stringMatch;
    }

    /** The port the probe uses when the configuration names none (0: a port is required). */
    public int defaultPort() {
        return defaultPort;
    }

    /** The names as Route 53's enum lists them, for validation messages. */
    public static String enumValueSet() {
        StringBuilder b = new StringBuilder("[");
        for (HealthCheckType t : values()) {
            b.append(b.length() > 1 ? ", " : "").append(t.name());
        }
        return b.append(']').toString();
    }
}
