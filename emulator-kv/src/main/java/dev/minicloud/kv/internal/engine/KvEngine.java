package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.acl.AclUser;
import dev.minicloud.kv.internal.acl.AclUsers;
import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.Key;
import dev.minicloud.kv.internal.store.Keyspace;
import dev.minicloud.kv.internal.wire.RespCommand;
import dev.minicloud.kv.internal.wire.RespProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * The heart of the KV service: owns the keyspace and executes every command, one at a time.
 *
 * <p>Execution model: everything here runs on one Netty {@link EventLoop}, the same loop every RESP
 * connection of this server is registered on. Reading, decoding, executing and encoding a command
 * happen on that thread without any hand-off, and pipelined commands are executed back to back with
 * one flush per read (see {@code RespServerHandler}). Commands are therefore atomic with respect to
 * each other, which MULTI/EXEC, WATCH, blocking pops and pub/sub rely on, exactly as in Redis.
 * Work from other threads ({@link #reset()}) is submitted to the loop.
 *
 * <p>Per command: look up the spec, check arity, authentication, subscriber mode, MULTI queueing and
 * maxmemory, run the handler with the keyspace clock frozen, then serve clients blocked on keys the
 * command touched and flush replies written to other connections (pub/sub, unblocked clients).
 */
public final class KvEngine {
    /** A key in a numbered database (WATCH and blocking registries). */
    public record DbKey(int db, byte[] key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DbKey k && k.db == db && Arrays.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return db * 31 + Arrays.hashCode(key);
        }
    }

    public static final String VERSION = "7.4.2";
    /** What Valkey nodes report as {@code redis_version} (Valkey froze it there for clients). */
    public static final String VALKEY_REDIS_VERSION = "7.2.4";

    private static final int ACTIVE_EXPIRE_BUDGET = 2000;
    private static final long CRON_MILLIS = 100;

    private final EventLoop loop;
    private final Keyspace keyspace;
    private final CommandTable table;
    private final KvConfig config;
    private final Stats stats = new Stats();
    private final PubSub pubsub = new PubSub();
    private final AclUsers acl;
    private final Blocking blocking = new Blocking(this);
    private final ClientLimits limits = new ClientLimits(this);
    private final ReplyStreams streams = new ReplyStreams(this);
    private final HashFieldExpiry hashFields = new HashFieldExpiry(this);
    private final Tracking tracking = new Tracking(this);
    private final ClientPause pause = new ClientPause(this);
    private final Monitor monitor = new Monitor();
    private final SlowLog slowlog = new SlowLog();
    private final LatencyHistograms latency = new LatencyHistograms();
    private final Replication replication = new Replication(this);
    /** DEBUG SET-ACTIVE-EXPIRE: whether the cron expires keys nobody reads. */
    private boolean activeExpire = true;

    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final Map<DbKey, Set<Client>> watchers = new HashMap<>();
    private final List<Client> dirty = new ArrayList<>();
    private final long startMillis;
    private long nextClientId = 1;
    private Client current;
    /** The client whose read is being processed (its decoder is mid-batch: never read it re-entrantly). */
    private Client reading;
    /** While a script is past busy-reply-threshold: Redis' BUSY error for every other command. */
    private String busyError;

    private Client busyCaller;
    private EventsWhileBusy eventsWhileBusy = EventsWhileBusy.NONE;
    /** True while a command runs: nested runs (EXEC, blocked-client retries) share its instant. */
    private boolean keyspaceFrozen;

    private ScheduledFuture<?> cron;
    /** Set by {@link #stop()} from any thread: a script still running ends at its next interrupt check. */
    private volatile boolean stopping;

    public KvEngine(EventLoop loop, Clock clock, RandomGenerator random, KvConfig config, CommandTable table) {
        this.loop = loop;
        this.keyspace = new Keyspace(clock, random, config.encodings(), config.eviction());
        this.config = config;
        this.table = table;
        this.startMillis = clock.millis();
        this.acl = new AclUsers(table);
        if (!config.requirepass.isEmpty()) {
            acl.requirepass(config.requirepass);
        }
        keyspace.tracking(config.maxmemory > 0);
        keyspace.useLfu(config.policy == Keyspace.Policy.ALLKEYS_LFU || config.policy == Keyspace.Policy.VOLATILE_LFU);
        keyspace.newKeyEvents((config.notifyFlags & Notifications.NEW) != 0);
        keyspace.listener(new Keyspace.Listener() {
            @Override
            public void expired(Database db, byte[] key) {
                if (replication.active()) {
                    replication.recordDelete(db.index(), key);
                }
                modified(db.index(), key);
                KvEngine.this.notify(db.index(), Notifications.EXPIRED, "expired", key);
            }

            @Override
            public void evicted(Database db, byte[] key) {
                if (replication.active()) {
                    replication.recordDelete(db.index(), key);
                }
                modified(db.index(), key);
                KvEngine.this.notify(db.index(), Notifications.EVICTED, "evicted", key);
            }

            @Override
            public void added(Database db, byte[] key) {
                KvEngine.this.notify(db.index(), Notifications.NEW, "new", key);
            }
        });
    }

    /** Starts the cron (active expiry, blocking timeouts) on the loop. */
    public void start() {
        cron = loop.scheduleAtFixedRate(this::cron, CRON_MILLIS, CRON_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        stopping = true;
        if (cron != null) {
            cron.cancel(false);
        }
    }

    public EventLoop loop() {
        return loop;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public CommandTable table() {
        return table;
    }

    public KvConfig config() {
        return config;
    }

    HashFieldExpiry hashFields() {
        return hashFields;
    }

    public Stats stats() {
        return stats;
    }

    /** The instance's ACL users and log. */
    public AclUsers acl() {
        return acl;
    }

    /** The ElastiCache way to set users: see {@link dev.minicloud.kv.KvNode#aclUsers}. */
    public void replaceAclUsers(Map<String, List<String>> rulesByUser) {
        AclCommands.replaceUsers(this, rulesByUser);
    }

    /** Whether new connections need no AUTH: the default user is on and {@code nopass} (Redis' authRequired). */
    boolean defaultUserOpen() {
        AclUser d = acl.defaultUser();
        return d.enabled() && d.nopass();
    }

    public PubSub pubsub() {
        return pubsub;
    }

    Blocking blocking() {
        return blocking;
    }

    ClientLimits limits() {
        return limits;
    }

    ReplyStreams streams() {
        return streams;
    }

    public long startMillis() {
        return startMillis;
    }

    public Collection<Client> clients() {
        return clients.values();
    }

    /** The open connection with this id, or null. */
    Client client(long id) {
        return clients.get(id);
    }

    Tracking tracking() {
        return tracking;
    }

    ClientPause pause() {
        return pause;
    }

    Monitor monitor() {
        return monitor;
    }

    SlowLog slowlog() {
        return slowlog;
    }

    LatencyHistograms latency() {
        return latency;
    }

    /** This node's place in a primary/replica pair: its role, its replicas, its stream offset. */
    public Replication replication() {
        return replication;
    }

    /** RESET: tracking off, replies on, out of MONITOR mode, shard channels left (Redis' clearClientConnectionState). */
    void resetClientFeatures(Client c) {
        tracking.disable(c);
        c.reply = ClientControl.ReplyMode.ON;
        if (c.monitor) {
            c.monitor = false;
            monitor.remove(c);
        }
        for (Key k : new ArrayList<>(c.shardChannels)) {
            pubsub.sunsubscribe(c, k);
        }
    }

    /** DEBUG SET-ACTIVE-EXPIRE 0|1. */
    public void activeExpire(boolean on) {
        activeExpire = on;
    }

    public int blockedClients() {
        return blocking.blockedCount();
    }

    // ---- connections ----------------------------------------------------------------------

    public Client connect(Channel channel) {
        Client c = new Client(nextClientId++, channel, this, keyspace.now());
        c.user = acl.defaultUser();
        c.authenticated = defaultUserOpen();
        if (clients.size() >= config.maxClients) {
            // Redis answers, then closes: the connection never becomes a client
            stats.rejectedConnections++;
            c.out().error("ERR max number of clients reached");
            c.closing = true;
            c.flush();
            return c;
        }
        clients.put(c.id, c);
        stats.connections++;
        return c;
    }

    public void disconnect(Client c) {
        // a read the close cut short (commands decoded from the last bytes, no read-complete) must not
        // leave the client current: replies to the current client are only flushed at its read's end,
        // so anything written to it later would never be flushed nor released
        if (current == c) {
            current = null;
        }
        if (reading == c) {
            reading = null;
        }
        c.closing = true;
        if (clients.remove(c.id) == null) {
            c.discard(); // refused at maxclients: never registered, but its reply buffer is still ours
            return;
        }
        blocking.unblock(c);
        pubsub.removeClient(c);
        tracking.disable(c);
        pause.forget(c);
        monitor.remove(c);
        unwatchAll(c);
        c.deferred.clear();
        c.deferredBytes = 0;
        c.stream = null;
        c.discard();
        dirty.remove(c);
    }

    /** Whether the connection still has to authenticate (tightens the decoder's limits). */
    public boolean authRequired(Client c) {
        return !c.authenticated && !defaultUserOpen();
    }

    // ---- command flow ---------------------------------------------------------------------

    /** A decoded command arrived on {@code c}'s connection. */
    public void onCommand(Client c, RespCommand cmd) {
        current = c;
        reading = c;
        if (c.closing) {
            return;
        }
        if (pause.paused() && !c.held && heldByPause(c, cmd.args(), cmd.argc())) {
            c.held = true;
            pause.hold(c);
        }
        if (c.blocked != null || c.stream != null || !c.deferred.isEmpty() || c.held || limits.stallOnOutput(c)) {
            // Redis stops processing a blocked client's input; what it sends meanwhile counts
            // against client-query-buffer-limit (checked at the end of the read). A client whose
            // unread replies fill its socket waits the same way (backpressure, see ClientLimits)
            c.deferred.add(cmd);
            c.deferredBytes += ClientLimits.weight(cmd);
            limits.queuedWhileStalled(c);
            return;
        }
        execute(c, cmd.args(), cmd.argc());
        if (busyError == null) {
            // while a script is busy nothing may run in its middle: blocked clients wait for its end
            afterCommand();
        }
    }

    public void onProtocolError(Client c, RespProtocolError error) {
        c.out().error(error.message());
        c.closing = true;
    }

    /**
     * The end of one read: closes the client if what it sent and is not yet executed
     * ({@code undecodedBytes} in the decoder plus deferred commands) is over client-query-buffer-limit,
     * else sends the replies of every command of the batch in one write.
     */
    public void onReadComplete(Client c, long undecodedBytes, ByteBuf undecoded) {
        c.decoderBytes = undecodedBytes;
        if (limits.closeIfQueryBufferExceeded(c, undecodedBytes, undecoded)) {
            current = null;
            return;
        }
        if (c.dirty) {
            flushClient(c);
        }
        current = null;
        reading = null;
    }

    // ---- busy scripts ---------------------------------------------------------------------

    /** The server layer's way to serve connections while a script is busy (set once, at start). */
    public void eventsWhileBusy(EventsWhileBusy events) {
        this.eventsWhileBusy = events;
    }

    /** Whether the service is closing (a running script must end so that the loop can stop). */
    public boolean stopping() {
        return stopping;
    }

    /** {@code busy-reply-threshold} in milliseconds. */
    public long busyReplyThreshold() {
        return config.busyReplyThreshold;
    }

    /** The instance clock's time now (the keyspace's own instant stays frozen during a command). */
    public long clockMillis() {
        return keyspace.clockMillis();
    }

    /** A script run by {@code caller} passed the threshold: every other command gets {@code error} until it ends. */
    public void enterBusy(Client caller, String error) {
        busyCaller = caller;
        busyError = error;
    }

    /**
     * One round of serving other connections from inside the busy script (on this same thread, so
     * everything they do happens before the script continues). The script's caller and a
     * connection whose read is in progress are not read.
     */
    public void serveWhileBusy() {
        Client savedCurrent = current;
        Client savedReading = reading;
        try {
            eventsWhileBusy.poll(
                    ch -> ch == busyCaller.channel || (savedReading != null && ch == savedReading.channel));
        } finally {
            current = savedCurrent;
            reading = savedReading;
        }
    }

    /** The busy script ended. */
    public void leaveBusy() {
        if (busyError != null) {
            busyError = null;
            busyCaller = null;
            eventsWhileBusy.end();
        }
    }

    /** The client whose command is executing (its replies are flushed at the end of its read). */
    Client currentClient() {
        return current;
    }

    void markDirty(Client c) {
        if (c != current) {
            dirty.add(c);
        }
    }

    private void afterCommand() {
        if (blocking.hasReady()) {
            blocking.serveReady();
        }
        if (!dirty.isEmpty()) {
            List<Client> toFlush = new ArrayList<>(dirty);
            dirty.clear();
            for (Client d : toFlush) {
                if (d != current) {
                    flushClient(d);
                } else {
                    d.dirty = true;
                }
            }
        }
    }

    private void flushClient(Client c) {
        if (c.closing && c.stream == null && c.writer.buffer() == null) {
            return;
        }
        if (limits.outputLimitReached(c)) {
            // e.g. a subscriber that never reads is cut off instead of growing memory without bound
            limits.closeForOutputLimit(c);
            return;
        }
        c.flush();
        if (c.stream != null) {
            streams.schedule(c);
        }
    }

    /** The socket of {@code c} can take more: continue a streamed reply. */
    public void onWritable(Client c) {
        if (c.stream != null) {
            streams.schedule(c);
        }
        if (c.outputStalled) {
            limits.unstall(c);
            resume(c);
        }
    }

    /** One turn of {@code c}'s streamed reply, as the client whose replies are being written. */
    void pumpStream(Client c) {
        Client saved = current;
        current = c;
        try {
            streams.pump(c);
        } finally {
            current = saved;
        }
        afterCommand(); // deferred commands run after the stream may have written to others
    }

    /** Executes one command for {@code c}; under CLIENT REPLY OFF or SKIP its reply is discarded. */
    void execute(Client c, byte[][] args, int argc) {
        if (c.reply == ClientControl.ReplyMode.ON) {
            dispatch(c, args, argc);
            if (c.reply != ClientControl.ReplyMode.ON && tracking.active()) {
                tracking.afterCommand(); // CLIENT REPLY OFF|SKIP itself: run() left its pushes to us
            }
            return;
        }
        if (c.reply == ClientControl.ReplyMode.SKIP_NEXT) {
            c.reply = ClientControl.ReplyMode.SKIP;
        }
        int mark = c.out().buffer().writerIndex();
        dispatch(c, args, argc);
        if (c.reply != ClientControl.ReplyMode.ON && c.writer.buffer() != null) {
            c.writer.buffer().writerIndex(Math.min(mark, c.writer.buffer().writerIndex()));
        }
        if (tracking.active()) {
            tracking.afterCommand();
        }
        if (c.reply == ClientControl.ReplyMode.SKIP) {
            c.reply = ClientControl.ReplyMode.ON;
        }
    }

    /** Executes one command for {@code c} with every check Redis makes first. */
    private void dispatch(Client c, byte[][] args, int argc) {
        stats.commands++;
        c.lastInteraction = keyspace.now();
        CommandSpec spec = table.lookup(args[0]);
        if (spec == null) {
            flagTxError(c);
            c.out().error(unknownCommand(args, argc));
            return;
        }
        if (!spec.subcommands().isEmpty()) {
            if (argc < 2) {
                flagTxError(c);
                c.out().error(RespError.arity(spec.name()).getMessage());
                return;
            }
            CommandSpec sub =
                    spec.subcommands().get(new String(args[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
            if (sub == null) {
                flagTxError(c);
                c.out()
                        .error("ERR unknown subcommand '" + truncate(new String(args[1], StandardCharsets.UTF_8))
                                + "'. Try " + spec.name().toUpperCase(Locale.ROOT) + " HELP.");
                return;
            }
            spec = sub;
        }
        c.lastCommand = spec.fullName();
        if (!spec.arityOk(argc)) {
            flagTxError(c);
            c.out().error(RespError.arity(spec.fullName()).getMessage());
            return;
        }
        if (!c.authenticated && !spec.has(CommandFlag.NO_AUTH)) {
            if (defaultUserOpen()) {
                c.authenticated = true;
            } else {
                flagTxError(c);
                c.out().error("NOAUTH Authentication required.");
                return;
            }
        }
        if (!c.user.unrestricted() && !AclCommands.permitted(this, c, spec, args, argc)) {
            flagTxError(c);
            return;
        }
        if (c.monitor && (spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.READONLY))) {
            flagTxError(c);
            c.out().error("ERR Replica can't interact with the keyspace");
            return;
        }
        if (c.inSubscriberMode() && !spec.has(CommandFlag.SUBSCRIBER_OK)) {
            c.out()
                    .error("ERR Can't execute '" + spec.fullName()
                            + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                            + " are allowed in this context");
            return;
        }
        if (busyError != null && !spec.has(CommandFlag.ALLOW_BUSY)) {
            flagTxError(c);
            c.out().error(busyError);
            return;
        }
        if (replication.readOnly() && spec.has(CommandFlag.WRITE)) {
            flagTxError(c);
            c.out().error(RespError.READONLY_REPLICA);
            return;
        }
        if (c.inMulti && !spec.has(CommandFlag.TX_CONTROL)) {
            if (spec.has(CommandFlag.NO_MULTI)) {
                c.out().error("ERR Command not allowed inside a transaction");
                return;
            }
            if (spec.has(CommandFlag.DENYOOM) && !memoryAvailable(c)) {
                flagTxError(c);
                c.out().error(RespError.OOM);
                return;
            }
            c.queued.add(new Client.Queued(Arrays.copyOf(args, argc), argc));
            c.out().simple("QUEUED");
            return;
        }
        if (spec.has(CommandFlag.DENYOOM) && !memoryAvailable(c)) {
            c.out().error(RespError.OOM);
            return;
        }
        run(c, spec, args, argc, false);
    }

    /** Runs a handler; {@code noBlock} makes blocking commands answer at once (inside EXEC). */
    void run(Client c, CommandSpec spec, byte[][] args, int argc, boolean noBlock) {
        Call call = c.call;
        call.set(args, argc, spec);
        call.noBlock = noBlock || c.inExec;
        boolean outer = !keyspaceFrozen;
        if (outer) {
            keyspace.freeze();
            keyspaceFrozen = true;
        }
        keyspace.touchEnabled(!c.noTouch);
        boolean track = keyspace.tracking() && spec.has(CommandFlag.WRITE);
        long before = track ? measure(c.db, spec, args, argc) : 0;
        int dbBefore = c.db;
        boolean timed = config.slowlogSlowerThanMicros >= 0 || config.latencyTracking;
        long started = timed ? System.nanoTime() : 0;
        // only with a replica attached: where this command's reply starts, to tell an error from a success
        int replyMark = replication.active() && Replication.propagates(spec) ? replyMark(c) : -1;
        try {
            if (replication.readOnly() && spec.has(CommandFlag.WRITE) && !replication.isApplier(c)) {
                throw new RespError(RespError.READONLY_REPLICA); // a script's redis.call on a replica
            }
            if (replication.copying() && spec.has(CommandFlag.WRITE)) {
                replication.beforeWrite(c.db, spec, args, argc); // a replica's copy takes these keys' values first
            }
            spec.handler().run(call);
            if (c.tracking != null) {
                tracked(c, spec, args, argc);
            }
            if (replyMark >= 0 && wrote(c, call, replyMark)) {
                replication.record(c, dbBefore, spec, args, argc, replyMark);
            }
        } catch (RespError e) {
            c.out().error(e.getMessage());
        } finally {
            if (track) {
                keyspace.adjustUsed(measure(dbBefore, spec, args, argc) - before);
            }
            if (!call.retrying) {
                logged(c, spec, args, argc, started);
            }
            // a blocked command counts once it is served (Redis' updateStatsOnUnblock), not when it blocks
            if (timed && config.latencyTracking && !(call.retrying ? call.stillBlocked : c.blocked != null)) {
                latency.record(spec, (System.nanoTime() - started) / 1000);
            }
            keyspace.touchEnabled(true);
            if (outer) {
                replication.flush(c);
                keyspace.unfreeze();
                keyspaceFrozen = false;
                if (tracking.active() && c.reply == ClientControl.ReplyMode.ON) {
                    tracking.afterCommand(); // else after the reply is discarded: pushes are not replies
                }
            }
        }
    }

    private static int replyMark(Client c) {
        ByteBuf b = c.writer.buffer();
        return b == null ? 0 : b.writerIndex();
    }

    /** Whether a write that just ran succeeded and did not block (so it goes down the replication stream). */
    private static boolean wrote(Client c, Call call, int replyMark) {
        if (call.retrying ? call.stillBlocked : c.blocked != null) {
            return false;
        }
        ByteBuf b = c.writer.buffer();
        return b == null || b.writerIndex() <= replyMark || b.getByte(replyMark) != '-';
    }

    /** Applies one command of the primary's stream on this replica, past every client check. */
    void applyReplicated(Client applier, byte[][] argv) {
        CommandSpec spec = resolve(argv, argv.length);
        if (spec != null) {
            run(applier, spec, argv, argv.length, true);
            replication.dropReplies(applier);
        }
        afterCommand();
    }

    /** A replica acknowledged an offset: WAIT callers blocked on the acknowledgement key re-check. */
    void replicationAcked() {
        if (blocking.hasWaiters()) {
            for (int db = 0; db < Keyspace.DATABASES; db++) {
                blocking.signal(new DbKey(db, Replication.WAIT_KEY));
            }
            afterCommand();
        }
    }

    /** MONITOR and SLOWLOG see a command once it ran (a blocked command once, when it blocked). */
    private void logged(Client c, CommandSpec spec, byte[][] args, int argc, long startedNanos) {
        if (monitor.active() && !spec.has(CommandFlag.ADMIN)) {
            monitor.feed(c, spec, args, argc, keyspace.now());
        }
        long slower = config.slowlogSlowerThanMicros;
        if (slower >= 0 && c.channel != null) { // a script's calls are not logged, its EVAL is
            long micros = (System.nanoTime() - startedNanos) / 1000;
            if (micros >= slower
                    && !spec.fullName().equals("exec")) { // EXEC is CMD_SKIP_SLOWLOG: its commands are logged
                slowlog.record(c, spec, args, argc, micros, keyspace.now(), config.slowlogMaxLen);
            }
        }
    }

    /**
     * A tracking client's command ran: remember what it read. CLIENT CACHING lasts one command (all of
     * a MULTI); CLIENT commands keep it, as Redis compares the previous command's function, clientCommand.
     */
    private void tracked(Client c, CommandSpec spec, byte[][] args, int argc) {
        if (spec.has(CommandFlag.READONLY)) {
            tracking.remember(c, spec, args, argc);
        }
        if (c.tracking != null
                && c.tracking.caching
                && !c.inMulti
                && !c.inExec
                && !spec.fullName().startsWith("client|")) {
            c.tracking.caching = false;
        }
    }

    /** The live cost of the keys a command names (all arguments when positions are variable). */
    private long measure(int dbIndex, CommandSpec spec, byte[][] args, int argc) {
        Database db = keyspace.db(dbIndex);
        long sum = 0;
        if (spec.firstKey() <= 0) {
            return 0;
        }
        int last = spec.lastKey() < 0 ? argc + spec.lastKey() : Math.min(spec.lastKey(), argc - 1);
        int step = Math.max(1, spec.step());
        for (int i = spec.firstKey(); i <= last; i += step) {
            sum += keyspace.liveMemory(db, args[i]);
        }
        return sum;
    }

    /** Evicts per policy until under maxmemory; false when it cannot (OOM). */
    boolean memoryAvailable(Client c) {
        long max = config.maxmemory;
        if (max <= 0 || keyspace.expiryPaused()) {
            return true; // during CLIENT PAUSE nothing is evicted and nothing is refused for it (Redis'
            // isSafeToPerformEvictions)
        }
        keyspace.freeze();
        try {
            while (keyspace.usedMemory() > max) {
                if (keyspace.evictOne(config.policy) < 0) {
                    return false;
                }
            }
            return true;
        } finally {
            keyspace.unfreeze();
        }
    }

    private static void flagTxError(Client c) {
        if (c.inMulti) {
            c.execAbort = true;
        }
    }

    static String truncate(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    private static String unknownCommand(byte[][] args, int argc) {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i < argc && a.length() < 128; i++) {
            String s = new String(args[i], StandardCharsets.UTF_8);
            int room = 128 - a.length();
            a.append('\'').append(s.length() > room ? s.substring(0, room) : s).append("' ");
        }
        return "ERR unknown command '" + truncate(new String(args[0], StandardCharsets.UTF_8))
                + "', with args beginning with: " + a;
    }

    // ---- blocking -------------------------------------------------------------------------

    /** Re-runs a blocked client's command; true when it was served (a reply was written). */
    boolean retryBlocked(Client c) {
        Blocking.State s = c.blocked;
        Call call = c.call;
        int savedDb = c.db;
        c.db = s.keys.get(0).db();
        call.retrying = true;
        call.stillBlocked = false;
        try {
            run(c, s.spec, s.args, s.argc, false);
        } finally {
            call.retrying = false;
            c.db = savedDb;
        }
        return !call.stillBlocked;
    }

    /** Continues with commands that arrived while the client was blocked. */
    void resume(Client c) {
        Client saved = current;
        current = c;
        while (c.blocked == null
                && c.stream == null
                && !c.deferred.isEmpty()
                && !c.closing
                && !limits.stallOnOutput(c)) {
            if (pause.paused()
                    && heldByPause(
                            c, c.deferred.peek().args(), c.deferred.peek().argc())) {
                c.held = true;
                pause.hold(c);
                break;
            }
            RespCommand cmd = c.deferred.poll();
            c.deferredBytes -= ClientLimits.weight(cmd);
            execute(c, cmd.args(), cmd.argc());
        }
        current = saved;
        flushClient(c);
    }

    /** Whether CLIENT PAUSE holds this command of {@code c} (an EXEC counts as a write when its queue writes). */
    private boolean heldByPause(Client c, byte[][] args, int argc) {
        CommandSpec spec = resolve(args, argc);
        boolean queuedWrite = false;
        if (spec != null && spec.name().equals("exec")) {
            for (Client.Queued q : c.queued) {
                CommandSpec s = resolve(q.args(), q.argc());
                queuedWrite |= s != null && s.has(CommandFlag.WRITE);
            }
        }
        return pause.holds(spec, queuedWrite);
    }

    /** The spec a command runs as, a container's subcommand resolved; null when unknown. */
    private CommandSpec resolve(byte[][] args, int argc) {
        CommandSpec spec = table.lookup(args[0]);
        if (spec == null || spec.subcommands().isEmpty() || argc < 2) {
            return spec;
        }
        return spec.subcommands().get(new String(args[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    void scheduleTimeoutCheck(long delayMillis) {
        loop.schedule(this::checkTimeouts, delayMillis + 1, TimeUnit.MILLISECONDS);
    }

    private void checkTimeouts() {
        blocking.expireTimeouts(keyspace.now());
        afterCommand();
    }

    // ---- keys, WATCH, notifications -------------------------------------------------------

    /** A key changed: invalidate WATCHes and mark it ready for blocked clients. */
    void modified(int db, byte[] key) {
        if (!watchers.isEmpty()) {
            Set<Client> w = watchers.get(new DbKey(db, key));
            if (w != null) {
                for (Client c : w) {
                    c.dirtyCas = true;
                }
            }
        }
        if (blocking.hasWaiters()) {
            blocking.signal(new DbKey(db, key));
        }
        if (tracking.active()) {
            tracking.invalidate(key, current);
        }
    }

    /** FLUSHDB or FLUSHALL ran: tracking clients drop their whole cache. */
    void flushed(Client by) {
        if (tracking.active()) {
            tracking.flushed(by);
        }
    }

    /**
     * Every watched key of a database is invalidated (FLUSHDB, FLUSHALL, SWAPDB), and every key a
     * client blocks on there is re-checked: a consumer blocked on a flushed stream's group gets
     * {@code UNBLOCKED}, as in Redis 7; pops find nothing and wait on.
     */
    void modifiedAll(int db) {
        if (blocking.hasWaiters()) {
            blocking.signalDb(db);
        }
        for (Map.Entry<DbKey, Set<Client>> e : watchers.entrySet()) {
            if (db < 0 || e.getKey().db() == db) {
                for (Client c : e.getValue()) {
                    c.dirtyCas = true;
                }
            }
        }
    }

    void watch(Client c, byte[] key) {
        DbKey k = new DbKey(c.db, key);
        if (c.watched.add(k)) {
            watchers.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(c);
        }
    }

    void unwatchAll(Client c) {
        for (DbKey k : c.watched) {
            Set<Client> s = watchers.get(k);
            if (s != null) {
                s.remove(c);
                if (s.isEmpty()) {
                    watchers.remove(k);
                }
            }
        }
        c.watched.clear();
        c.dirtyCas = false;
    }

    void notify(int db, int type, String event, byte[] key) {
        int flags = config.notifyFlags;
        if ((flags & type) == 0 || (flags & (Notifications.KEYSPACE | Notifications.KEYEVENT)) == 0) {
            return;
        }
        if ((flags & Notifications.KEYSPACE) != 0) {
            byte[] prefix = ("__keyspace@" + db + "__:").getBytes(StandardCharsets.US_ASCII);
            byte[] channel = Arrays.copyOf(prefix, prefix.length + key.length);
            System.arraycopy(key, 0, channel, prefix.length, key.length);
            publish(channel, event.getBytes(StandardCharsets.US_ASCII));
        }
        if ((flags & Notifications.KEYEVENT) != 0) {
            publish(("__keyevent@" + db + "__:" + event).getBytes(StandardCharsets.US_ASCII), key);
        }
    }

    int spublish(byte[] channel, byte[] message) {
        stats.pubsubMessages++;
        return pubsub.spublish(channel, message);
    }

    int publish(byte[] channel, byte[] message) {
        stats.pubsubMessages++;
        return pubsub.publish(channel, message);
    }

    // ---- cron and reset -------------------------------------------------------------------

    private void cron() {
        keyspace.freeze();
        try {
            if (pause.paused()) {
                pause.expire(keyspace.now());
            }
            if (activeExpire && !keyspace.expiryPaused()) { // Redis 7 pauses expiry during CLIENT PAUSE as well
                keyspace.expireDue(ACTIVE_EXPIRE_BUDGET);
                hashFields.expireDue(keyspace.now(), ACTIVE_EXPIRE_BUDGET);
            }
            if (config.idleTimeoutSeconds > 0) {
                closeIdleClients(keyspace.now());
            }
            blocking.expireTimeouts(keyspace.now());
            replication.flush(null); // keys the cron expired reach replicas as DELs
        } finally {
            keyspace.unfreeze();
        }
        afterCommand();
    }

    /**
     * The {@code timeout} config: clients idle longer are closed, except subscribers, blocked and
     * paused clients and monitors, as Redis' clientsCronHandleTimeout spares them (and a client
     * still being sent a long reply, which is not idle).
     */
    private void closeIdleClients(long now) {
        long limit = config.idleTimeoutSeconds * 1000;
        for (Client c : new ArrayList<>(clients.values())) {
            if (c.subscriptionCount() == 0
                    && c.blocked == null
                    && !c.held
                    && !c.monitor
                    && c.stream == null
                    && c.channel != null
                    && now - c.lastInteraction > limit) {
                c.channel.close();
            }
        }
    }

    /** Empties every database and drops blocked/watch state; safe to call from any thread. */
    public void reset() {
        Runnable r = () -> {
            keyspace.flushAll();
            keyspace.recount();
            modifiedAll(-1);
            flushed(null); // tracking clients drop their caches, as after FLUSHALL
            afterCommand();
            table.reset();
        };
        if (loop.inEventLoop()) {
            r.run();
            return;
        }
        try {
            loop.submit(r).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("KV reset failed", e);
        }
    }

    /** Active expiry on demand (tests): runs one cron cycle on the loop and waits for it. */
    public void runCron() {
        if (loop.inEventLoop()) {
            cron();
            return;
        }
        try {
            loop.submit(this::cron).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
