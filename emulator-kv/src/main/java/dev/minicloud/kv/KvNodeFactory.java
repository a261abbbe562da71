package dev.minicloud.kv;

import dev.minicloud.kv.internal.command.Commands;
import dev.minicloud.kv.internal.engine.KvConfig;
import dev.minicloud.kv.internal.engine.KvEngine;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes {@link KvNode}s: the one way another part of MiniCloud (ElastiCache) gets a KV server of its
 * own. Each node gets a fresh keyspace, a listener bound to the given port (0 = the OS picks) and a
 * single-thread loop named after it (never one of the instance's edge loops). Starting one takes a
 * few milliseconds: a thread, a socket and an empty keyspace.
 */
public final class KvNodeFactory {
    private final String host;
    private final Clock clock;
    private final Random seeds;

    /** @param seeds where each node's own random generator is seeded from (the service's random) */
    public KvNodeFactory(String host, Clock clock, Random seeds) {
        this.host = host;
        this.clock = clock;
        this.seeds = seeds;
    }

    /**
     * Starts a node. {@code setup} adjusts its configuration (engine and version, maxmemory, policy,
     * notifications) before it accepts a connection.
     */
    public KvNode start(String threadName, int port, Consumer<KvConfig> setup) {
        KvConfig config = new KvConfig();
        config.bind(host);
        setup.accept(config);
        long seed;
        synchronized (seeds) {
            seed = seeds.nextLong();
        }
        EventLoopGroup group = new NioEventLoopGroup(1, new KvService.KvThreadFactory(threadName));
        try {
            KvEngine engine = new KvEngine(group.next(), clock, new Random(seed), config, Commands.standard());
            return new KvNode(group, engine, host, port);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }
}
