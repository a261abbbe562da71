package dev.minicloud;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The immutable configuration of one {@link MiniCloud}: where it listens, which services run, the
 * default region, the credentials it knows and any service-specific settings.
 *
 * <p>Service-specific settings are kept as strings under their standalone flag name without the
 * leading dashes ({@code s3-auth}, {@code kv-requirepass}), so one name works as a CLI flag, an
 * environment variable and a builder call.
 */
public final class MiniCloudConfig {
    /** The account used when an access key does not name one. */
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCESS_KEY = "test";
    public static final String DEFAULT_SECRET_KEY = "test";

    private final String name;
    private final String host;
    private final int edgePort;
    private final int kvPort;
    private final int dnsPort;
    private final Set<String> services;
    private final String region;
    private final Map<String, String> credentials;
    private final Map<String, String> settings;
    private final Clock clock;
    private final int eventLoopThreads;

    MiniCloudConfig(MiniCloud.Builder b) {
        this.name = b.name;
        this.host = b.host;
        this.edgePort = b.edgePort;
        this.kvPort = b.kvPort;
        this.dnsPort = b.dnsPort;
        this.services = b.services == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(b.services));
        this.region = b.region;
        this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(b.credentials));
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
        this.clock = b.clock;
        this.eventLoopThreads = b.eventLoopThreads;
    }

    /** The instance's name, used for its thread names. */
    public String name() {
        return name;
    }

    /** The address every listener binds, 127.0.0.1 unless asked otherwise. */
    public String host() {
        return host;
    }

    /** The edge HTTP port as configured; 0 means "any free port" (see {@link MiniCloud#edgePort()}). */
    public int edgePort() {
        return edgePort;
    }

    public int kvPort() {
        return kvPort;
    }

    public int dnsPort() {
        return dnsPort;
    }

    /** The services to run, or {@code null} for every service found on the class path. */
    public Set<String> services() {
        return services;
    }

    public String region() {
        return region;
    }

    /** Access key to secret key; used by strict signature verification. */
    public Map<String, String> credentials() {
        return credentials;
    }

    /** The first configured access key: the one handed to clients. */
    public String accessKey() {
        return credentials.keySet().iterator().next();
    }

    public String secretKey() {
        return credentials.get(accessKey());
    }

    public Clock clock() {
        return clock;
    }

    public int eventLoopThreads() {
        return eventLoopThreads;
    }

    public Map<String, String> settings() {
        return settings;
    }

    /** A service-specific setting by its flag name, or {@code fallback}. */
    public String setting(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }

    public long longSetting(String name, long fallback) {
        String v = settings.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: an integer)", e);
        }
    }
}
