package dev.minicloud;

import dev.minicloud.internal.admin.AdminGuard;
import dev.minicloud.internal.admin.AdminHttpHandler;
import dev.minicloud.internal.admin.AdminRegistry;
import dev.minicloud.internal.admin.AdminResponse;
import dev.minicloud.internal.aws.AwsProtocol;
import dev.minicloud.internal.http.EdgeHttpServer;
import dev.minicloud.internal.http.EdgeRoute;
import dev.minicloud.internal.http.EdgeRouter;
import dev.minicloud.internal.http.Offload;
import dev.minicloud.internal.net.Listeners;
import dev.minicloud.internal.time.ClockScheduler;
import dev.minicloud.spi.ListeningService;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ResolvableNames;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import dev.minicloud.spi.ValueParsers;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One running mini-cloud: the edge HTTP port (S3, Route 53, admin API), and the listeners of the
 * services found on the class path (KV, DNS). Start one with {@link #builder()}; close it when done.
 * Instances share nothing, so any number can run side by side in one JVM.
 *
 * <p>Lifecycle: {@code start()} binds every listener or none (a failure releases what was bound and
 * throws {@link MiniCloudStartException}); {@code close()} is idempotent and shuts the one event
 * loop group down with a short quiet period.
 */
public final class MiniCloud implements AutoCloseable {
    /** Edge connections idle (no byte either way) longer than this many milliseconds are closed; 0 = never. */
    public static final OptionSpec<Duration> EDGE_IDLE_TIMEOUT = OptionSpec.of(
            "edge-idle-timeout",
            ValueParsers.duration(ChronoUnit.MILLIS),
            Duration.ofMillis(EdgeHttpServer.DEFAULT_IDLE_TIMEOUT_MILLIS),
            "how long an edge HTTP connection may move no byte either way before it is closed (S3: about 20 s; "
                    + "plain numbers are milliseconds); 0 = never");
    /** Worker threads: enough for blocking admin waits beside checksum work; the queue bounds the backlog. */
    private static final int WORKER_THREADS = 16;

    private static final int WORKER_QUEUE = 1024;
    /** How long close() waits for workers and event loops to end (each). */
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private final MiniCloudConfig config;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor workers;
    private final Offload offload;
    private final ClockScheduler scheduler;
    private final EdgeRouter router = new EdgeRouter();
    private final AdminRegistry admin = new AdminRegistry();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String version = MiniCloudVersion.get();
    private final List<ServiceProvider> providers;
    /** Seeds the services' generators when no seed is configured (under its lock); see {@link Context}. */
    private final Random seeds;

    private EdgeHttpServer edge;

    private MiniCloud(MiniCloudConfig config, List<ServiceProvider> providers) {
        this.config = config;
        this.providers = List.copyOf(providers);
        this.seeds =
                config.randomSeed().isPresent() ? new Random(config.randomSeed().getAsLong()) : new Random();
        this.group =
                new NioEventLoopGroup(config.eventLoopThreads(), new DefaultThreadFactory(config.name() + "-io", true));
        // Bounded in threads and queue: a saturated pool answers 503 SlowDown (see Offload), never
        // grows without bound.
        this.workers = new ThreadPoolExecutor(
                WORKER_THREADS,
                WORKER_THREADS,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WORKER_QUEUE),
                new DefaultThreadFactory(config.name() + "-worker", true));
        this.workers.allowCoreThreadTimeOut(true);
        this.offload = new Offload(workers);
        this.scheduler = new ClockScheduler(config.clock(), group, workers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts an instance with {@code config}: checks every setting against what the providers on the
     * class path declare, then binds every listener or none.
     */
    public static MiniCloud start(MiniCloudConfig config) {
        List<ServiceProvider> candidates = candidates(config.providers());
        List<ServiceProvider> selected = select(config.services(), candidates);
        new KnownSettings(candidates).check(config.settings());
        MiniCloud cloud = new MiniCloud(config, selected);
        cloud.startAll();
        return cloud;
    }

    private void startAll() {
        try {
            ServiceContext context = new Context(null);
            admin.register("health", Set.of(HttpMethod.GET), call -> AdminResponse.ok(health()));
            admin.register(
                    "reset",
                    Set.of(HttpMethod.POST),
                    call -> AdminResponse.ok(Map.of("reset", reset(call.param("service")))));
            router.register(new EdgeRoute(
                    EdgeRoute.ADMIN,
                    Set.of(),
                    AdminRegistry.PREFIX,
                    false,
                    AwsProtocol.QUERY_XML,
                    new AdminHttpHandler(admin, offload, version, AdminGuard.of(config, this::edgePort))));
            createServices(() -> {
                edge = EdgeHttpServer.bind(
                        group,
                        config.host(),
                        config.edgePort(),
                        router,
                        config.clock(),
                        context::accountFor,
                        config.get(EDGE_IDLE_TIMEOUT).toMillis());
                return null;
            });
            startServices();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Binds the edge port while the services are created, all side by side (most of a cold start is
     * each service loading its classes and building its tables; the bind mostly waits for the event
     * loop). The map keeps the providers' order. Every service that was created is in the map even
     * when another step failed, so close() ends it; the first failure in that order is thrown.
     */
    private void createServices(Supplier<Service> bindEdge) {
        List<Supplier<Service>> steps = new ArrayList<>();
        steps.add(bindEdge);
        for (ServiceProvider provider : providers) {
            steps.add(() -> provider.create(new Context(provider.name())));
        }
        List<SideBySide.Outcome<Service>> outcomes = SideBySide.run(steps);
        for (int i = 0; i < providers.size(); i++) {
            Service created = outcomes.get(i + 1).value();
            if (created != null) {
                services.put(providers.get(i).name(), created);
            }
        }
        rethrowFirst(outcomes);
    }

    /**
     * Starts the services side by side: each binds its own listeners (KV's RESP port, DNS' UDP and
     * TCP), and those binds wait on different event loops. No service's start depends on another's.
     */
    private void startServices() {
        List<Supplier<Service>> steps = new ArrayList<>();
        for (Service s : services.values()) {
            steps.add(() -> {
                s.start();
                return s;
            });
        }
        rethrowFirst(SideBySide.run(steps));
    }

    private static void rethrowFirst(List<? extends SideBySide.Outcome<?>> outcomes) {
        Throwable failure = null;
        for (SideBySide.Outcome<?> o : outcomes) {
            if (o.failure() == null) {
                continue;
            }
            if (failure == null) {
                failure = o.failure();
            } else {
                failure.addSuppressed(o.failure());
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("start failed", failure);
        }
    }

    /** The added providers, then those on the class path; the first of a name wins. */
    private static List<ServiceProvider> candidates(List<ServiceProvider> extra) {
        List<ServiceProvider> all = new ArrayList<>(extra);
        for (ServiceLoader.Provider<ServiceProvider> p : ClassPathProviders.FOUND) {
            all.add(p.get());
        }
        Set<String> names = new LinkedHashSet<>();
        all.removeIf(p -> !names.add(p.name()));
        return all;
    }

    /**
     * The class path's providers, looked up once per JVM: reading every jar's service file again
     * took a tenth of a warm start. Each start still gets provider instances of its own.
     */
    private static final class ClassPathProviders {
        static final List<ServiceLoader.Provider<ServiceProvider>> FOUND =
                ServiceLoader.load(ServiceProvider.class, MiniCloud.class.getClassLoader()).stream()
                        .toList();
    }

    private static List<ServiceProvider> select(Set<String> wanted, List<ServiceProvider> candidates) {
        List<ServiceProvider> found = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ServiceProvider p : candidates) {
            names.add(p.name());
            if (wanted == null || wanted.contains(p.name())) {
                found.add(p);
            }
        }
        if (wanted != null) {
            for (String w : wanted) {
                if (!names.contains(w)) {
                    throw new MiniCloudStartException(
                            "Unknown service '" + w + "' in --services; available on the class path: " + names, null);
                }
            }
        }
        found.sort(Comparator.comparingInt(ServiceProvider::order).thenComparing(ServiceProvider::name));
        return found;
    }

    /** Every service provider on the class path, for {@code --help}. */
    public static List<ServiceProvider> availableProviders() {
        return select(null, candidates(List.of()));
    }

    /** The health document served at {@code /_minicloud/health}. */
    public Map<String, Object> health() {
        Map<String, Object> perService = new LinkedHashMap<>();
        for (Service s : services.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("state", closed.get() ? "stopped" : "running");
            entry.put("endpoint", s.endpoint());
            perService.put(s.name(), entry);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", closed.get() ? "stopped" : "running");
        doc.put("version", version);
        doc.put("services", perService);
        return doc;
    }

    /** Empties the state of one service ({@code s3}, {@code kv}, {@code dns}) or of all ({@code null}). */
    public List<String> reset(String service) {
        if (service == null) {
            services.values().forEach(Service::reset);
            return new ArrayList<>(services.keySet());
        }
        Service s = services.get(service);
        if (s == null) {
            throw new IllegalArgumentException(
                    "no running service '" + service + "' (running: " + services.keySet() + ")");
        }
        s.reset();
        return List.of(service);
    }

    public void reset() {
        reset(null);
    }

    public MiniCloudConfig config() {
        return config;
    }

    /** The edge endpoint with an IP-literal host, so SDKs use path-style addressing against it. */
    public URI endpoint() {
        InetSocketAddress a = edgeAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    public InetSocketAddress edgeAddress() {
        return edge.address();
    }

    public int edgePort() {
        return edge.address().getPort();
    }

    public String region() {
        return config.region();
    }

    public String accessKey() {
        return config.accessKey();
    }

    public String secretKey() {
        return config.secretKey();
    }

    public String version() {
        return version;
    }

    /** The running services by name, in start order. */
    public Collection<Service> services() {
        return services.values();
    }

    public Optional<Service> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** A running service by its type, e.g. the S3 service to wait for replication. */
    public <T extends Service> Optional<T> service(Class<T> type) {
        return services.values().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst();
    }

    /**
     * The bound address of a service with its own listener ({@code kv}, {@code dns}, any
     * {@link ListeningService}), if it runs.
     */
    public Optional<InetSocketAddress> address(String service) {
        Service s = services.get(service);
        return s instanceof ListeningService ls ? Optional.of(ls.address()) : Optional.empty();
    }

    /**
     * The address a host name this instance serves stands for: an ElastiCache endpoint, an S3
     * virtual-hosted name ({@code bucket.s3.localhost}), a record of a Route 53 public zone; empty
     * for any other name. The Java 17 way to reach emulated names in-process (from a Lettuce
     * {@code DnsResolver} or a Jedis {@code HostAndPortMapper}); on Java 18+ the
     * {@code minicloud-resolver} artifact answers them JVM-wide (see {@link JvmResolverRegistry}).
     */
    public Optional<InetAddress> resolve(String hostName) {
        return resolveAll(hostName).stream().findFirst();
    }

    /** Every address of a host name this instance serves (see {@link #resolve}); empty if none does. */
    public List<InetAddress> resolveAll(String hostName) {
        String name = hostName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || closed.get()) {
            return List.of();
        }
        for (Service s : services.values()) {
            if (s instanceof ResolvableNames names) {
                List<InetAddress> found = names.lookup(name);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return List.of();
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Service> reversed = new ArrayList<>(services.values());
        Collections.reverse(reversed);
        RuntimeException first = null;
        for (Service s : reversed) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        scheduler.close();
        if (edge != null) {
            edge.close();
        }
        workers.shutdownNow();
        var terminated = group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        // Called on one of our own loops (a handler closing the instance), waiting would wait for
        // ourselves: the threads end once this task returns.
        if (!onOwnEventLoop()) {
            awaitWorkers();
        }
        Listeners.await(terminated);
        if (first != null) {
            throw first;
        }
    }

    private boolean onOwnEventLoop() {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /** Bounded: a worker stuck in user code is a daemon thread and cannot keep the JVM up. */
    private void awaitWorkers() {
        try {
            workers.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One service's view of the instance. Its random generators come from a seed of its own, derived
     * from the instance's seed and the service's name, so a fixed seed repeats every service's
     * choices whatever order the services are created in.
     */
    private final class Context implements ServiceContext {
        private final Random serviceSeeds;

        Context(String service) {
            long base;
            synchronized (seeds) {
                base = config.randomSeed().isPresent() ? config.randomSeed().getAsLong() : seeds.nextLong();
            }
            this.serviceSeeds = new Random(base * 0x9E3779B97F4A7C15L + (service == null ? 0 : service.hashCode()));
        }

        @Override
        public MiniCloudConfig config() {
            return config;
        }

        @Override
        public Clock clock() {
            return config.clock();
        }

        @Override
        public EventLoopGroup eventLoopGroup() {
            return group;
        }

        @Override
        public ExecutorService workerExecutor() {
            return workers;
        }

        @Override
        public Offload offload() {
            return offload;
        }

        @Override
        public ClockScheduler scheduler() {
            return scheduler;
        }

        @Override
        public <T> Optional<T> service(Class<T> role) {
            for (Service s : services.values()) {
                if (role.isInstance(s)) {
                    return Optional.of(role.cast(s));
                }
            }
            return Optional.empty();
        }

        @Override
        public EdgeRouter edge() {
            return router;
        }

        @Override
        public AdminRegistry admin() {
            return admin;
        }

        @Override
        public Random random() {
            synchronized (serviceSeeds) {
                return new Random(serviceSeeds.nextLong());
            }
        }

        @Override
        public URI edgeEndpoint() {
            if (edge == null) {
                throw new IllegalStateException("the edge port is not bound yet");
            }
            return endpoint();
        }
    }

    /**
     * Configures and starts a {@link MiniCloud}. Ports default to 0 (any free port): embedded use never
     * collides; the standalone launcher passes the well-known defaults (4566, 6379, 10053). A builder
     * is a mutable draft: {@link #build()} takes an immutable {@link MiniCloudConfig} snapshot of it
     * and leaves the builder as it was.
     */
    public static final class Builder {
        private String name = "minicloud";
        private String host = "127.0.0.1";
        private int edgePort;
        private Set<String> services;
        private String region = MiniCloudConfig.DEFAULT_REGION;
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private int eventLoopThreads = 2;
        private OptionalLong randomSeed = OptionalLong.empty();
        private final List<ServiceProvider> providers = new ArrayList<>();

        private Builder() {}

        static Builder from(MiniCloudConfig c) {
            Builder b = new Builder();
            b.name = c.name();
            b.host = c.host();
            b.edgePort = c.edgePort();
            b.services = c.services();
            b.region = c.region();
            b.credentials.putAll(c.credentials());
            b.settings.putAll(c.settings());
            b.clock = c.clock();
            b.eventLoopThreads = c.eventLoopThreads();
            b.randomSeed = c.randomSeed();
            b.providers.addAll(c.providers());
            return b;
        }

        /** Names this instance's threads ({@code <name>-io-1}), to tell instances apart in a thread dump. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder edgePort(int port) {
            this.edgePort = checkPort("edgePort", port);
            return this;
        }

        /**
         * The port of a service with a listener of its own: the setting {@code <service>-port} that
         * service declares, e.g. {@code port("kv", 6379)} is {@code setting("kv-port", "6379")}.
         */
        public Builder port(String service, int port) {
            return setting(service + "-port", Integer.toString(checkPort(service + " port", port)));
        }

        private static int checkPort(String what, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(what + ": " + port + " (expected: 0-65535)");
            }
            return port;
        }

        /** The KV service's RESP port: {@code port("kv", port)}. */
        public Builder kvPort(int port) {
            return port("kv", port);
        }

        /** The DNS service's public port (UDP and TCP): {@code port("dns", port)}. */
        public Builder dnsPort(int port) {
            return port("dns", port);
        }

        /** Runs only these services (by name); by default every service on the class path runs. */
        public Builder services(String... names) {
            this.services = new LinkedHashSet<>(List.of(names));
            return this;
        }

        public Builder services(Collection<String> names) {
            this.services = names == null ? null : new LinkedHashSet<>(names);
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Adds known credentials; the first pair added is the one handed to clients. */
        public Builder credentials(String accessKey, String secretKey) {
            this.credentials.put(accessKey, secretKey);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Fixes the seed of every service's randomness ({@link ServiceContext#random()}), so random
         * choices (eviction samples, random members, weighted answers) repeat from run to run.
         */
        public Builder random(long seed) {
            this.randomSeed = OptionalLong.of(seed);
            return this;
        }

        /** Event loop threads shared by all listeners (default 2). */
        public Builder eventLoopThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("eventLoopThreads: " + threads + " (expected: >= 1)");
            }
            this.eventLoopThreads = threads;
            return this;
        }

        /**
         * Adds a service provider that is not registered with {@link ServiceLoader}, e.g. a test
         * double; it runs alongside (and before) the providers found on the class path.
         */
        public Builder addProvider(ServiceProvider provider) {
            this.providers.add(provider);
            return this;
        }

        /**
         * A service-specific setting by its flag name, e.g. {@code setting("s3-auth", "strict")};
         * {@link #start()} refuses names no service declares and values their parser refuses.
         */
        public Builder setting(String name, String value) {
            this.settings.put(name, value);
            return this;
        }

        /** An immutable snapshot of this builder; the builder itself is left unchanged. */
        public MiniCloudConfig build() {
            return new MiniCloudConfig(
                    name,
                    host,
                    edgePort,
                    services,
                    region,
                    credentials,
                    settings,
                    clock,
                    eventLoopThreads,
                    randomSeed,
                    providers);
        }

        public MiniCloud start() {
            return MiniCloud.start(build());
        }

        /** A copy of this builder, so extensions can derive per-test configurations. */
        public Builder copy() {
            return from(build());
        }
    }
}
