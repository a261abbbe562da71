package dev.minicloud.spi;

import dev.minicloud.MiniCloudConfig;
import dev.minicloud.internal.admin.AdminRegistry;
import dev.minicloud.internal.http.EdgeRouter;
import dev.minicloud.internal.http.Offload;
import dev.minicloud.internal.time.ClockScheduler;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * What a MiniCloud instance hands each of its services: the configuration, the injected clock and
 * randomness, the one shared event loop group, an executor for work that must not block an event
 * loop, a scheduler on the clock, the edge router to register HTTP routes on and the admin registry for {@code /_minicloud/}
 * endpoints.
 */
public interface ServiceContext {

    MiniCloudConfig config();

    /** The only source of time for every service. */
    Clock clock();

    /** The instance's event loop group; services bind on it and must never block its threads. */
    EventLoopGroup eventLoopGroup();

    /** The bounded worker pool, for slow or blocking work; edge handlers use {@link #offload()}. */
    ExecutorService workerExecutor();

    /** Delayed and periodic work on the injected clock (a {@code MutableClock} moves it), run on the workers. */
    ClockScheduler scheduler();

    /** Runs an edge request's slow work on the worker pool and answers failures with one policy. */
    Offload offload();

    EdgeRouter edge();

    AdminRegistry admin();

    /** The edge HTTP endpoint ({@code http://127.0.0.1:4566}); valid from {@link Service#start()} on. */
    URI edgeEndpoint();

    /**
     * A random generator of the calling service's own, derived from the instance's seed
     * ({@code MiniCloud.builder().random(seed)}), so a fixed seed makes every random choice repeat.
     * Each call returns a new generator: take one when the service is created, in a fixed order.
     */
    Random random();

    /**
     * Another service of this instance that offers {@code role} (an SPI interface such as
     * {@link VpcDirectory}), if one runs. Valid once every service has been created: look it up
     * when a request needs it, not in a constructor.
     */
    <T> Optional<T> service(Class<T> role);

    /** The account an access key belongs to: a 12-digit key is that account, anything else the default one. */
    default String accountFor(String accessKey) {
        if (accessKey != null && accessKey.length() == 12 && accessKey.chars().allMatch(Character::isDigit)) {
            return accessKey;
        }
        return MiniCloudConfig.DEFAULT_ACCOUNT;
    }
}
