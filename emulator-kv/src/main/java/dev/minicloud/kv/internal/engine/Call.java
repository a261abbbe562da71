package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.Keyspace;
import dev.minicloud.kv.internal.store.RHash;
import dev.minicloud.kv.internal.store.RList;
import dev.minicloud.kv.internal.store.RSet;
import dev.minicloud.kv.internal.store.RZSet;
import dev.minicloud.kv.internal.wire.Doubles;
import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a command handler sees while it runs: the arguments, the client's database and reply
 * writer, and typed helpers that turn bad input into Redis' exact errors ({@code WRONGTYPE},
 * {@code ERR value is not an integer or out of range}, ...). One instance per client, reused for
 * every command it sends, so executing a command allocates nothing here.
 */
public final class Call {
    private final KvEngine engine;
    private final Client client;
    private byte[][] args;
    private int argc;
    private CommandSpec spec;
    boolean noBlock;
    boolean retrying;
    boolean stillBlocked;

    Call(KvEngine engine, Client client) {
        this.engine = engine;
        this.client = client;
    }

    void set(byte[][] args, int argc, CommandSpec spec) {
        this.args = args;
        this.argc = argc;
        this.spec = spec;
    }

    /** A HELP subcommand's reply: the lines as status replies. */
    public void help(String... lines) {
        out().array(lines.length);
        for (String l : lines) {
            out().simple(l);
        }
    }

    public KvEngine engine() {
        return engine;
    }

    public Client client() {
        return client;
    }

    public CommandSpec spec() {
        return spec;
    }

    public int argc() {
        return argc;
    }

    public byte[] arg(int i) {
        return args[i];
    }

    /**
     * Rewrites an argument before {@link #block}: XREAD's {@code $} must mean the last id when the
     * client blocked, not when its command is retried.
     */
    public void replaceArg(int i, byte[] value) {
        args[i] = value;
    }

    /** Whether the command runs from a script's {@code redis.call} (Redis' lua client has no connection). */
    public boolean fromScript() {
        return client.channel == null;
    }

    /** Whether this run is a blocked client's command re-run because a key it waits on changed. */
    public boolean retrying() {
        return retrying;
    }

    /** The argument as text (names, options); never used for keys or values. */
    public String str(int i) {
        return new String(args[i], StandardCharsets.UTF_8);
    }

