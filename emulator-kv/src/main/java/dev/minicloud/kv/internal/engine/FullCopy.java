package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.rdb.RdbWriter;
import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.Keyspace;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One replica's full resync on the primary's loop, serialized a chunk of keys per loop task, so the
 * primary's clients are served between chunks (a large keyspace no longer stops the node while it is
 * copied). Loop-confined: every method runs on the primary's loop.
 *
 * <p>Consistency: the copy is the keyspace as it was when the copy started, and the stream from that
 * point follows it, as after Redis' fork. The keys are listed when the copy starts (references only);
 * their values are serialized later, chunk by chunk. A command that is about to write a key not yet
 * serialized serializes it first, with its value before the write (copy-on-write per key, as
 * Dragonfly's snapshots do), so no write of the stream is ever in the copy too; the replica's stream
 * batches are held back meanwhile and follow the copy in order. A key that expires or is evicted
 * before its chunk is copied as it was, and the {@code DEL} the stream carries removes it again on the
 * replica; a hash field's expiry ({@code HDEL}) likewise changes nothing twice. Commands that write
 * where their key arguments do not say ({@code FLUSHALL}, {@code FLUSHDB}, {@code SWAPDB},
 * {@code MOVE}, {@code COPY ... DB}, a write command without keys) finish the copy in one step first.
 */
final class FullCopy {
    /** Keys serialized per loop task (a few milliseconds of work for small values). */
    static final int DEFAULT_CHUNK_KEYS = 1000;
    /** Write commands whose effects reach keys their key arguments do not name (another database, or all). */
    private static final Set<String> WHOLE_KEYSPACE = Set.of("flushall", "flushdb", "swapdb", "move", "copy");

    /** A key as the replica loads it. */
    record Copied(int db, byte[] key, byte[] payload, long expireAt) {}

    final Replication.Link link;
    /** The stream offset the copy stands for: the replica's applied offset once loaded. */
    final long at;

    final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Keyspace keyspace;
    private final List<List<KeyEntry>> listed = new ArrayList<>();
    /** Keys already serialized (or found absent by a write before their chunk), per database. */
    private final List<Set<ByteBuffer>> done = new ArrayList<>();

    private final List<Copied> out = new ArrayList<>();
    private int db;
    private int next;

    FullCopy(Keyspace keyspace, Replication.Link link, long at) {
        this.keyspace = keyspace;
        this.link = link;
        this.at = at;
        for (int i = 0; i < Keyspace.DATABASES; i++) {
            listed.add(keyspace.db(i).liveEntries());
            done.add(new HashSet<>());
        }
    }

    /** Serializes up to {@code keys} more listed keys; true once every listed key is in the copy. */
    boolean step(int keys) {
        for (int n = 0; db < Keyspace.DATABASES; ) {
            List<KeyEntry> entries = listed.get(db);
            while (next < entries.size()) {
                if (n++ == keys) {
                    return false;
                }
                KeyEntry e = entries.get(next);
                entries.set(next++, null); // let a key deleted meanwhile go
                if (done.get(db).add(ByteBuffer.wrap(e.key().clone()))) {
                    out.add(copied(db, e));
                }
            }
            listed.set(db, List.of());
            db++;
            next = 0;
        }
        return true;
    }

    /** The copy, once {@link #step} said it is complete. */
    List<Copied> result() {
        return out;
    }

    /**
     * Before a write command runs in database {@code dbIndex}: its keys' values go into the copy as
     * they are now; false when the command's keys do not say what it writes (finish the copy first).
     */
    boolean beforeWrite(int dbIndex, CommandSpec spec, byte[][] args, int argc) {
        if (WHOLE_KEYSPACE.contains(spec.name())) {
            return false;
        }
        List<Integer> positions = keyPositions(spec, args, argc);
        if (positions == null || positions.isEmpty()) {
            return false;
        }
        Database d = keyspace.db(dbIndex);
        for (int pos : positions) {
            byte[] key = args[pos];
            if (done.get(dbIndex).add(ByteBuffer.wrap(key.clone()))) {
                // peek expires a key that is due, as the command's own lookup would, before the copy
                KeyEntry e = d.peek(key);
                if (e != null) {
                    out.add(copied(dbIndex, e));
                }
            }
        }
        return true;
    }

    private static Copied copied(int db, KeyEntry e) {
        return new Copied(db, e.key().clone(), RdbWriter.dump(e.value()), e.expireAt());
    }

    /** The argument positions of a call's keys, or null when they cannot be told. */
    private static List<Integer> keyPositions(CommandSpec spec, byte[][] args, int argc) {
        List<Integer> out = new ArrayList<>();
        if (spec.keyFinder() != null) {
            for (KeyFinder.Found f : spec.keyFinder().find(args, argc)) {
                out.add(f.position());
            }
            return out;
        }
        try {
            for (KeySpec k : spec.keySpecs()) {
                for (int pos : k.positions(args, argc)) {
                    out.add(pos);
                }
            }
        } catch (KeySpec.InvalidArguments e) {
            return null; // the command will fail its own argument check; copying everything first is still right
        }
        return out;
    }
}
