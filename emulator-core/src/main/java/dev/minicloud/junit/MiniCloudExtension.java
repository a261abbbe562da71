package dev.minicloud.junit;

import dev.minicloud.JvmResolverRegistry;
import dev.minicloud.MiniCloud;
import dev.minicloud.MiniCloudConfig;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that runs a MiniCloud on free ports.
 *
 * <ul>
 *   <li>{@code @RegisterExtension static MiniCloudExtension cloud = MiniCloudExtension.of(MiniCloud.builder()...);}
 *       one instance for the class (or {@code MiniCloudExtension.builder()...build()});</li>
 *   <li>the same on an instance field: a fresh instance for every test;</li>
 *   <li>{@code .shared(true)}: one instance for the whole test run per configuration (equal
 *       {@link MiniCloudConfig} values, added providers, name and event-loop count included), closed
 *       when the run ends;</li>
 *   <li>{@link MiniCloudTest @MiniCloudTest}: the per-class case as an annotation;</li>
 *   <li>{@code .jvmResolver(true)} (or {@code @MiniCloudTest(jvmResolver = true)}): the instance is
 *       registered with {@link JvmResolverRegistry} while it runs, so on Java 18+ with
 *       {@code minicloud-resolver} on the class path its names resolve JVM-wide.</li>
 * </ul>
 *
 * Running instances live in JUnit's {@link ExtensionContext.Store}, which closes them; the extension
 * object only remembers the one it started last, for the {@code getXxx()} shortcuts.
 */