    /** Whether argument {@code i} is the given upper-case keyword, compared case-insensitively. */
    public boolean is(int i, String keyword) {
        byte[] a = args[i];
        if (a.length != keyword.length()) {
            return false;
        }
        for (int j = 0; j < a.length; j++) {
            int c = a[j];
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != keyword.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Which of two keywords argument {@code i} is: true for {@code first} (LEFT, MIN), false for
     * {@code second} (RIGHT, MAX); anything else is Redis' syntax error.
     */
    public boolean either(int i, String first, String second) {
        if (is(i, first)) {
            return true;
        }
        if (is(i, second)) {
            return false;
        }
        throw RespError.syntax();
    }

    public long longArg(int i) {
        Long v = Numbers.parseLong(args[i]);
        if (v == null) {
            throw RespError.notInteger();
        }
        return v;
    }

    public long longArg(int i, String error) {
        Long v = Numbers.parseLong(args[i]);
        if (v == null) {
            throw new RespError(error);
        }
        return v;
    }

    public double doubleArg(int i) {
        Double d = Doubles.parse(args[i]);
        if (d == null) {
            throw new RespError(RespError.NOT_FLOAT);
        }
        return d;
    }

    /**
     * Writes an array reply of {@code arrayLength} values made of {@code elements} elements of
     * {@code source}; a long one is streamed as the client reads it, or bounded (see {@link ReplyStreams}).
     */
    public void stream(long arrayLength, long elements, ReplyStream source) {
        engine.streams().write(this, client, arrayLength, elements, source);
    }

    public RespWriter out() {
        return client.out();
    }

    public Keyspace keyspace() {
        return engine.keyspace();
    }

    public Database db() {
        return engine.keyspace().db(client.db);
    }

    public long now() {
        return engine.keyspace().now();
    }

    /** A key read by a command: counts a keyspace hit or miss as Redis does. */
    public KeyEntry read(byte[] key) {
        Database db = db();
        KeyEntry e = client.noTouch ? db.peek(key) : db.lookup(key);
        engine.stats().hit(e != null);
        if (e == null) {
            engine.notify(client.db, Notifications.KEY_MISS, "keymiss", key);
        }
        return e;
    }

    /** A key about to be written (no hit/miss accounting). */
    public KeyEntry write(byte[] key) {
        return db().lookup(key);
    }

    public byte[] string(KeyEntry e) {
        if (e == null) {
            return null;
        }
        if (e.value() instanceof byte[] b) {
            return b;
        }
        throw RespError.wrongType();
    }

    public <T> T typed(KeyEntry e, Class<T> type) {
        if (e == null) {
            return null;
        }
        if (type.isInstance(e.value())) {
            return type.cast(e.value());
        }
        throw RespError.wrongType();
    }

    public RList list(KeyEntry e) {
        return typed(e, RList.class);
    }

    /**
     * The hash at an entry, after its due fields are expired (lazy hash field expiry); {@code null}
     * when there is none, or when expiry took its last field and so the key.
     */
    public RHash hash(KeyEntry e) {
        RHash h = typed(e, RHash.class);
        if (h != null
                && h.nextExpiry() <= now()
                && engine.hashFields().expire(client.db, e.key(), h, now(), Integer.MAX_VALUE)) {
            return null;
        }
        return h;
    }

    /** Records that a field of the hash at {@code key} now has a TTL, for the active expiry cycle. */
    public void fieldTtlSet(byte[] key, RHash hash) {
        engine.hashFields().track(client.db, key, hash);
    }

    public RSet set(KeyEntry e) {
        return typed(e, RSet.class);
    }

    public RZSet zset(KeyEntry e) {
        return typed(e, RZSet.class);
    }

    /**
     * The collection a write goes to: {@code existing}, or when that is null a new empty one added
     * at {@code key}. Called only once the write is sure to happen, so that a command that fails
     * never leaves an empty collection behind (Redis keeps none).
     */
    public <T> T orAdd(byte[] key, T existing, Supplier<T> empty) {
        if (existing != null) {
            return existing;
        }
        T created = empty.get();
        db().add(key, created);
        return created;
    }

    /** After a write: invalidates WATCHes on the key and wakes clients blocked on it. */
    public void modified(byte[] key) {
        engine.modified(client.db, key);
    }

    public void modified(int db, byte[] key) {
        engine.modified(db, key);
    }

    /** Publishes a keyspace notification of the given class for a key in the client's database. */
    public void notify(int type, String event, byte[] key) {
        engine.notify(client.db, type, event, key);
    }

    public void notify(int db, int type, String event, byte[] key) {
        engine.notify(db, type, event, key);
    }

    /** Deletes a collection key that became empty (Redis never keeps empty aggregates). */
    public void deleteIfEmpty(byte[] key, int size) {
        if (size == 0) {
            db().delete(key);
            notify(Notifications.GENERIC, "del", key);
        }
    }

    /**
     * Parks the client until one of {@code keys} is modified or the timeout passes. Returns false
     * when the command may not block (inside MULTI/EXEC): the handler then answers at once.
     *
     * @param timeoutMillis 0 = forever
     * @param onTimeout writes the timeout reply
     */
    public boolean block(byte[][] keys, long timeoutMillis, Consumer<RespWriter> onTimeout) {
        if (noBlock) {
            return false;
        }
        if (retrying) {
            stillBlocked = true;
            return true;
        }
        engine.blocking().block(client, args, argc, spec, keys, timeoutMillis, onTimeout);
        return true;
    }

    /** The blocking timeout argument in seconds, as Redis parses it, in milliseconds. */
    public long timeoutArg(int i) {
        Double d = Doubles.parse(args[i]);
        if (d == null || Double.isInfinite(d)) {
            throw new RespError("ERR timeout is not a float or out of range");
        }
        if (d < 0) {
            throw new RespError("ERR timeout is negative");
        }
        return (long) Math.ceil(d * 1000);
    }
}
