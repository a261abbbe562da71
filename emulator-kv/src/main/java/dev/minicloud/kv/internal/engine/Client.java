package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.acl.AclUser;
import dev.minicloud.kv.internal.store.Key;
import dev.minicloud.kv.internal.wire.RespCommand;
import dev.minicloud.kv.internal.wire.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server-side state of one connection: selected database, protocol version, name and library
 * info, authentication, the MULTI queue and WATCHed keys, subscriptions, a pending blocking
 * operation, and the reply buffer being filled for it. Touched only by the keyspace thread.
 */
public final class Client {
    final long id;
    final Channel channel;
    final KvEngine engine;
    final RespWriter writer = new RespWriter(null);
    final Call call;
    final long createdAt;
    int db;
    String name;
    String libName;
    String libVersion;
    boolean authenticated;
    /** The ACL user the connection runs as ({@code default} until AUTH). */
    AclUser user;

    boolean noEvict;
    boolean noTouch;
    /** CLIENT TRACKING options; null while tracking is off (the hot path's only check). */
    Tracking.Options tracking;
    /** CLIENT REPLY; anything but ON discards the replies of the commands it covers. */
    ClientControl.ReplyMode reply = ClientControl.ReplyMode.ON;
    /** Held by CLIENT PAUSE: its next command (first in {@link #deferred}) waits for the end of the pause. */
    boolean held;
    /** In MONITOR mode: gets every command other clients run. */
    boolean monitor;

    long lastInteraction;
    /** The replication offset just after this client's last write (what WAIT waits for). */
    long woff;

    String lastCommand = "NULL";
    boolean inMulti;
    boolean inExec;
    boolean execAbort;
    boolean dirtyCas;
    final List<Queued> queued = new ArrayList<>();
    final Set<KvEngine.DbKey> watched = new LinkedHashSet<>();
    final Set<Key> channels = new LinkedHashSet<>();
    final Set<Key> patterns = new LinkedHashSet<>();
    final Set<Key> shardChannels = new LinkedHashSet<>();
    Blocking.State blocked;
    final ArrayDeque<RespCommand> deferred = new ArrayDeque<>();
    /** Bytes of the commands in {@link #deferred}: part of the query buffer Redis limits. */
    long deferredBytes;
    /** A long reply still being written as the client reads (later commands wait, as when blocked). */
    ReplyStreams.Pending stream;
    /** Bytes the decoder held at the end of the last read (part of CLIENT LIST's qbuf). */
    long decoderBytes;
    /** Commands wait because the socket would not take more replies (see ClientLimits#stallOnOutput). */
    boolean outputStalled;
    /** When the output first reached the soft limit (keyspace millis), or -1 while under it. */
    long softLimitSince = -1;

    boolean closing;
    boolean dirty;

    /** A command queued by MULTI. */
    record Queued(byte[][] args, int argc) {}

    Client(long id, Channel channel, KvEngine engine, long now) {
        this.id = id;
        this.channel = channel;
        this.engine = engine;
        this.createdAt = now;
        this.lastInteraction = now;
        this.call = new Call(engine, this);
    }

    /** The connection's channel (null for the scripting client). */
    public Channel channel() {
        return channel;
    }

    public long id() {
        return id;
    }

    public int protocol() {
        return writer.protocol();
    }

    public int db() {
        return db;
    }

    public String name() {
        return name;
    }

    /** Every subscription, sharded ones included (what makes a client a pub/sub client). */
    public int subscriptionCount() {
        return channels.size() + patterns.size() + shardChannels.size();
    }

    /** What SUBSCRIBE and PSUBSCRIBE confirmations count: channels and patterns, not shard channels. */
    int classicSubscriptionCount() {
        return channels.size() + patterns.size();
    }

    boolean inSubscriberMode() {
        return writer.protocol() == 2 && subscriptionCount() > 0;
    }

    /** The writer for this client's reply buffer, allocating the buffer on first use in a batch. */
    public RespWriter out() {
        if (writer.buffer() == null) {
            // big enough for a pipelined batch of small replies without regrowing
            writer.buffer(channel.alloc().ioBuffer(2048));
        }
        if (!dirty) {
            dirty = true;
            engine.markDirty(this);
        }
        return writer;
    }

    /** Sends what was written so far. */
    void flush() {
        dirty = false;
        ByteBuf b = writer.buffer();
        if (b == null) {
            return;
        }
        writer.buffer(null);
        if (!channel.isActive()) {
            b.release();
            return;
        }
        if (closing) {
            channel.writeAndFlush(b).addListener(f -> channel.close());
        } else {
            channel.writeAndFlush(b);
        }
    }

    /** Drops an unsent reply buffer (connection gone). */
    void discard() {
        ByteBuf b = writer.buffer();
        if (b != null) {
            writer.buffer(null);
            b.release();
        }
    }

    String address() {
        return channel.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort()
                : String.valueOf(channel.remoteAddress());
    }

    String localAddress() {
        return channel.localAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort()
                : String.valueOf(channel.localAddress());
    }
}
