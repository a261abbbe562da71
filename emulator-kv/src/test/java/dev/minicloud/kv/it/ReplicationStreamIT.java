package dev.minicloud.kv.it;

import static dev.minicloud.testing.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.kv.KvNode;
import dev.minicloud.kv.KvNodeFactory;
import dev.minicloud.kv.internal.engine.Replication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * The engine's replication stream between two KV nodes over the wire: what a write on the primary
 * becomes on the replica (MULTI/EXEC, script effects, expiry as DEL, SELECT), the full copy on
 * attach, READONLY on the replica, ROLE / INFO replication / WAIT. The replica has a clock of its own
 * that never moves, so a key leaves it only when the primary's DEL arrives.
 */
class ReplicationStreamIT {
    private final MutableClock primaryClock = MutableClock.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
    private final MutableClock replicaClock = MutableClock.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
    private KvNode primary;
    private KvNode replica;
    private Jedis p;
    private Jedis r;

    @BeforeEach
    void start() {
        primary = new KvNodeFactory("127.0.0.1", primaryClock, new Random(1)).start("primary", 0, c -> {});
        replica = new KvNodeFactory("127.0.0.1", replicaClock, new Random(2)).start("replica", 0, c -> {});
        p = new Jedis(primary.address().getHostString(), primary.address().getPort());
        r = new Jedis(replica.address().getHostString(), replica.address().getPort());
    }

    @AfterEach
    void stop() {
        p.close();
        r.close();
        replica.close();
        primary.close();
    }

    private void attach() {
        Replication.attach(primary.engine(), primary.address(), replica.engine(), replica.address());
    }