public final class MiniCloudExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MiniCloudExtension.class);

    private final MiniCloudConfig template;
    private final boolean shared;
    private final boolean resetBeforeEach;
    private final boolean jvmResolver;
    private volatile MiniCloud current;

    /** Used by {@link MiniCloudTest}: the configuration comes from the annotation. */
    public MiniCloudExtension() {
        this(null, false, false, false);
    }

    private MiniCloudExtension(MiniCloudConfig template, boolean shared, boolean resetBeforeEach, boolean jvmResolver) {
        this.template = template;
        this.shared = shared;
        this.resetBeforeEach = resetBeforeEach;
        this.jvmResolver = jvmResolver;
    }

    /**
     * An extension that starts instances configured as {@code cloud} is now (a snapshot: later
     * changes to the builder do not reach it), per class or per test depending on the field.
     */
    public static MiniCloudExtension of(MiniCloud.Builder cloud) {
        return new MiniCloudExtension(cloud.build(), false, false, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same extension, sharing one instance for the whole test run with every extension of an equal configuration. */
    public MiniCloudExtension shared(boolean shared) {
        return new MiniCloudExtension(template, shared, resetBeforeEach, jvmResolver);
    }

    /** The same extension, emptying all service state before each test (listeners stay up). */
    public MiniCloudExtension resetBeforeEach(boolean reset) {
        return new MiniCloudExtension(template, shared, reset, jvmResolver);
    }

    /**
     * The same extension, registering its instances with {@link JvmResolverRegistry} while they run
     * (their names resolve JVM-wide on Java 18+ with {@code minicloud-resolver} on the class path).
     */
    public MiniCloudExtension jvmResolver(boolean on) {
        return new MiniCloudExtension(template, shared, resetBeforeEach, on);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        current = startIn(context, config(context), shared(context), jvmResolver(context));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<MiniCloud> classLevel = find(context);
        if (classLevel.isPresent()) {
            current = classLevel.get();
        } else {
            // Registered on an instance field: JUnit never called beforeAll, so this test gets its own.
            current = startIn(context, config(context), shared, jvmResolver);
        }
        if (resetBeforeEach) {
            current.reset();
        }
    }

    private MiniCloud startIn(ExtensionContext context, MiniCloudConfig config, boolean sharedRun, boolean resolver) {
        if (sharedRun) {
            ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
            RunningCloud running = root.getOrComputeIfAbsent(
                    new SharedKey(config, resolver), k -> RunningCloud.start(config, resolver), RunningCloud.class);
            context.getStore(NAMESPACE).put(this, new Ref(running.cloud));
            return running.cloud;
        }
        RunningCloud running = RunningCloud.start(config, resolver);
        context.getStore(NAMESPACE).put(new StoreKey(this), running);
        context.getStore(NAMESPACE).put(this, new Ref(running.cloud));
        return running.cloud;
    }

    private Optional<MiniCloud> find(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(this, Ref.class))
                .map(Ref::cloud);
    }

    private MiniCloudConfig config(ExtensionContext context) {
        if (template != null) {
            return template;
        }
        MiniCloud.Builder b = MiniCloud.builder();
        context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, MiniCloudTest.class))
                .ifPresent(a -> {
                    if (a.services().length > 0) {
                        b.services(a.services());
                    }
                    b.region(a.region());
                    for (String s : a.settings()) {
                        int eq = s.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException(
                                    "@MiniCloudTest settings: " + s + " (expected: name=value)");
                        }
                        b.setting(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
                    }
                });
        return b.build();
    }

    private boolean shared(ExtensionContext context) {
        if (template != null) {
            return shared;
        }
        return context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, MiniCloudTest.class))
                .map(MiniCloudTest::shared)
                .orElse(false);
    }

    private boolean jvmResolver(ExtensionContext context) {
        if (template != null) {
            return jvmResolver;
        }
        return context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, MiniCloudTest.class))
                .map(MiniCloudTest::jvmResolver)
                .orElse(false);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == MiniCloudRuntimeInfo.class || type == MiniCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        MiniCloud cloud = find(extensionContext).orElse(current);
        if (cloud == null) {
            throw new ParameterResolutionException(
                    "MiniCloud is not running yet for " + parameterContext.getDeclaringExecutable());
        }
        return parameterContext.getParameter().getType() == MiniCloud.class ? cloud : new MiniCloudRuntimeInfo(cloud);
    }

    /** The instance the current test uses. */
    public MiniCloud getMiniCloud() {
        MiniCloud c = current;
        if (c == null) {
            throw new IllegalStateException("MiniCloud has not been started: is the extension registered?");
        }
        return c;
    }

    public MiniCloudRuntimeInfo getRuntimeInfo() {
        return new MiniCloudRuntimeInfo(getMiniCloud());
    }

    public URI getEndpoint() {
        return getMiniCloud().endpoint();
    }

    public String getRegion() {
        return getMiniCloud().region();
    }

    public String getAccessKey() {
        return getMiniCloud().accessKey();
    }

    public String getSecretKey() {
        return getMiniCloud().secretKey();
    }

    /**
     * A lookup entry that is deliberately not AutoCloseable: JUnit closes AutoCloseable store values
     * with their context, and a shared instance must outlive the class that looked it up.
     */
    private record Ref(MiniCloud cloud) {}

    /** The root-store key of a run-wide shared instance: the configuration value, and whether it is registered JVM-wide. */
    private record SharedKey(MiniCloudConfig config, boolean jvmResolver) {}

    /** Distinguishes this extension's closeable entry from the plain lookup entry. */
    private record StoreKey(MiniCloudExtension owner) {}

    /**
     * Closed by JUnit when its store goes away (end of test, class or run): the JVM-wide registration
     * (if any) first, so no lookup reaches an instance that is shutting down.
     */
    @SuppressWarnings("deprecation")
    private record RunningCloud(MiniCloud cloud, Optional<JvmResolverRegistry.Registration> registration)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        static RunningCloud start(MiniCloudConfig config, boolean jvmResolver) {
            MiniCloud cloud = MiniCloud.start(config);
            return new RunningCloud(
                    cloud, jvmResolver ? Optional.of(JvmResolverRegistry.register(cloud)) : Optional.empty());
        }

        @Override
        public void close() {
            registration.ifPresent(JvmResolverRegistry.Registration::close);
            cloud.close();
        }
    }

    /**
     * Configures a {@link MiniCloudExtension} with the most used {@link MiniCloud.Builder} calls
     * mirrored; {@link MiniCloudExtension#of(MiniCloud.Builder)} takes a MiniCloud builder directly.
     */
    public static final class Builder {
        private final MiniCloud.Builder cloud = MiniCloud.builder();
        private boolean shared;
        private boolean resetBeforeEach;
        private boolean jvmResolver;

        private Builder() {}

        /** The underlying MiniCloud builder, for anything not mirrored here. */
        public Builder configure(Consumer<MiniCloud.Builder> customizer) {
            customizer.accept(cloud);
            return this;
        }

        public Builder services(String... names) {
            cloud.services(names);
            return this;
        }

        public Builder region(String region) {
            cloud.region(region);
            return this;
        }

        public Builder clock(Clock clock) {
            cloud.clock(clock);
            return this;
        }

        public Builder credentials(String accessKey, String secretKey) {
            cloud.credentials(accessKey, secretKey);
            return this;
        }

        public Builder setting(String name, String value) {
            cloud.setting(name, value);
            return this;
        }

        /** One instance for the whole test run, shared by every extension with the same configuration. */
        public Builder shared(boolean shared) {
            this.shared = shared;
            return this;
        }

        /** Empty all service state before each test (listeners stay up). */
        public Builder resetBeforeEach(boolean reset) {
            this.resetBeforeEach = reset;
            return this;
        }

        /**
         * Register the instances with {@link JvmResolverRegistry} while they run: on Java 18+ with
         * {@code minicloud-resolver} on the class path their names resolve JVM-wide.
         */
        public Builder jvmResolver(boolean on) {
            this.jvmResolver = on;
            return this;
        }

        public MiniCloudExtension build() {
            return new MiniCloudExtension(cloud.build(), shared, resetBeforeEach, jvmResolver);
        }
    }
}
