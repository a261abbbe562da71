package dev.minicloud;

import dev.minicloud.core.admin.AdminGuard;
import dev.minicloud.core.admin.AdminHttpHandler;
import dev.minicloud.core.admin.AdminRegistry;
import dev.minicloud.core.admin.AdminResponse;
import dev.minicloud.core.aws.AwsProtocol;
import dev.minicloud.core.http.EdgeHttpServer;
import dev.minicloud.core.http.EdgeRoute;
import dev.minicloud.core.http.EdgeRouter;
import dev.minicloud.core.http.Offload;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
    public static final String EDGE_IDLE_TIMEOUT = "edge-idle-timeout";
    /** Worker threads: enough for blocking admin waits beside checksum work; the queue bounds the backlog. */
    private static final int WORKER_THREADS = 16;
    private static final int WORKER_QUEUE = 1024;

    private final MiniCloudConfig config;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor workers;
    private final Offload offload;
    private final EdgeRouter router = new EdgeRouter();
    private final AdminRegistry admin = new AdminRegistry();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String version = MiniCloudVersion.get();
    private final List<ServiceProvider> extraProviders;
    private EdgeHttpServer edge;

    private MiniCloud(MiniCloudConfig config, List<ServiceProvider> extraProviders) {
        this.config = config;
        this.extraProviders = List.copyOf(extraProviders);
        this.group = new NioEventLoopGroup(config.eventLoopThreads(), new DefaultThreadFactory(config.name() + "-io", true));
        // Bounded in threads and queue: a saturated pool answers 503 SlowDown (see Offload), never
        // grows without bound.
        this.workers = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WORKER_QUEUE), new DefaultThreadFactory(config.name() + "-worker", true));
        this.workers.allowCoreThreadTimeOut(true);
        this.offload = new Offload(workers);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void startAll() {
        try {
            ServiceContext context = new Context();
            for (ServiceProvider provider : selectProviders(config.services(), extraProviders)) {
                services.put(provider.name(), provider.create(context));
            }
            admin.register("health", Set.of(HttpMethod.GET), call -> AdminResponse.ok(health()));
            admin.register("reset", Set.of(HttpMethod.POST), call -> AdminResponse.ok(Map.of("reset", reset(call.param("service")))));
            router.register(new EdgeRoute(EdgeRoute.ADMIN, Set.of(), AdminRegistry.PREFIX, false, AwsProtocol.QUERY_XML,
                    new AdminHttpHandler(admin, offload, version, AdminGuard.of(config, this::edgePort))));
            edge = EdgeHttpServer.bind(group, config.host(), config.edgePort(), router, config.clock(), context::accountFor,
                    config.longSetting(EDGE_IDLE_TIMEOUT, EdgeHttpServer.DEFAULT_IDLE_TIMEOUT_MILLIS));
            for (Service s : services.values()) {
                s.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static List<ServiceProvider> selectProviders(Set<String> wanted, List<ServiceProvider> extra) {
        List<ServiceProvider> found = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<ServiceProvider> candidates = new ArrayList<>(extra);
        ServiceLoader.load(ServiceProvider.class, MiniCloud.class.getClassLoader()).forEach(candidates::add);
        for (ServiceProvider p : candidates) {
            if (names.add(p.name()) && (wanted == null || wanted.contains(p.name()))) {
                found.add(p);
            }
        }
        if (wanted != null) {
            for (String w : wanted) {
                if (!names.contains(w)) {
                    throw new MiniCloudStartException("Unknown service '" + w + "' in --services; available on the class path: "
                            + names, null);
                }
            }
        }
        found.sort(Comparator.comparingInt(ServiceProvider::order).thenComparing(ServiceProvider::name));
        return found;
    }

    /** Every service provider on the class path, for {@code --help}. */
    public static List<ServiceProvider> availableProviders() {
        return selectProviders(null, List.of());
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
            throw new IllegalArgumentException("no running service '" + service + "' (running: " + services.keySet() + ")");
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
        return services.values().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The bound address of a service with its own listener ({@code kv}, {@code dns}), if it runs. */
    public Optional<InetSocketAddress> address(String service) {
        Service s = services.get(service);
        return s instanceof dev.minicloud.spi.ListeningService ls ? Optional.of(ls.address()) : Optional.empty();
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
        java.util.Collections.reverse(reversed);
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
        if (edge != null) {
            edge.close();
        }
        workers.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (first != null) {
            throw first;
        }
    }

    private final class Context implements ServiceContext {
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
        public EdgeRouter edge() {
            return router;
        }

        @Override
        public AdminRegistry admin() {
            return admin;
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
     * collides; the standalone launcher passes the well-known defaults (4566, 6379, 10053).
     */
    public static final class Builder {
        String name = "minicloud";
        String host = "127.0.0.1";
        int edgePort;
        int kvPort;
        int dnsPort;
        Set<String> services;
        String region = MiniCloudConfig.DEFAULT_REGION;
        final Map<String, String> credentials = new LinkedHashMap<>();
        final Map<String, String> settings = new LinkedHashMap<>();
        Clock clock = Clock.systemUTC();
        int eventLoopThreads = 2;
        final List<ServiceProvider> providers = new ArrayList<>();

        private Builder() {
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
            this.edgePort = port;
            return this;
        }

        public Builder kvPort(int port) {
            this.kvPort = port;
            return this;
        }

        public Builder dnsPort(int port) {
            this.dnsPort = port;
            return this;
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

        /** A service-specific setting by its flag name, e.g. {@code setting("s3-auth", "strict")}. */
        public Builder setting(String name, String value) {
            this.settings.put(name, value);
            return this;
        }

        public MiniCloudConfig build() {
            if (credentials.isEmpty()) {
                credentials.put(MiniCloudConfig.DEFAULT_ACCESS_KEY, MiniCloudConfig.DEFAULT_SECRET_KEY);
            }
            return new MiniCloudConfig(this);
        }

        public MiniCloud start() {
            return start(build(), providers);
        }

        private static MiniCloud start(MiniCloudConfig config, List<ServiceProvider> providers) {
            MiniCloud cloud = new MiniCloud(config, providers);
            cloud.startAll();
            return cloud;
        }

        /** A copy of this builder, so extensions can derive per-test configurations. */
        public Builder copy() {
            Builder b = new Builder();
            b.name = name;
            b.host = host;
            b.edgePort = edgePort;
            b.kvPort = kvPort;
            b.dnsPort = dnsPort;
            b.services = services == null ? null : new LinkedHashSet<>(services);
            b.region = region;
            b.credentials.putAll(credentials);
            b.settings.putAll(settings);
            b.clock = clock;
            b.eventLoopThreads = eventLoopThreads;
            b.providers.addAll(providers);
            return b;
        }
    }
}
