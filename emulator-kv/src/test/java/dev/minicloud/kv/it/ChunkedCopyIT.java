package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.minicloud.MutableClock;
import dev.minicloud.kv.KvNode;
import dev.minicloud.kv.KvNodeFactory;
import dev.minicloud.kv.internal.engine.Replication;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A replica's full copy is taken a chunk of keys at a time on the primary's loop: the primary serves
 * its clients between two chunks, and the copy is still the keyspace as it was when it started, with
 * the writes made meanwhile following it once (never applied twice, never lost). The test holds the
 * copy between chunks by taking each next step itself, so nothing depends on timing.
 */
class ChunkedCopyIT {
    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
    private final BlockingQueue<Runnable> steps = new LinkedBlockingQueue<>();
    private KvNode primary;
    private KvNode replica;
    private Jedis p;
    private Jedis r;

    @BeforeEach
    void start() {
        primary = new KvNodeFactory("127.0.0.1", clock, new Random(1)).start("copy-primary", 0, c -> {});
        replica = new KvNodeFactory("127.0.0.1", clock, new Random(2)).start("copy-replica", 0, c -> {});
        p = new Jedis(primary.address().getHostString(), primary.address().getPort());
        r = new Jedis(replica.address().getHostString(), replica.address().getPort());
        primary.engine().replication().copyPacing(2, steps::add);
    }

    @AfterEach
    void stop() {
        p.close();
        r.close();
        replica.close();
        primary.close();
    }

    private CompletableFuture<Void> attachInBackground() {
        return CompletableFuture.runAsync(
                () -> Replication.attach(primary.engine(), primary.address(), replica.engine(), replica.address()));
    }

    /** Runs {@code held}, then each step it hands over, on the primary's loop until the copy is loaded. */
    private void releaseUntilLoaded(Runnable held, CompletableFuture<Void> attached) throws Exception {
        for (Runnable step = held; step != null; step = steps.poll()) {
            primary.engine().loop().execute(step);
            // once this has run, so has the step (one loop, in order): it handed over the next, or sent the copy
            primary.engine().loop().submit(() -> {}).get(10, TimeUnit.SECONDS);
        }
        attached.get(10, TimeUnit.SECONDS);
    }

    @Test
    void clientsAreServedBetweenChunksAndTheCopyStaysConsistent() throws Exception {
        for (int i = 0; i < 10; i++) {
            p.set("k" + i, "v" + i);
        }
        p.set("counter", "1");
        p.rpush("list", "a");
        CompletableFuture<Void> attached = attachInBackground();
        Runnable held = steps.poll(10, TimeUnit.SECONDS);
        assertNotNull(held, "the first chunk ran and handed over the next step");
        assertFalse(attached.isDone(), "the copy is not complete");

        // served by the primary while its copy is half taken (12 keys, 2 per chunk)
        assertEquals(2, p.incr("counter"));
        assertEquals(2, p.rpush("list", "b"));
        assertEquals(1, p.del("k9"));
        p.set("k8", "changed");
        p.set("fresh", "new");
        p.rename("k7", "k7-renamed");
        assertEquals(12, p.dbSize());
        assertFalse(attached.isDone(), "still not complete: no step ran meanwhile");

        releaseUntilLoaded(held, attached);
        Replication.drain(replica.engine());
        assertEquals("2", r.get("counter"), "the INCR arrived once: not in the copy and again in the stream");
        assertEquals(List.of("a", "b"), r.lrange("list", 0, -1));
        assertNull(r.get("k9"));
        assertEquals("changed", r.get("k8"));
        assertEquals("new", r.get("fresh"));
        assertNull(r.get("k7"));
        assertEquals("v7", r.get("k7-renamed"));
        assertEquals("v0", r.get("k0"));
        assertEquals(12, r.dbSize());

        assertEquals(3, p.incr("counter"));
        Replication.drain(replica.engine());
        assertEquals("3", r.get("counter"), "once loaded, writes stream straight through");
    }

    @Test
    void aCommandThatWritesBeyondItsKeysFinishesTheCopyFirst() throws Exception {
        for (int i = 0; i < 10; i++) {
            p.set("k" + i, "v" + i);
        }
        CompletableFuture<Void> attached = attachInBackground();
        Runnable held = steps.poll(10, TimeUnit.SECONDS);
        assertNotNull(held);
        assertEquals(1, p.move("k5", 2), "MOVE writes another database: the copy is completed before it runs");
        attached.get(10, TimeUnit.SECONDS);
        primary.engine().loop().execute(held); // the stale step finds its copy sent and does nothing
        Replication.drain(replica.engine());
        assertNull(r.get("k5"));
        r.select(2);
        assertEquals("v5", r.get("k5"));
        r.select(0);
        assertEquals(9, r.dbSize());
    }
}
