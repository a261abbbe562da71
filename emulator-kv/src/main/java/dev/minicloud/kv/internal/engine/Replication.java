package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.rdb.DumpPayload;
import dev.minicloud.kv.internal.rdb.RdbReader;
import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.Keyspace;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One engine's side of primary/replica replication, as Redis does it without the socket: a primary
 * hands the argv of every write that changed something (script and MULTI effects one by one,
 * expiries and evictions as {@code DEL}, {@code SELECT} when the database changes) to its replicas,
 * in order, batched per top-level command so that a replica applies a transaction or a script's
 * effects in one turn of its loop. Each replica applies on its own loop, as an internal client that
 * no READONLY or ACL check stops, and acknowledges the offset it reached (what WAIT counts).
 *
 * <p>Cost when nothing is attached: {@link #active()} is one field read, checked before anything is
 * recorded.
 */
public final class Replication {
    /** What a node is: a primary (possibly with replicas) or a replica of one primary. */
    public enum Role {
        MASTER,
        SLAVE
    }

    /** An attached replica as its primary sees it; {@code acked} is written by the replica's loop. */
    static final class Link {
        final KvEngine replica;
        final InetSocketAddress address;
        volatile long acked;
        /** While its full copy is being taken: the stream batches held back until the copy is sent (primary's loop only). */
        List<Runnable> held;

        Link(KvEngine replica, InetSocketAddress address, long acked) {
            this.replica = replica;
            this.address = address;
            this.acked = acked;
        }
    }

    /** Commands that change nothing in the keyspace yet reach replicas (Redis' may-replicate PUBLISH). */
    private static final Set<String> PROPAGATED_READS = Set.of("publish", "spublish");

    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    /** How long attach waits for a full copy to be taken and loaded. */
    private static final long COPY_WAIT_SECONDS = 120;
    /** The pseudo key WAIT blocks on: an acknowledgement readies it. */
    static final byte[] WAIT_KEY = "\0replication-ack".getBytes(StandardCharsets.US_ASCII);

    private final KvEngine engine;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    /** Argv recorded during the current top-level command, flushed at its end. */
    private final List<byte[][]> pending = new ArrayList<>();

    private final List<Integer> pendingDbs = new ArrayList<>();
    private volatile Role role = Role.MASTER;
    private volatile String replid = newReplid();
    /** Bytes of RESP ever sent down the stream (Redis' master_repl_offset). */
    private volatile long offset;
    /** The database the stream last SELECTed (-1: none yet, so the first batch says it). */
    private int streamDb = -1;
    // replica side
    private volatile KvEngine master;
    private volatile InetSocketAddress masterAddress;
    private volatile long applied;
    private Client applier;
    // full copies being taken on this (primary's) loop, and how they are cut
    private final List<FullCopy> copies = new ArrayList<>();
    private volatile int copyChunkKeys = FullCopy.DEFAULT_CHUNK_KEYS;
    private volatile Executor copyPacer;

    Replication(KvEngine engine) {
        this.engine = engine;
    }

    private static String newReplid() {
        return (UUID.randomUUID().toString() + UUID.randomUUID())
                .replace("-", "")
                .substring(0, 40);
    }

    /**
     * How full copies are cut: {@code chunkKeys} keys serialized per step, each next step handed to
     * {@code next} (null: this node's loop queue, so the loop serves its clients between steps). For
     * tests that hold a copy between two chunks, and for tuning. Call before {@link #attach}.
     */
    public void copyPacing(int chunkKeys, Executor next) {
        if (chunkKeys < 1) {
            throw new IllegalArgumentException("chunkKeys: " + chunkKeys + " (expected: >= 1)");
        }
        this.copyChunkKeys = chunkKeys;
        this.copyPacer = next;
    }

    /** Whether a full copy is being taken: write commands call {@link #beforeWrite} first. */
    boolean copying() {
        return !copies.isEmpty();
    }

    /**
     * A write command is about to run in database {@code db}: every copy being taken gets its keys'
     * current values first; a copy that cannot tell what the command writes is finished now.
     */
    void beforeWrite(int db, CommandSpec spec, byte[][] args, int argc) {
        for (FullCopy copy : new ArrayList<>(copies)) {
            if (!copy.beforeWrite(db, spec, args, argc)) {
                finishNow(copy);
            }
        }
    }

    /** Takes the rest of a copy in one step and sends it. */
    private void finishNow(FullCopy copy) {
        if (!copies.contains(copy)) {
            return; // already sent
        }
        copy.step(Integer.MAX_VALUE);
        finish(copy);
    }

    /** Whether writes must be recorded: some replica is attached. */
    boolean active() {
        return !links.isEmpty();
    }

    public Role role() {
        return role;
    }

    /** Whether client writes are refused (a replica is read-only, as {@code replica-read-only yes}). */
    boolean readOnly() {
        return role == Role.SLAVE;
    }

    /** The stream's id: a replica reports its primary's, as after a sync. */
    String replid() {
        KvEngine m = master;
        return role == Role.SLAVE && m != null ? m.replication().replid : replid;
    }

    long offset() {
        return role == Role.SLAVE ? applied : offset;
    }

    InetSocketAddress masterAddress() {
        return masterAddress;
    }

    List<Link> links() {
        return links;
    }

    /** How many replicas applied the stream up to {@code offset}. */
    long ackedAtLeast(long offset) {
        long n = 0;
        for (Link l : links) {
            if (l.acked >= offset) {
                n++;
            }
        }
        return n;
    }

    /** Whether this node is a replica of {@code primary}. */
    public boolean follows(KvEngine primary) {
        return role == Role.SLAVE && master == primary;
    }

    boolean isApplier(Client c) {
        return c == applier;
    }

    /** Whether a command that ran without error goes down the stream. */
    static boolean propagates(CommandSpec spec) {
        return spec.has(CommandFlag.WRITE) || PROPAGATED_READS.contains(spec.fullName());
    }

    /**
     * Records one write's argv, run in database {@code db}. Each argument is copied: the keyspace may
     * keep an argument array as a value and change it in place later (SETRANGE, APPEND), and the
     * replica's loop must never share a byte with the primary's.
     */
    void record(int db, byte[][] args, int argc) {
        byte[][] copy = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            copy[i] = args[i].clone();
        }
        pending.add(copy);
        pendingDbs.add(db);
    }

    /**
     * Records a write that ran for {@code c} (its reply starts at {@code replyMark}), in the form that
     * does the same on the replica: Redis' own rewrites, as {@link StreamRewrite} says.
     */
    void record(Client c, int db, CommandSpec spec, byte[][] args, int argc, int replyMark) {
        StreamRewrite rewrite = StreamRewrite.of(spec.fullName());
        if (rewrite == null) {
            record(db, args, argc);
            return;
        }
        rewrite.record(this, engine.keyspace().db(db), c, args, argc, replyMark);
    }

    /** A key expired or was evicted: replicas delete it, as Redis propagates a DEL. */
    void recordDelete(int db, byte[] key) {
        record(db, new byte[][] {DEL, key}, 2);
    }

    /**
     * Sends what the command (or cron turn) recorded to every replica, SELECT first where the database
     * changes; {@code by} (may be null) is the client whose command wrote, for WAIT.
     */
    @SuppressWarnings("NonAtomicVolatileUpdate") // only this engine's loop writes the offset; others read it
    void flush(Client by) {
        if (pending.isEmpty()) {
            return;
        }
        List<byte[][]> batch = new ArrayList<>(pending.size() + 1);
        long bytes = 0;
        for (int i = 0; i < pending.size(); i++) {
            int db = pendingDbs.get(i);
            if (db != streamDb) {
                byte[][] select = {SELECT, Integer.toString(db).getBytes(StandardCharsets.US_ASCII)};
                batch.add(select);
                bytes += respLength(select);
                streamDb = db;
            }
            batch.add(pending.get(i));
            bytes += respLength(pending.get(i));
        }
        pending.clear();
        pendingDbs.clear();
        offset += bytes;
        long end = offset;
        if (by != null) {
            by.woff = end;
        }
        for (Link l : links) {
            if (l.replica.loop().isShuttingDown()) {
                continue; // a replica being deleted: it leaves the list right after
            }
            Runnable send = () -> l.replica.replication().apply(engine, batch, end);
            if (l.held != null) {
                l.held.add(send); // its copy is still being taken: the batch follows the copy
            } else {
                l.replica.loop().execute(send);
            }
        }
    }

    private static long respLength(byte[][] argv) {
        long n = 3L + digits(argv.length);
        for (byte[] a : argv) {
            n += 5 + digits(a.length) + a.length;
        }
        return n;
    }

    private static int digits(long v) {
        return Long.toString(v).length();
    }

    // ---- replica side ---------------------------------------------------------------------

    /** Applies one batch from {@code from} on this replica's loop (a batch from a former primary is dropped). */
    private void apply(KvEngine from, List<byte[][]> batch, long end) {
        if (from != master) {
            return;
        }
        for (byte[][] argv : batch) {
            if (argv[0] == SELECT) { // identity: only flush() puts this very array in a batch
                applier.db = Integer.parseInt(new String(argv[1], StandardCharsets.US_ASCII));
                continue;
            }
            engine.applyReplicated(applier, argv);
        }
        applied = end;
        KvEngine m = master;
        if (m.loop().isShuttingDown()) {
            return;
        }
        m.loop().execute(() -> m.replication().acked(engine, end));
    }

    /** {@code replica} applied the stream up to {@code at} (REPLCONF ACK): WAIT callers re-check their count. */
    private void acked(KvEngine replica, long at) {
        for (Link l : links) {
            if (l.replica == replica && l.acked < at) {
                l.acked = at;
            }
        }
        engine.replicationAcked();
    }

    private Client newApplier() {
        Client c = new Client(0, null, engine, engine.keyspace().now());
        c.authenticated = true;
        c.user = engine.acl().defaultUser();
        // a plain heap buffer that lives as long as the engine: nothing to release, nothing for the leak detector
        c.writer.buffer(new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, 64, Integer.MAX_VALUE));
        c.dirty = true; // never handed to the flush machinery: replies are dropped
        c.name = "master";
        return c;
    }

    /** Replies the applier wrote are not wanted by anyone. */
    void dropReplies(Client c) {
        c.writer.buffer().clear();
    }

    // ---- topology changes (any thread but the two loops involved) -------------------------

    /**
     * Makes {@code replica} a replica of {@code primary} (Redis' REPLICAOF with a full resync): the
     * replica's data is replaced by a copy of the primary's as it was when the copy started, taken on
     * the primary's loop a chunk at a time (see {@link FullCopy}), and every later write follows.
     * Returns when the copy is loaded.
     */
    public static void attach(
            KvEngine primary, InetSocketAddress primaryAddress, KvEngine replica, InetSocketAddress replicaAddress) {
        detachFromMaster(replica);
        on(replica, () -> {
            Replication r = replica.replication();
            r.role = Role.SLAVE;
            r.master = primary;
            r.masterAddress = primaryAddress;
            if (r.applier == null) {
                r.applier = r.newApplier();
            }
            r.applier.db = 0;
            r.links.clear();
        });
        CompletableFuture<FullCopy> started = new CompletableFuture<>();
        on(primary, () -> {
            Replication p = primary.replication();
            Link link = new Link(replica, replicaAddress, p.offset);
            link.held = new ArrayList<>();
            FullCopy copy = new FullCopy(primary.keyspace(), link, p.offset);
            p.links.add(link);
            p.streamDb =
                    -1; // the newcomer's applier starts in db 0: the next batch says SELECT again, as Redis does after
            // a sync
            p.copies.add(copy);
            p.copyStep(copy);
            started.complete(copy);
        });
        if (!started.isDone()) {
            return; // the primary is stopped: it takes part in nothing
        }
        FullCopy copy = started.join();
        if (primary.loop().inEventLoop()) {
            primary.replication().finishNow(copy); // called on the primary's loop: no later turn to wait for
        }
        try {
            copy.loaded.get(COPY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying to a replica", ex);
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("copying to a replica failed", ex);
        }
    }

    /** One step of a copy on this primary's loop; the last one sends it, then the batches held meanwhile. */
    private void copyStep(FullCopy copy) {
        if (!copies.contains(copy)) {
            return; // finished by a command that needed the whole copy first
        }
        if (!links.contains(copy.link) || copy.link.replica.loop().isShuttingDown()) {
            copies.remove(copy); // the replica left (detached, deleted) while being copied
            copy.loaded.complete(null);
            return;
        }
        if (copy.step(copyChunkKeys)) {
            finish(copy);
            return;
        }
        Executor next = copyPacer != null ? copyPacer : engine.loop();
        next.execute(() -> copyStep(copy));
    }

    private void finish(FullCopy copy) {
        copies.remove(copy);
        Link link = copy.link;
        List<Runnable> held = link.held;
        link.held = null;
        KvEngine replica = link.replica;
        if (!links.contains(link) || replica.loop().isShuttingDown()) {
            copy.loaded.complete(null); // dropped meanwhile (a failover): the copy is not wanted any more
            return;
        }
        List<FullCopy.Copied> data = copy.result();
        // queued before the held batches and every later one: the copy is loaded first
        replica.loop().execute(() -> {
            if (replica.replication().master == engine) { // not promoted or moved elsewhere meanwhile
                replica.replication().load(data, copy.at);
            }
            copy.loaded.complete(null);
        });
        held.forEach(replica.loop()::execute);
    }

    /** Stops {@code replica} following its primary; it keeps its data and becomes a primary (REPLICAOF NO ONE). */
    public static void promote(KvEngine replica) {
        detachFromMaster(replica);
        on(replica, () -> {
            Replication r = replica.replication();
            r.role = Role.MASTER;
            r.master = null;
            r.masterAddress = null;
            r.offset = r.applied;
            r.replid = newReplid();
            r.streamDb = -1;
        });
    }

    /** Drops every replica of {@code primary} (a failover starts so: the old primary stops streaming). */
    public static void dropReplicas(KvEngine primary) {
        on(primary, () -> primary.replication().links.clear());
    }

    /** Waits until {@code replica} applied everything its primary sent so far. */
    public static void drain(KvEngine replica) {
        on(replica, () -> {});
    }

    private static void detachFromMaster(KvEngine replica) {
        KvEngine m = replica.replication().master;
        if (m != null && !m.loop().isShuttingDown()) {
            on(m, () -> m.replication().links.removeIf(l -> l.replica == replica));
        }
    }

    /** The full resync's load: this replica's data becomes the copy. */
    private void load(List<FullCopy.Copied> copy, long at) {
        Keyspace ks = engine.keyspace();
        ks.flushAll();
        for (FullCopy.Copied e : copy) {
            Database db = ks.db(e.db());
            KeyEntry entry = db.add(e.key(), RdbReader.read(DumpPayload.open(e.payload()), ks.encodings()));
            if (e.expireAt() >= 0) {
                db.setExpire(entry, e.expireAt());
            }
        }
        ks.recount();
        engine.modifiedAll(-1);
        engine.flushed(null);
        applied = at;
    }

    private static void on(KvEngine e, Runnable r) {
        if (e.loop().isShuttingDown()) {
            return; // a stopped node takes part in nothing
        }
        if (e.loop().inEventLoop()) {
            r.run();
            return;
        }
        try {
            e.loop().submit(r).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing replication", ex);
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("changing replication failed", ex);
        }
    }
}
