package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Scripts that misbehave, through real clients on port 0: the script's caller on Jedis, the other
 * clients on Lettuce and a raw socket (for exact reply texts). Long scripts are made busy with
 * {@code busy-reply-threshold 0} or by advancing the instance's MutableClock, never by waiting;
 * texts are those of Redis 7.0 (checked against redis-server 7.0.15).
 */
class ScriptingLimitsIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.of(MiniCloud.builder().services("kv").setting("kv-lua-memory-limit", "16mb"));

    private static final String BUSY_SCRIPT =
            "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    private static final String BUSY_FUNCTION =
            "BUSY Redis is busy running a function. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
    private static final String UNKILLABLE =
            "UNKILLABLE Sorry the script already executed write commands against the dataset. "
                    + "You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
    /** Ends once a new connection has been accepted: which only a busy script's event serving does. */
    private static final String UNTIL_NEW_CONNECTION = "local i = 0 while true do i = i + 1 "
            + "if i % 10000 == 0 and string.find(redis.call('info', 'clients'), 'connected_clients:' .. ARGV[1] .. '\\r') then break end "
            + "end return 'done'";

    @BeforeEach
    void clean() {
        // the instance's reset empties the keyspace, the script cache and the function libraries
        CLOUD.getMiniCloud().reset();
        try (RawResp r = RawResp.toKv(CLOUD)) {
            r.call("SET", "kept", "v");
        }
    }

    @AfterEach
    void defaultThreshold() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals("+OK", r.call("CONFIG", "SET", "busy-reply-threshold", "5000"));
            assertEquals("$v", r.call("GET", "kept"), "the keyspace is intact");
        }
    }

    private static InetSocketAddress kv(MiniCloudExtension cloud) {
        return cloud.getMiniCloud().address("kv").orElseThrow();
    }

    private static Jedis jedis(InetSocketAddress a) {
        return new Jedis(
                a.getHostString(),
                a.getPort(),
                DefaultJedisClientConfig.builder().socketTimeoutMillis(60_000).build());
    }

    /** Runs {@code call} on a thread of its own: the caller of a busy script waits for its reply. */
    private static <T> CompletableFuture<T> inBackground(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, r -> new Thread(r, "script-caller").start());
    }

    /** PINGs until the reply is BUSY (the script started and passed the threshold); returns that reply. */
    private static String untilBusy(RawResp r) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String reply = r.call("PING");
            if (!reply.equals("+PONG")) {
                return reply;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the script never became busy");
    }

    private static String failure(CompletableFuture<?> f) throws InterruptedException {
        try {
            Object v = f.get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected an error, got " + v);
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (TimeoutException e) {
            throw new AssertionError("the script did not end", e);
        }
    }

    private static int connectedClients(RawResp r) {
        Matcher m = Pattern.compile("connected_clients:(\\d+)").matcher(r.call("INFO", "clients"));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void busyReplyThresholdIsAConfigParameterWithItsOldName() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals("*[$busy-reply-threshold, $5000]", r.call("CONFIG", "GET", "busy-reply-threshold"));
            assertEquals("+OK", r.call("CONFIG", "SET", "lua-time-limit", "1234"));
            assertEquals("*[$busy-reply-threshold, $1234]", r.call("CONFIG", "GET", "busy-reply-threshold"));
            assertEquals("*[$lua-time-limit, $1234]", r.call("CONFIG", "GET", "lua-time-limit"));
            assertEquals(
                    "-ERR CONFIG SET failed (possibly related to argument 'busy-reply-threshold') - argument must be between 0 "
                            + "and 9223372036854775807 inclusive",
                    r.call("CONFIG", "SET", "busy-reply-threshold", "-1"));
            assertEquals(
                    "-ERR CONFIG SET failed (possibly related to argument 'lua-time-limit') - argument couldn't be parsed into "
                            + "an integer",
                    r.call("CONFIG", "SET", "lua-time-limit", "abc"));
        }
    }

    @Test
    void aBusyScriptAnswersOthersWithBusyUntilScriptKillStopsIt() throws Exception {
        RedisClient lettuce = RedisClient.create(
                RedisURI.create(kv(CLOUD).getHostString(), kv(CLOUD).getPort()));
        try (RawResp other = RawResp.toKv(CLOUD);
                Jedis caller = jedis(kv(CLOUD));
                StatefulRedisConnection<String, String> conn = lettuce.connect()) {
            RedisCommands<String, String> observer = conn.sync();
            assertEquals(
                    "NOTBUSY No scripts in execution right now.",
                    assertThrows(RedisCommandExecutionException.class, observer::scriptKill)
                            .getMessage());
            other.call("CONFIG", "SET", "busy-reply-threshold", "0");
            CompletableFuture<Object> run = inBackground(() -> caller.eval("local i = 0 while true do i = i + 1 end"));
            assertEquals("-" + BUSY_SCRIPT, untilBusy(other));
            RedisBusyException busy = assertThrows(RedisBusyException.class, () -> observer.get("kept"));
            assertEquals(BUSY_SCRIPT, busy.getMessage());
            assertEquals("-" + BUSY_SCRIPT, other.call("FUNCTION", "KILL"), "FUNCTION KILL does not stop an EVAL");
            assertEquals("-" + BUSY_SCRIPT, other.call("FUNCTION", "STATS"));
            assertEquals("+OK", other.call("MULTI"), "allow_busy commands still run");
            assertEquals("-" + BUSY_SCRIPT, other.call("SET", "kept", "lost"));
            assertEquals("-" + BUSY_SCRIPT, other.call("EXEC"));
            assertEquals("OK", observer.scriptKill());
            String killed = failure(run);
            assertTrue(
                    killed.matches(
                            "ERR Script killed by user with SCRIPT KILL\\.\\.\\. script: [0-9a-f]{40}, on @user_script:1\\."),
                    killed);
            assertEquals("PONG", observer.ping());
            assertEquals("-EXECABORT Transaction discarded because of previous errors.", other.call("EXEC"));
            assertEquals("-NOTBUSY No scripts in execution right now.", other.call("SCRIPT", "KILL"));
            assertEquals(1L, caller.eval("return 1"), "the caller's connection keeps working");
        } finally {
            lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void aScriptThatWroteIsUnkillableAndOthersStillGetBusyUntilItEnds() throws Exception {
        try (RawResp other = RawResp.toKv(CLOUD);
                Jedis caller = jedis(kv(CLOUD))) {
            int clients = connectedClients(other);
            other.call("CONFIG", "SET", "lua-time-limit", "0");
            CompletableFuture<Object> run = inBackground(() -> caller.eval(
                    "redis.call('set', KEYS[1], 'written') " + UNTIL_NEW_CONNECTION,
                    List.of("w"),
                    List.of(Integer.toString(clients + 1))));
            assertEquals("-" + BUSY_SCRIPT, untilBusy(other));
            assertEquals("-" + UNKILLABLE, other.call("SCRIPT", "KILL"));
            assertEquals("-" + UNKILLABLE, other.call("FUNCTION", "KILL"), "the write check comes first, as in Redis");
            try (RawResp late = RawResp.toKv(CLOUD)) {
                // accepted while the script is busy: the script sees one client more and ends
                assertEquals("done", run.get(30, TimeUnit.SECONDS));
                assertEquals("+PONG", late.call("PING"));
            }
            assertEquals("$written", other.call("GET", "w"));
        }
    }

    @Test
    void aBusyFunctionIsStoppedByFunctionKillAndShownByFunctionStats() throws Exception {
        try (RawResp other = RawResp.toKv(CLOUD);
                Jedis caller = jedis(kv(CLOUD))) {
            assertEquals(
                    "spin",
                    caller.functionLoad("#!lua name=spin\n"
                            + "redis.register_function('spin', function(keys, args) while true do end end)"));
            other.call("CONFIG", "SET", "busy-reply-threshold", "0");
            CompletableFuture<Object> run = inBackground(() -> caller.fcall("spin", List.of(), List.of("a")));
            assertEquals("-" + BUSY_FUNCTION, untilBusy(other));
            assertEquals("-" + BUSY_FUNCTION, other.call("SCRIPT", "KILL"), "SCRIPT KILL does not stop a function");
            String stats = other.call("FUNCTION", "STATS");
            assertTrue(
                    stats.startsWith(
                            "*[$running_script, *[$name, $spin, $command, *[$FCALL, $spin, $0, $a], $duration_ms, :"),
                    stats);
            assertEquals("+OK", other.call("FUNCTION", "KILL"));
            String killed = failure(run);
            assertEquals("ERR Script killed by user with SCRIPT KILL... script: spin, on @user_function:2.", killed);
            assertEquals("+PONG", other.call("PING"));
        }
    }

    @Test
    void timeLimitsAreMeasuredWithTheInstanceClock() throws Exception {
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
        try (MiniCloud cloud = MiniCloud.builder().services("kv").clock(clock).start()) {
            InetSocketAddress a = cloud.address("kv").orElseThrow();
            try (RawResp other = new RawResp(a);
                    Jedis caller = jedis(a)) {
                int clients = connectedClients(other);
                CompletableFuture<Object> run = inBackground(
                        () -> caller.eval(UNTIL_NEW_CONNECTION, List.of(), List.of(Integer.toString(clients + 1))));
                try (RawResp late = new RawResp(a)) {
                    // the clock is the only way this script becomes busy (and so accepts 'late' and ends)
                    while (!run.isDone()) {
                        clock.advance(Duration.ofMillis(5001));
                        Thread.yield();
                    }
                    assertEquals("done", run.get(30, TimeUnit.SECONDS));
                    assertEquals("+PONG", late.call("PING"));
                }
                // a library's top-level code may run 500 ms (Redis' FUNCTION LOAD timeout)
                CompletableFuture<String> load =
                        inBackground(() -> caller.functionLoad("#!lua name=forever\nwhile true do end"));
                while (!load.isDone()) {
                    clock.advance(Duration.ofMillis(501));
                    Thread.yield();
                }
                assertEquals("ERR Error registering functions: ERR FUNCTION LOAD timeout", failure(load));
                assertEquals("+PONG", other.call("PING"));
            }
        }
    }

    @Test
    void closingTheInstanceEndsAScriptThatNeverWould() throws Exception {
        MiniCloud cloud = MiniCloud.builder().services("kv").start();
        InetSocketAddress a = cloud.address("kv").orElseThrow();
        try (RawResp other = new RawResp(a);
                Jedis caller = jedis(a)) {
            other.call("CONFIG", "SET", "busy-reply-threshold", "0");
            CompletableFuture<Object> run = inBackground(() -> caller.eval("while true do end"));
            assertEquals("-" + BUSY_SCRIPT, untilBusy(other));
            cloud.close();
            String error = failure(run);
            assertTrue(
                    error.matches(
                            "ERR Script killed because the server is shutting down script: [0-9a-f]{40}, on @user_script:1\\."),
                    error);
        } finally {
            cloud.close();
        }
    }

    @Test
    void unboundedRecursionIsLuasStackOverflowAtTheCallersLine() {
        try (Jedis caller = jedis(kv(CLOUD));
                RawResp other = RawResp.toKv(CLOUD)) {
            // the text and sha redis-server 7.0.15 answers for the same script
            JedisDataException e =
                    assertThrows(JedisDataException.class, () -> caller.eval("local function f() f() end f()"));
            assertEquals(
                    "ERR user_script:1: stack overflow script: ef5b65872cb582371ecea142590f46b7afc00f55, on @user_script:1.",
                    e.getMessage());
            assertEquals(
                    19000L,
                    caller.eval(
                            "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(19000)"),
                    "as deep as Lua 5.1 allows");
            assertEquals(
                    1L,
                    caller.eval("local function f() pcall(f) return 1 end return f()"),
                    "recursion through pcall too");
            assertEquals(
                    "ERR Error registering functions: ERR user_function:2: stack overflow",
                    assertThrows(
                                    JedisDataException.class,
                                    () -> caller.functionLoad("#!lua name=deep\nlocal function f() f() end f()"))
                            .getMessage());
            assertEquals(
                    List.of(0L, "user_script:1: stack overflow"),
                    caller.eval("local function f() f() end local ok, err = pcall(f) return {ok and 1 or 0, err}"));
            assertEquals("+PONG", other.call("PING"));
        }
    }

    @Test
    void allocationBombsGetLuasMemoryErrorAndTheJvmSurvives() {
        try (Jedis caller = jedis(kv(CLOUD));
                RawResp other = RawResp.toKv(CLOUD)) {
            for (String bomb : List.of(
                    "return string.rep('x', 2^40)",
                    "return ('x'):rep(2^40)",
                    "local s = 'x' while true do s = s .. s end",
                    "local t = {} local i = 0 while true do i = i + 1 t[i] = 'value number ' .. i end",
                    "local t = {} while true do t = {t, t} end")) {
                JedisDataException e = assertThrows(JedisDataException.class, () -> caller.eval(bomb), bomb);
                assertTrue(
                        e.getMessage().matches("ERR Error running script [0-9a-f]{40}, not enough memory"),
                        e.getMessage());
                assertEquals("+PONG", other.call("PING"));
            }
            assertEquals(
                    List.of(0L, "not enough memory"),
                    caller.eval("local ok, err = pcall(string.rep, 'x', 2^40) return {ok and 1 or 0, err}"));
            assertEquals(4_000_000L, caller.eval("return #string.rep('x', 4000000)"), "under the limit is fine");
        }
    }

    @Test
    void cyclicTablesAndBadCallsGetRedisErrors() {
        try (Jedis caller = jedis(kv(CLOUD));
                RawResp other = RawResp.toKv(CLOUD)) {
            // a map nests less deep than an array (more of Redis' stack slots per level), as in redis-server
            other.send(RawResp.encode("EVAL", "local t = {} t.map = t return t", "0"));
            for (int level = 0; level < 2664; level++) {
                assertEquals(
                        List.of("*2", "$3", "map"),
                        List.of(other.readLine(), other.readLine(), other.readLine()),
                        "level " + level);
            }
            assertEquals(
                    List.of("*2", "-ERR reached lua stack limit", "-ERR reached lua stack limit"),
                    List.of(other.readLine(), other.readLine(), other.readLine()));
            assertEquals(
                    "ERR Wrong number of args calling Redis command from script script: f187dee77f607f7cff00bbabc9df38507582c78d, "
                            + "on @user_script:1.",
                    assertThrows(JedisDataException.class, () -> caller.eval("return redis.call('get')"))
                            .getMessage());
            assertEquals(
                    "ERR Unknown Redis command called from script script: 206396248e12c6e742fd7296250433c8d7343b74, "
                            + "on @user_script:1.",
                    assertThrows(JedisDataException.class, () -> caller.eval("return redis.call('nosuch')"))
                            .getMessage());
            assertEquals(
                    "ERR Wrong number of args calling Redis command from script",
                    assertThrows(JedisDataException.class, () -> caller.eval("return redis.pcall('get')"))
                            .getMessage());
            assertEquals("+PONG", other.call("PING"));
        }
    }
}
