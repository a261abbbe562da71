package dev.minicloud.kv.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.kv.internal.command.Commands;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The script client's reply buffer belongs to one script run: released when the run ends, so a
 * script that read a large value pins nothing afterwards (it used to be allocated once per instance
 * and never released, keeping the largest reply any script ever read).
 */
class ScriptClientTest {

    private static byte[][] argv(String... args) {
        byte[][] a = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return a;
    }

    private static void run(ScriptClient sc, String... args) {
        byte[][] a = argv(args);
        sc.run(sc.lookup(a, a.length), a, a.length);
    }

    @Test
    void theReplyBufferOfARunIsReleasedWhenItEnds() {
        EmbeddedChannel ch = new EmbeddedChannel();
        KvEngine engine = new KvEngine(
                ch.eventLoop(),
                MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z")),
                new SplittableRandom(1),
                new KvConfig(),
                Commands.standard());
        Client caller = engine.connect(ch);
        ScriptClient sc = new ScriptClient(engine);
        String big = "v".repeat(1024 * 1024);

        sc.prepare(caller);
        run(sc, "SET", "big", big);
        run(sc, "GET", "big");
        ByteBuf first = sc.replies();
        assertTrue(first.capacity() >= 1024 * 1024, "the GET's reply was written to the run's buffer");
        sc.finish();
        assertEquals(0, first.refCnt(), "released at the end of the run");

        sc.prepare(caller);
        run(sc, "STRLEN", "big");
        assertNotSame(first, sc.replies());
        assertEquals(":1048576\r\n", sc.replies().toString(StandardCharsets.US_ASCII));
        ByteBuf second = sc.replies();
        sc.finish();
        assertEquals(0, second.refCnt());
        engine.disconnect(caller);
        ch.finishAndReleaseAll();
    }
}
