package dev.minicloud;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running instances whose names the JVM-wide resolver answers. On Java 18+ the
 * {@code minicloud-resolver} artifact installs a {@code java.net.spi.InetAddressResolverProvider};
 * it asks {@link #lookup} first and hands every name no registered instance serves to the JDK's own
 * resolver. Register an instance to opt it in, and close the handle (before or with the instance) to
 * opt it out; the JUnit extension does both for a test class that asks for it. Without the artifact
 * (or on Java 17) registering is harmless and changes nothing: use {@link MiniCloud#resolve} there.
 *
 * <p>Why this is process-wide state, the only such piece in MiniCloud: the JDK loads the resolver
 * provider once per JVM, through {@code ServiceLoader}, with no way to hand it an instance, so the
 * instances it answers for have to be found in one place the provider can reach. Everything else
 * stays per instance. Thread-safe: registrations change rarely and lookups happen on every connect,
 * so the list is copy-on-write and lookups never lock.
 */
public final class JvmResolverRegistry {
    private static final List<Registration> REGISTERED = new CopyOnWriteArrayList<>();

    private JvmResolverRegistry() {}

    /**
     * Opts {@code cloud} in: its names resolve JVM-wide until the handle is closed or the instance
     * is. With several instances registered, the first registered that serves a name answers it.
     */
    public static Registration register(MiniCloud cloud) {
        Registration r = new Registration(cloud);
        REGISTERED.add(r);
        return r;
    }

    /**
     * The addresses of {@code hostName} from the first registered, running instance that serves it;
     * empty when none does (the caller then asks the system resolver).
     */
    public static List<InetAddress> lookup(String hostName) {
        for (Registration r : REGISTERED) {
            List<InetAddress> found = r.cloud.resolveAll(hostName);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /** One instance's opt-in; {@link #close()} (idempotent) takes it out again. */
    public static final class Registration implements AutoCloseable {
        private final MiniCloud cloud;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Registration(MiniCloud cloud) {
            this.cloud = cloud;
        }

        public MiniCloud cloud() {
            return cloud;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                REGISTERED.remove(this);
            }
        }
    }
}
