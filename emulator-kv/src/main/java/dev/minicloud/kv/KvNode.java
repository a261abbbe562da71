package dev.minicloud.kv;

import dev.minicloud.internal.net.Listeners;
import dev.minicloud.kv.internal.engine.KvEngine;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.rdb.DumpPayload;
import dev.minicloud.kv.internal.rdb.RdbReader;
import dev.minicloud.kv.internal.rdb.RdbWriter;
import dev.minicloud.kv.internal.server.RespChannelInitializer;
import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.Keyspace;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running KV server that is not the KV service's own: a cache node of ElastiCache. It has its
 * own keyspace ({@link KvEngine}), its own RESP listener and its own single-thread loop, so one
 * node's slow command delays no other node, no S3 request and no DNS answer. Made by
 * {@link KvNodeFactory}; {@link #close()} ends its listener, its client connections and its loop.
 */
public final class KvNode implements AutoCloseable {
    private final EventLoopGroup group;
    private final KvEngine engine;
    private final Channel listener;
    private final ChannelGroup connections;
    private volatile boolean closed;

    KvNode(EventLoopGroup group, KvEngine engine, String host, int port) {
        this.group = group;
        this.engine = engine;
        this.connections = new DefaultChannelGroup(engine.loop());
        ServerBootstrap b = new ServerBootstrap()
                .group(group, engine.loop())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // kept so that close() and reboot() end connected clients, as a stopped redis-server does
                        connections.add(ch);
                        ch.pipeline().addLast(new RespChannelInitializer(engine));
                    }
                });
        this.listener = Listeners.bind(b, host, port, "cache node (RESP)", "--elasticache-node-ports");
        engine.eventsWhileBusy(RespChannelInitializer.eventsWhileBusy(engine, listener));
        engine.config().port(address().getPort());
        engine.start();
    }

    /** Where clients connect. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The node's engine: its keyspace, configuration and clients. */
    public KvEngine engine() {
        return engine;
    }

    /** Applies {@code CONFIG SET name value} on the node's loop and waits for it; Redis' error if refused. */
    public void configure(String name, String value) {
        run(() -> engine.config().apply(name, value, engine));
    }

    /**
     * Makes the node's ACL users exactly {@code rulesByUser} (name -> ACL SETUSER rules, applied after
     * {@code reset}); users not named are deleted and their connections closed, and {@code default}
     * goes back to {@code on nopass ~* &* +@all} unless named. Throws
     * {@link dev.minicloud.kv.internal.acl.AclRuleException} for a rule that does not parse, changing nothing.
     */
    public void aclUsers(Map<String, List<String>> rulesByUser) {
        run(() -> engine.replaceAclUsers(rulesByUser));
    }

    /** Closes every client connection (a node that is recovered after a failover drops them), keeping the data. */
    public void disconnectClients() {
        Listeners.await(connections.close());
    }

    /** A reboot: every client is disconnected and the data is gone (no persistence), the settings stay. */
    public void reboot() {
        Listeners.await(connections.close());
        engine.reset();
    }

    /** Copies every live key of every database, on the node's loop (so between two commands). */
    public KvSnapshot snapshot() {
        List<KvSnapshot.Entry> out = new ArrayList<>();
        run(() -> {
            for (int i = 0; i < Keyspace.DATABASES; i++) {
                Database db = engine.keyspace().db(i);
                for (KeyEntry e : db.liveEntries()) {
                    out.add(new KvSnapshot.Entry(i, e.key().clone(), RdbWriter.dump(e.value()), e.expireAt()));
                }
            }
        });
        return new KvSnapshot(out);
    }

    /** Loads {@code snapshot} into this (empty) node, on its loop; keys already expired by the clock are skipped. */
    public void restore(KvSnapshot snapshot) {
        run(() -> {
            long now = engine.keyspace().now();
            for (KvSnapshot.Entry e : snapshot.entries()) {
                if (e.expireAt() >= 0 && e.expireAt() <= now) {
                    continue;
                }
                Database db = engine.keyspace().db(e.db());
                db.delete(e.key());
                KeyEntry entry = db.add(
                        e.key().clone(),
                        RdbReader.read(
                                DumpPayload.open(e.payload()), engine.keyspace().encodings()));
                if (e.expireAt() >= 0) {
                    db.setExpire(entry, e.expireAt());
                }
            }
            engine.keyspace().recount();
        });
    }

    public boolean isClosed() {
        return closed;
    }

    private void run(Runnable r) {
        if (engine.loop().inEventLoop()) {
            r.run();
            return;
        }
        try {
            engine.loop().submit(r).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring a cache node", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RespError error) {
                throw error;
            }
            throw new IllegalStateException("configuring a cache node failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cache node did not apply its configuration in 10 s", e);
        }
    }

    /** Stops the node: listener, connections and loop; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.stop();
        Listeners.close(listener);
        Listeners.await(connections.close());
        Listeners.await(group.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    }
}
