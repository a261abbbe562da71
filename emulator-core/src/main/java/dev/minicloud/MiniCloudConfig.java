package dev.minicloud;

import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ServiceProvider;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The immutable configuration of one {@link MiniCloud}: a value (equal configurations are
 * interchangeable, which is how the JUnit extension shares instances), built by
 * {@link MiniCloud.Builder}.
 *
 * <p>Service-specific settings are kept as text under their flag name without the leading dashes
 * ({@code s3-auth}, {@code kv-port}), so one name works as a CLI flag, an environment variable and a
 * builder call; services read them typed through the {@link OptionSpec} they declare, with
 * {@link #get(OptionSpec)}. Core knows no service's settings, ports included.
 *
 * @param name the instance's name, used for its thread names
 * @param host the address every listener binds, 127.0.0.1 unless asked otherwise
 * @param edgePort the edge HTTP port as configured; 0 means "any free port" (see {@link MiniCloud#edgePort()})
 * @param services the services to run, or {@code null} for every service found on the class path
 * @param region the default region
 * @param credentials access key to secret key, in the order added; the first pair is handed to clients
 * @param settings service settings by flag name, as text
 * @param clock the only source of time
 * @param eventLoopThreads threads of the event loop group shared by all listeners
 * @param randomSeed the seed of {@link dev.minicloud.spi.ServiceContext#random()}, if fixed
 * @param providers service providers added explicitly (not found by {@link java.util.ServiceLoader}),
 *     compared with their own {@code equals} (identity unless they define it)
 */
public record MiniCloudConfig(
        String name,
        String host,
        int edgePort,
        Set<String> services,
        String region,
        Map<String, String> credentials,
        Map<String, String> settings,
        Clock clock,
        int eventLoopThreads,
        OptionalLong randomSeed,
        List<ServiceProvider> providers) {
    /** The account used when an access key does not name one. */
    public static final String DEFAULT_ACCOUNT = "000000000000";

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCESS_KEY = "test";
    public static final String DEFAULT_SECRET_KEY = "test";

    /** Copies every collection, so the value never changes, and fills in the default credentials. */
    public MiniCloudConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(randomSeed, "randomSeed");
        if (edgePort < 0 || edgePort > 65535) {
            throw new IllegalArgumentException("edgePort: " + edgePort + " (expected: 0-65535)");
        }
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads: " + eventLoopThreads + " (expected: >= 1)");
        }
        services = services == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(services));
        credentials = credentials.isEmpty()
                ? Map.of(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY)
                : Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        providers = List.copyOf(providers);
    }

    /** The first configured access key: the one handed to clients. */
    public String accessKey() {
        return credentials.keySet().iterator().next();
    }

    public String secretKey() {
        return credentials.get(accessKey());
    }

    /** The typed value of a setting, or its default (which may be {@code null}) when it is not set. */
    public <T> T get(OptionSpec<T> option) {
        return option.parse(settings.get(option.name()));
    }

    /** The typed value of a setting whose default is "none" or computed by the service. */
    public <T> Optional<T> find(OptionSpec<T> option) {
        return Optional.ofNullable(get(option));
    }

    /** A builder holding this configuration, to derive another from it. */
    public MiniCloud.Builder toBuilder() {
        return MiniCloud.Builder.from(this);
    }
}
