package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The connection-less client a script's {@code redis.call} runs commands as (Redis' "lua client"):
 * it has its own database selection and protocol version, and its replies go to a heap buffer that
 * the scripting layer parses back into Lua values, exactly as Redis parses its lua client's output.
 * Commands run through the engine's normal path ({@link KvEngine#run}), so keyspace notifications,
 * WATCH invalidation, blocked clients and memory accounting see script writes like any other.
 *
 * <p>The checks Redis' {@code scriptCall} makes before running a command are here too, in its
 * order, each with its error text (without the {@code ERR} code, which the caller adds).
 */
public final class ScriptClient {
    private final KvEngine engine;
    private final Client client;
    /**
     * The replies of the running script's calls, parsed back after each call. Taken for one run
     * ({@link #prepare}) and released at its end ({@link #finish}): a script that read a large
     * value does not pin a buffer of that size for the instance's life.
     */
    private ByteBuf replies;
    /** The client whose script runs: keys the script reads are tracked for it (CLIENT TRACKING), as in Redis 7. */
    private Client caller;

    public ScriptClient(KvEngine engine) {
        this.engine = engine;
        this.client = new Client(0, null, engine, engine.keyspace().now());
        client.authenticated = true;
        client.user = engine.acl().defaultUser();
        // permanently "dirty": its writer is never handed to the flush machinery
        client.dirty = true;
        client.name = "lua";
    }

    /** Starts a script run for {@code caller}: its database, RESP2 until the script calls redis.setresp. */
    public void prepare(Client caller) {
        this.caller = caller;
        client.db = caller.db;
        client.user = caller.user;
        client.writer.protocol(2);
        if (replies == null) {
            replies = Unpooled.buffer(256);
            client.writer.buffer(replies);
        }
        replies.clear();
    }

    /** Ends a script run: its reply buffer is released (the next run takes a new one). */
    public void finish() {
        caller = null;
        client.writer.buffer(null);
        if (replies != null) {
            replies.release();
            replies = null;
        }
    }

    public void resp(int version) {
        client.writer.protocol(version);
    }

    public int resp() {
        return client.writer.protocol();
    }

    /**
     * Whether {@code caller}'s ACL user may run this {@code redis.call}: null, or the error the call
     * raises (Redis checks after the noscript flag, before the write checks).
     */
    public String aclRefusal(Client caller, CommandSpec spec, byte[][] args, int argc) {
        return AclCommands.scriptRefusal(engine, caller, spec, args, argc);
    }

    /** Whether a write may not start now because memory is over maxmemory (Redis' script_oom). */
    public boolean outOfMemory(Client caller) {
        return engine.config().maxmemory > 0 && !engine.memoryAvailable(caller);
    }

    /** The spec a script call resolves to, subcommands included; null for an unknown command. */
    public CommandSpec lookup(byte[][] args, int argc) {
        CommandSpec spec = engine.table().lookup(args[0]);
        if (spec == null || spec.subcommands().isEmpty() || argc < 2) {
            return spec;
        }
        return spec.subcommands().get(new String(args[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    /**
     * Runs one command with {@code spec} (from {@link #lookup}); its reply is then in {@link #replies()}.
     * Blocking commands answer at once, as in Redis scripts.
     */
    public void run(CommandSpec spec, byte[][] args, int argc) {
        replies.clear();
        engine.stats().commands++;
        engine.run(client, spec, args, argc, true);
        if (caller != null && caller.tracking != null && spec.has(CommandFlag.READONLY)) {
            engine.tracking().remember(caller, spec, args, argc);
        }
    }

    /** The reply of the last {@link #run}, RESP in the script's protocol version (valid until {@link #finish}). */
    public ByteBuf replies() {
        return replies;
    }

    /** The reply writer of a caller (the EVAL reply is written there). */
    public static RespWriter writerOf(Client caller) {
        return caller.out();
    }

    public static int protocolOf(Client caller) {
        return caller.writer.protocol();
    }
}
