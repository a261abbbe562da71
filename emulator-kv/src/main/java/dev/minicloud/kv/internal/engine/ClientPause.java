package dev.minicloud.kv.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CLIENT PAUSE: while a pause lasts (until CLIENT UNPAUSE or its deadline on the engine clock),
 * the commands it covers are held, not refused: the client's command and everything it pipelines
 * after it wait, and run in order once the pause ends, as Redis' postponed clients do. Expiry and
 * eviction pause too (see {@link dev.minicloud.kv.internal.store.Keyspace#pauseExpiry}).
 */
final class ClientPause {
    /** What a pause holds: every command, or only those that write. */
    enum Mode {
        WRITE,
        ALL
    }

    private final KvEngine engine;
    private Mode mode;
    private long until;
    private final Set<Client> held = new LinkedHashSet<>();

    ClientPause(KvEngine engine) {
        this.engine = engine;
    }

    boolean paused() {
        return mode != null;
    }

    /** Starts or extends a pause; as in Redis, a longer deadline or a stronger mode wins. */
    void pause(Mode m, long untilMillis) {
        mode = mode == Mode.ALL || m == Mode.ALL ? Mode.ALL : Mode.WRITE;
        until = Math.max(until, untilMillis);
        engine.keyspace().pauseExpiry(until); // both modes pause expiry and eviction, as Redis 7's pause actions
    }

    /** Commands Redis flags {@code may-replicate}: a WRITE pause holds them too. */
    private static final Set<String> MAY_REPLICATE =
            Set.of("publish", "spublish", "eval", "evalsha", "fcall", "pfcount", "script|flush", "script|load");

    /** Whether {@code spec} must wait for the end of the pause ({@code queuedWrite}: an EXEC whose queue writes). */
    boolean holds(CommandSpec spec, boolean queuedWrite) {
        if (mode == Mode.ALL) {
            return true;
        }
        return spec != null && (spec.has(CommandFlag.WRITE) || queuedWrite || MAY_REPLICATE.contains(spec.fullName()));
    }

    void hold(Client c) {
        held.add(c);
    }

    void forget(Client c) {
        held.remove(c);
    }

    /** The cron's check of the deadline. */
    void expire(long now) {
        if (mode != null && now >= until) {
            unpause();
        }
    }

    /** Ends the pause: held clients run their commands, in the order they were held. */
    void unpause() {
        mode = null;
        until = 0;
        engine.keyspace().resumeExpiry();
        List<Client> resume = new ArrayList<>(held);
        held.clear();
        for (Client c : resume) {
            c.held = false;
        }
        // outside the command that ended the pause, as CLIENT UNBLOCK resumes a client
        engine.loop().execute(() -> {
            for (Client c : resume) {
                if (engine.client(c.id) != null && !c.held) {
                    engine.resume(c);
                }
            }
        });
    }
}