    /** Jedis decodes ROLE's bulk strings itself in some versions and not in others. */
    private static String str(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    @Test
    void theReplicaGetsACopyThenEveryWriteInOrder() {
        p.set("before", "copied");
        p.pexpire("before", 60_000);
        p.select(3);
        p.hset("h", "f", "v");
        attach();
        assertEquals("copied", r.get("before"), "the full copy is loaded before attach returns");
        assertTrue(r.pttl("before") > 0, "with its TTL");
        r.select(3);
        assertEquals("v", r.hget("h", "f"));

        p.select(0);
        p.rpush("list", "a", "b", "c");
        p.lpop("list");
        p.select(5);
        p.set("in5", "five");
        r.select(5);
        assertEventually("five", () -> r.get("in5"));
        r.select(0);
        assertEquals(List.of("b", "c"), r.lrange("list", 0, -1));

        // a resync while the stream is in database 5: the next write still lands in 5
        attach();
        p.set("again", "five");
        r.select(5);
        assertEventually("five", () -> r.get("again"));
        r.select(0);
        assertNull(r.get("again"));
    }

    @Test
    void transactionsScriptEffectsAndExpiriesReachTheReplica() {
        attach();
        Transaction t = p.multi();
        t.set("t1", "1");
        t.incr("t1");
        t.set("t2", "x");
        t.exec();
        // effects replication: the replica runs the SET the script made, not the script (it would pick another random)
        p.eval("redis.call('set', 'rnd', tostring(math.random(1000000))) return 1", 0);
        String rnd = p.get("rnd");
        assertEventually(rnd, () -> r.get("rnd"));
        assertEquals("2", r.get("t1"));
        assertEquals("x", r.get("t2"));

        p.set("short", "lived");
        p.pexpire("short", 1000);
        assertEventually("lived", () -> r.get("short"));
        primaryClock.advance(Duration.ofSeconds(2));
        primary.engine().runCron();
        assertEventually(false, () -> r.exists("short"));

        p.set("failing", "text");
        assertThrows(JedisDataException.class, () -> p.incr("failing"));
        p.set("marker", "after");
        assertEventually("after", () -> r.get("marker"));
        assertEquals("text", r.get("failing"));
    }

    @Test
    void randomAndClockMadeResultsReachTheReplicaAsThePrimaryMadeThem() {
        attach();
        primaryClock.advance(Duration.ofHours(1)); // the replica's clock stays behind: relative TTLs would differ
        p.set("session", "s", SetParams.setParams().ex(10));
        p.setex("other", 20, "o");
        p.expire("other", 30);
        p.sadd("bag", "a", "b", "c", "d", "e", "f", "g", "h");
        p.spop("bag", 3);
        StreamEntryID id = p.xadd("events", StreamEntryID.NEW_ENTRY, Map.of("k", "v"));
        p.xgroupCreate("events", "g", new StreamEntryID(0, 0), false);
        p.xreadGroup(
                "g",
                "alice",
                XReadGroupParams.xReadGroupParams().count(1),
                Map.of("events", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        assertEquals(1L, p.waitReplicas(1, 0));

        assertEquals(p.pexpireTime("session"), r.pexpireTime("session"), "the absolute expiry the primary set");
        assertEquals(p.pexpireTime("other"), r.pexpireTime("other"));
        assertEquals(p.smembers("bag"), r.smembers("bag"), "the members SPOP left on the primary");
        assertEquals(5, r.scard("bag"));
        assertEquals(
                List.of(id),
                r.xrange("events", "-", "+").stream().map(e -> e.getID()).toList(),
                "the id XADD * made");
        assertEquals(1L, r.xpending("events", "g").getTotal(), "the delivery XREADGROUP recorded");
    }

    @Test
    void hashFieldTtlsAreAbsoluteAndExpiredFieldsLeaveTheReplica() {
        attach();
        primaryClock.advance(Duration.ofHours(1));
        p.hset("h", Map.of("a", "1", "b", "2", "c", "3"));
        p.hexpire("h", 10, "a");
        p.hpexpire("h", 60_000, "b");
        assertEquals(1L, p.waitReplicas(1, 0));
        assertEquals(
                p.hpexpireTime("h", "a", "b", "c"),
                r.hpexpireTime("h", "a", "b", "c"),
                "the primary's absolute field expiries");
        primaryClock.advance(Duration.ofSeconds(11));
        primary.engine().runCron();
        assertEventually(false, () -> r.hexists("h", "a"));
        assertEquals(Map.of("b", "2", "c", "3"), r.hgetAll("h"));
    }

    @Test
    void publishOnThePrimaryReachesSubscribersOfTheReplica() {
        attach();
        try (RawResp sub = new RawResp(replica.address())) {
            assertEquals("*[$subscribe, $news, :1]", sub.call("SUBSCRIBE", "news"));
            assertEquals(0L, p.publish("news", "hello"), "PUBLISH counts the primary's own subscribers, as in Redis");
            assertEquals("*[$message, $news, $hello]", sub.read());
        }
    }

    @Test
    void theReplicaRefusesWritesAndReportsItsMaster() {
        attach();
        JedisDataException e = assertThrows(JedisDataException.class, () -> r.set("x", "1"));
        assertEquals("READONLY You can't write against a read only replica.", e.getMessage());
        assertNull(r.get("x"));
        JedisDataException script =
                assertThrows(JedisDataException.class, () -> r.eval("return redis.call('set', 'x', '1')", 0));
        assertTrue(
                script.getMessage().startsWith("READONLY You can't write against a read only replica."),
                script.getMessage());
        assertEquals("PONG", r.ping(), "the connection survives");
        JedisDataException readonly = assertThrows(JedisDataException.class, () -> r.readonly());
        assertEquals("ERR This instance has cluster support disabled", readonly.getMessage());

        p.set("k", "v");
        assertEquals(1L, p.waitReplicas(1, 0));
        assertEquals("v", r.get("k"), "WAIT 1 answered: the replica applied the write");

        List<Object> role = p.role();
        assertEquals("master", str(role.get(0)));
        long offset = (Long) role.get(1);
        assertTrue(offset > 0);
        List<?> replicas = (List<?>) role.get(2);
        assertEquals(1, replicas.size());
        List<?> entry = (List<?>) replicas.get(0);
        assertEquals(Integer.toString(replica.address().getPort()), str(entry.get(1)));
        assertEquals(Long.toString(offset), str(entry.get(2)));

        List<Object> replicaRole = r.role();
        assertEquals("slave", str(replicaRole.get(0)));
        assertEquals("127.0.0.1", str(replicaRole.get(1)));
        assertEquals((long) primary.address().getPort(), replicaRole.get(2));
        assertEquals("connected", str(replicaRole.get(3)));
        assertEquals(offset, replicaRole.get(4));

        String info = p.info("replication");
        assertTrue(
                info.contains("role:master\r\nconnected_slaves:1\r\nslave0:ip=127.0.0.1,port="
                        + replica.address().getPort() + ",state=online,offset=" + offset + ",lag=0\r\n"),
                info);
        assertTrue(info.contains("master_repl_offset:" + offset + "\r\n"), info);
        String replicaInfo = r.info("replication");
        assertTrue(
                replicaInfo.contains("role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:"
                        + primary.address().getPort() + "\r\nmaster_link_status:up\r\n"),
                replicaInfo);
        assertTrue(replicaInfo.contains("slave_repl_offset:" + offset + "\r\n"), replicaInfo);
        assertTrue(replicaInfo.contains("slave_read_only:1\r\n"), replicaInfo);
        assertTrue(
                replicaInfo.contains("master_replid:" + info.split("master_replid:")[1].substring(0, 40)), replicaInfo);
        JedisDataException wait = assertThrows(JedisDataException.class, () -> r.waitReplicas(1, 0));
        assertTrue(wait.getMessage().startsWith("ERR WAIT cannot be used with replica instances."), wait.getMessage());
    }

    @Test
    void promotedReplicaTakesWritesAndTheOldPrimaryFollowsIt() {
        attach();
        p.set("a", "1");
        assertEquals(1L, p.waitReplicas(1, 0));
        Replication.dropReplicas(primary.engine());
        Replication.promote(replica.engine());
        assertEquals("OK", r.set("b", "2"));
        Replication.attach(replica.engine(), replica.address(), primary.engine(), primary.address());
        assertEquals("2", p.get("b"), "resynced from the new primary");
        JedisDataException e = assertThrows(JedisDataException.class, () -> p.set("c", "3"));
        assertTrue(e.getMessage().startsWith("READONLY"));
        r.set("d", "4");
        assertEventually("4", () -> p.get("d"));
        assertEquals("1", p.get("a"));
        assertEquals(1L, r.waitReplicas(1, 0));
    }
}
