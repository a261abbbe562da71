package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EVAL and friends over the raw wire, as tables of Redis' documented conversion rules and error
 * texts (redis.io "Scripting with Lua", "Lua API reference"; src/script_lua.c, src/eval.c).
 */
class ScriptingIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();

    /** How deep redis-server 7.0 nests a self-containing array before its stack-limit error. */
    private static final int LUA_STACK_LIMIT_DEPTH = 7995;

    private static final String SHA_RETURN_1 = "e0e1f9fabfc9d4800c877a703b823ac0578ff8db";

    @BeforeEach
    void clean() {
        // the instance's reset empties the keyspace, the script cache and the function libraries
        CLOUD.getMiniCloud().reset();
    }

    /** Lua to RESP2: the script's return value as the reply (luaReplyToRedisReply). */
    static Stream<Arguments> luaToResp2() {
        return Stream.of(
                Arguments.of("return 1", ":1"),
                Arguments.of("return 3.99", ":3"),
                Arguments.of("return -3.99", ":-3"),
                Arguments.of("return 'hello'", "$hello"),
                Arguments.of("return true", ":1"),
                Arguments.of("return false", "$-1"),
                Arguments.of("return nil", "$-1"),
                Arguments.of("return {1, 2, 3, 'ciao', {1, 2}}", "*[:1, :2, :3, $ciao, *[:1, :2]]"),
                Arguments.of("return {1, 2, 3, nil, 4}", "*[:1, :2, :3]"),
                Arguments.of("return {1, 2, 3, 'ciao', {1, 2}, a=5}", "*[:1, :2, :3, $ciao, *[:1, :2]]"),
                Arguments.of("return {}", "*[]"),
                Arguments.of("return {ok='fine'}", "+fine"),
                Arguments.of("return {err='My Error'}", "-My Error"),
                Arguments.of("return redis.error_reply('My Error')", "-My Error"),
                Arguments.of("return redis.error_reply('-WRONG a b')", "-WRONG a b"),
                Arguments.of("return redis.status_reply('TEST')", "+TEST"),
                Arguments.of("return {double=3.14}", "$3.14"),
                Arguments.of("return {big_number='123456789012345678901234567890'}", "$123456789012345678901234567890"),
                Arguments.of("return {map={a=1}}", "*[$a, :1]"),
                Arguments.of("return {set={a=true}}", "*[$a]"),
                Arguments.of("return redis.sha1hex('')", "$da39a3ee5e6b4b0d3255bfef95601890afd80709"),
                Arguments.of("return redis.REDIS_VERSION", "$7.4.2"),
                Arguments.of("return redis.REDIS_VERSION_NUM", ":459778"),
                Arguments.of(
                        "return {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}",
                        "*[:0, :1, :2, :3]"),
                Arguments.of("return redis.replicate_commands()", ":1"),
                Arguments.of("redis.set_repl(redis.REPL_ALL) return 1", ":1"),
                Arguments.of("return type(unpack)", "$function"),
                Arguments.of("return table.getn({1, 2, 3})", ":3"),
                Arguments.of("return loadstring('return 7')()", ":7"),
                Arguments.of("return _VERSION", "$Lua 5.1"),
                Arguments.of("return cjson.encode({1, 2, 'x'})", "$[1,2,\"x\"]"),
                Arguments.of("return cjson.encode({a='b'})", "${\"a\":\"b\"}"),
                Arguments.of("return cjson.decode('[1,{\"k\":\"v\"}]')[2].k", "$v"),
                Arguments.of("return cjson.decode('{\"a\":null}').a == cjson.null", ":1"),
                Arguments.of("return bit.band(0xff, 0x0f)", ":15"),
                Arguments.of("return bit.tohex(255)", "$000000ff"),
                Arguments.of("return bit.bnot(0)", ":-1"),
                Arguments.of("return bit.lshift(1, 31)", ":-2147483648"),
                Arguments.of("return bit.bxor(5, 3)", ":6"),
                Arguments.of("return {struct.unpack('Bc0I', struct.pack('Bc0I', 3, 'abc', 7))}", "*[$abc, :7, :9]"),
                Arguments.of("return struct.unpack('<h', struct.pack('<h', -2))", ":-2"),
                Arguments.of("return struct.unpack('>I2', string.char(1, 2))", ":258"),
                Arguments.of("return struct.size('>iIh')", ":10"),
                Arguments.of("return string.format('%d-%s', 4, 'x')", "$4-x"),
                Arguments.of("return math.floor(7.5)", ":7"),
                Arguments.of("return redis.call('ping')", "+PONG"),
                Arguments.of("return redis.call('get', 'missing')", "$-1"),
                Arguments.of("return type(redis.call('get', 'missing'))", "$boolean"),
                Arguments.of("return redis.call('set', 'n', 10.5)", "+OK"),
                Arguments.of("redis.call('set', 'n', 0.1) return redis.call('get', 'n')", "$0.10000000000000001"),
                Arguments.of("redis.call('set', 'n', 10) return redis.call('get', 'n')", "$10"),
                Arguments.of("return redis.pcall('nosuchcommand')", "-ERR Unknown Redis command called from script"),
                Arguments.of(
                        "redis.call('set', 's', 'x') return redis.pcall('incr', 's')",
                        "-ERR value is not an integer or out of range"),
                Arguments.of(
                        "local ok, e = pcall(redis.call, 'nosuch') return e",
                        "$ERR Unknown Redis command called from script"),
                Arguments.of("local ok, e = pcall(error, 'x', 0) return e", "$x"),
                Arguments.of("redis.call('rpush', 'l', 'a', 'b') return redis.call('lrange', 'l', 0, -1)", "*[$a, $b]"),
                Arguments.of("return redis.call('hgetall', 'nohash')", "*[]"),
                Arguments.of("return #KEYS + #ARGV", ":0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("luaToResp2")
    void luaValuesBecomeRedisReplies(String script, String expected) {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals(expected, r.call("EVAL", script, "0"));
        }
    }

    /** The same rules for a RESP3 client after redis.setresp(3) (booleans, doubles, maps, sets, nulls). */
    static Stream<Arguments> luaToResp3() {
        return Stream.of(
                Arguments.of("redis.setresp(3) return true", "#t"),
                Arguments.of("redis.setresp(3) return false", "#f"),
                Arguments.of("return true", ":1"),
                Arguments.of("return false", "_"),
                Arguments.of("return nil", "_"),
                Arguments.of("return {double=3.5}", ",3.5"),
                Arguments.of("return {big_number='12345678901234567890'}", "(12345678901234567890"),
                Arguments.of("return {map={a=1}}", "%[$a, :1]"),
                Arguments.of("return {set={a=true}}", "~[$a]"),
                Arguments.of("return {verbatim_string={format='txt', string='hi'}}", "=txt:hi"),
                Arguments.of("redis.setresp(3) return redis.call('hgetall', 'h')", "%[$f, $v]"),
                Arguments.of("redis.setresp(3) return redis.call('get', 'missing') == nil", "#t"),
                Arguments.of("redis.setresp(3) return redis.call('zscore', 'z', 'm')", ",1.5"),
                Arguments.of("redis.setresp(3) return redis.call('zscore', 'z', 'm')['double']", ":1"),
                Arguments.of(
                        "redis.setresp(3) local s = redis.call('smembers', 'set') return s['set']['x'] and 1 or 0",
                        ":1"),
                Arguments.of("return redis.call('hgetall', 'h')", "*[$f, $v]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("luaToResp3")
    void resp3ConversionsFollowRedisRules(String script, String expected) {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            r.call("HELLO", "3");
            r.call("HSET", "h", "f", "v");
            r.call("ZADD", "z", "1.5", "m");
            r.call("SADD", "set", "x");
            assertEquals(expected, r.call("EVAL", script, "0"));
        }
    }

    /** Errors as Redis 7 reports them, with the script's SHA and the user_script position. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(
                        new String[] {"EVAL", "return 1", "2", "a"},
                        "-ERR Number of keys can't be greater than number of args"),
                Arguments.of(new String[] {"EVAL", "return 1", "-1"}, "-ERR Number of keys can't be negative"),
                Arguments.of(new String[] {"EVAL", "return 1", "x"}, "-ERR value is not an integer or out of range"),
                Arguments.of(new String[] {"EVAL", "return 1"}, "-ERR wrong number of arguments for 'eval' command"),
                Arguments.of(
                        new String[] {"EVALSHA", SHA_RETURN_1, "0"}, "-NOSCRIPT No matching script. Please use EVAL."),
                Arguments.of(new String[] {"EVALSHA", "abc", "0"}, "-NOSCRIPT No matching script. Please use EVAL."),
                Arguments.of(
                        new String[] {"EVAL", "return a", "0"},
                        "-ERR user_script:1: Script attempted to access nonexistent global variable 'a' script: "
                                + "4a2267357833227dd98abdedb8cf24b15a986445, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "x = 5", "0"},
                        "-ERR user_script:1: Attempt to modify a readonly table script: "
                                + "5c7ce5d3b0a2ae9b3ec3ca0a5d4a0bd5ea72fd24, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "return redis.call('nosuch')", "0"},
                        "-ERR Unknown Redis command called from script script: "
                                + "b3bd0e4ae3a2b0e4e8c0b5bba0b47d7a6e2c6b2c, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "\n\nerror('boom')", "0"},
                        "-ERR user_script:3: boom script: "
                                + "b9f3c1ad0e10ae81b0e2d3b7f7e42b36f59d6c5e, on @user_script:3."),
                Arguments.of(
                        new String[] {"EVAL", "return redis.call('echo', 'a', 'b')", "0"},
                        "-ERR Wrong number of args calling Redis command from script script: "
                                + "sha, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "return redis.call('eval', 'return 1', 0)", "0"},
                        "-ERR This Redis command is not allowed from script script: sha, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "return redis.call('get', {})", "0"},
                        "-ERR Lua redis lib command arguments must be strings or integers script: sha, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "return redis.call()", "0"},
                        "-ERR Please specify at least one argument for this redis lib call script: sha, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "redis.setresp(4)", "0"},
                        "-ERR RESP version must be 2 or 3. script: sha, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "redis.log(1)", "0"},
                        "-ERR redis.log() requires two arguments or more. script: sha, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "return redis.error_reply(1, 2)", "0"},
                        "-ERR wrong number or type of arguments"),
                Arguments.of(
                        new String[] {"EVAL", "return (", "0"},
                        "-ERR Error compiling script (new function): user_script:1: unexpected symbol near '<eof>'"),
                Arguments.of(
                        new String[] {"EVAL", "#!python\nreturn 1", "0"},
                        "-ERR Unexpected engine in script shebang: #!python"),
                Arguments.of(
                        new String[] {"EVAL", "#!lua flags=no-such\nreturn 1", "0"},
                        "-ERR Unexpected flag in script shebang: no-such"),
                Arguments.of(
                        new String[] {"EVAL", "#!lua name=x\nreturn 1", "0"},
                        "-ERR Unknown lua shebang option: name=x"),
                Arguments.of(
                        new String[] {"EVAL_RO", "return redis.call('set', 'k', 'v')", "0"},
                        "-ERR Write commands are not allowed from read-only scripts. script: sha, on @user_script:1."),
                Arguments.of(
                        new String[] {"EVAL", "#!lua flags=no-writes\nreturn redis.call('set', 'k', 'v')", "0"},
                        "-ERR Write commands are not allowed from read-only scripts. script: sha, on @user_script:2."),
                Arguments.of(
                        new String[] {"EVAL_RO", "#!lua\nreturn 1", "0"},
                        "-ERR Can not execute a script with write flag using *_ro command."),
                Arguments.of(
                        new String[] {"SCRIPT", "FLUSH", "LATER"}, "-ERR SCRIPT FLUSH only support SYNC|ASYNC option"),
                Arguments.of(new String[] {"SCRIPT", "KILL"}, "-NOTBUSY No scripts in execution right now."),
                Arguments.of(new String[] {"SCRIPT", "NOPE"}, "-ERR unknown subcommand 'NOPE'. Try SCRIPT HELP."));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("errors")
    void errorsUseRedisTexts(String[] command, String expected) {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            String reply = r.call(command);
            if (command[0].startsWith("EVAL") && !command[0].startsWith("EVALSHA") && expected.contains(" script: ")) {
                String sha = r.call("SCRIPT", "LOAD", command[1]).substring(1);
                expected = expected.replaceAll("script: [0-9a-z]+, on", "script: " + sha + ", on");
            }
            assertEquals(expected, reply);
        }
    }

    @Test
    void evalshaRunsWhatScriptLoadCachedUntilScriptFlush() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals("$" + SHA_RETURN_1, r.call("SCRIPT", "LOAD", "return 1"));
            assertEquals(
                    "*[:1, :0]", r.call("SCRIPT", "EXISTS", SHA_RETURN_1, "ffffffffffffffffffffffffffffffffffffffff"));
            assertEquals(":1", r.call("EVALSHA", SHA_RETURN_1.toUpperCase(Locale.ROOT), "0"));
            assertEquals(":1", r.call("EVALSHA_RO", SHA_RETURN_1, "0"));
            assertEquals("+OK", r.call("FLUSHALL"));
            assertEquals(":1", r.call("EVALSHA", SHA_RETURN_1, "0"), "FLUSHALL keeps scripts");
            assertEquals("+OK", r.call("SCRIPT", "FLUSH", "ASYNC"));
            assertEquals("-NOSCRIPT No matching script. Please use EVAL.", r.call("EVALSHA", SHA_RETURN_1, "0"));
            assertEquals(":1", r.call("EVAL", "return 1", "0"));
            assertEquals(":1", r.call("EVALSHA", SHA_RETURN_1, "0"), "EVAL caches its script");
        }
    }

    @Test
    void resetDropsTheScriptCache() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            r.call("SCRIPT", "LOAD", "return 1");
            CLOUD.getMiniCloud().reset();
            assertEquals("*[:0]", r.call("SCRIPT", "EXISTS", SHA_RETURN_1));
        }
    }

    @Test
    void keysAndArgvAreTheCommandsArguments() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals(
                    "*[$k1, $k2, $a1, $a2]",
                    r.call("EVAL", "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2]}", "2", "k1", "k2", "a1", "a2"));
            assertEquals(
                    ":2",
                    r.call(
                            "EVAL",
                            "redis.call('set', KEYS[1], ARGV[1]) return redis.call('incr', KEYS[1])",
                            "1",
                            "c",
                            "1"));
            assertEquals("$2", r.call("GET", "c"));
        }
    }

    @Test
    void scriptsRunInsideMultiAndTheirWritesInvalidateWatch() {
        try (RawResp r = RawResp.toKv(CLOUD);
                RawResp other = RawResp.toKv(CLOUD)) {
            assertEquals("+OK", r.call("WATCH", "w"));
            assertEquals(":1", other.call("EVAL", "return redis.call('incr', KEYS[1])", "1", "w"));
            assertEquals("+OK", r.call("MULTI"));
            assertEquals("+QUEUED", r.call("EVAL", "return redis.call('incr', KEYS[1])", "1", "w"));
            assertEquals("*-1", r.call("EXEC"), "a script's write invalidates WATCH");
            assertEquals("+OK", r.call("MULTI"));
            assertEquals("+QUEUED", r.call("EVAL", "return redis.call('incr', KEYS[1])", "1", "w"));
            assertEquals("+QUEUED", r.call("EVAL", "return redis.call('incr', KEYS[1])", "1", "w"));
            assertEquals("*[:2, :3]", r.call("EXEC"));
        }
    }

    @Test
    void keyspaceNotificationsSeeScriptWrites() {
        try (RawResp sub = RawResp.toKv(CLOUD);
                RawResp r = RawResp.toKv(CLOUD)) {
            r.call("CONFIG", "SET", "notify-keyspace-events", "KEA");
            try {
                assertEquals("*[$subscribe, $__keyevent@0__:set, :1]", sub.call("SUBSCRIBE", "__keyevent@0__:set"));
                r.call("EVAL", "return redis.call('set', KEYS[1], 'v')", "1", "nk");
                assertEquals("*[$message, $__keyevent@0__:set, $nk]", sub.read());
            } finally {
                r.call("CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }

    @Test
    void selectInsideAScriptDoesNotChangeTheCallersDatabase() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals("+OK", r.call("EVAL", "redis.call('select', 5) return redis.call('set', 'in5', 'x')", "0"));
            assertEquals(":0", r.call("EXISTS", "in5"));
            r.call("SELECT", "5");
            assertEquals(":1", r.call("EXISTS", "in5"));
            r.call("SELECT", "0");
        }
    }

    @Test
    void blockingCommandsAnswerAtOnceInScripts() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals("$-1", r.call("EVAL", "return redis.call('blpop', 'empty', 0)", "0"));
        }
    }

    @Test
    void sandboxHasNoWayOutToTheJvm() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            for (String global : new String[] {
                "os",
                "io",
                "require",
                "loadfile",
                "dofile",
                "luajava",
                "debug",
                "package",
                "print",
                "module",
                "coroutine"
            }) {
                assertTrue(
                        r.call("EVAL", "return " + global, "0")
                                .startsWith(
                                        "-ERR user_script:1: Script attempted to access nonexistent global variable '"
                                                + global + "'"),
                        global);
            }
            assertTrue(r.call("EVAL", "string.upper = nil", "0").contains("Attempt to modify a readonly table"));
            assertTrue(r.call("EVAL", "setmetatable(_G, {})", "0").contains("Attempt to modify a readonly table"));
            assertTrue(r.call("EVAL", "getmetatable('').__index.upper = nil", "0")
                    .contains("Attempt to modify a readonly table"));
            assertTrue(r.call("EVAL", "rawset(_G, 'x', 1)", "0").contains("Attempt to modify a readonly table"));
            assertEquals("$X", r.call("EVAL", "return string.upper('x')", "0"));
            assertEquals(":0", r.call("EVAL", "return loadstring(string.char(27) .. 'Lua') == nil and 0 or 1", "0"));
        }
    }

    /** cmsgpack.pack's bytes (first 12, in hex) and length, as redis-server 7.0.15 packs each value. */
    static Stream<Arguments> msgpack() {
        return Stream.of(
                Arguments.of("1", "01 1"),
                Arguments.of("-1", "ff 1"),
                Arguments.of("200", "ccc8 2"),
                Arguments.of("-200", "d1ff38 3"),
                Arguments.of("70000", "ce00011170 5"),
                Arguments.of("-70000", "d2fffeee90 5"),
                Arguments.of("5000000000", "cf000000012a05f200 9"),
                Arguments.of("-5000000000", "d3fffffffed5fa0e00 9"),
                Arguments.of("1.5", "ca3fc00000 5"),
                Arguments.of("0.1", "cb3fb999999999999a 9"),
                Arguments.of("'abc'", "a3616263 4"),
                Arguments.of("string.rep('x',40)", "d92878787878787878787878 42"),
                Arguments.of("string.rep('x',300)", "da012c787878787878787878 303"),
                Arguments.of("{1,2,3}", "93010203 4"),
                Arguments.of("{a=1}", "81a16101 4"),
                Arguments.of("{}", "90 1"),
                Arguments.of("true", "c3 1"),
                Arguments.of("false", "c2 1"),
                Arguments.of("nil", "c0 1"),
                Arguments.of("{1,nil,3}", "8201010303 5"),
                Arguments.of("2^53", "cf0020000000000000 9"),
                Arguments.of("-0.0", "00 1"),
                Arguments.of("1/0", "ca7f800000 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("msgpack")
    void cmsgpackPacksAsRedis(String value, String expected) {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals(
                    "$" + expected,
                    r.call(
                            "EVAL",
                            "local s = cmsgpack.pack(" + value + ") local h = '' "
                                    + "for i = 1, math.min(#s, 12) do h = h .. string.format('%02x', s:byte(i)) end return h .. ' ' .. #s",
                            "0"));
        }
    }

    @Test
    void cmsgpackUnpacksWhatItPacks() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals(
                    "*[:1, $a, *[:1, :2], $v]",
                    r.call(
                            "EVAL",
                            "local a, b, c, d = cmsgpack.unpack(cmsgpack.pack(1, 'a', {1, 2}, {k = 'v'})) return {a, b, c, d.k}",
                            "0"));
            assertEquals("*[:1, :1]", r.call("EVAL", "return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), 0)}", "0"));
            assertEquals("*[:-1, :2]", r.call("EVAL", "return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), 1)}", "0"));
            assertEquals(
                    "*[:2, :1, :2]",
                    r.call("EVAL", "return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2, 0)}", "0"));
            assertEquals(":3", r.call("EVAL", "return cmsgpack.unpack(cmsgpack.pack(1.5)) * 2", "0"));
            assertEquals(
                    ":17",
                    r.call("EVAL", "local t = {} t[1] = t return #cmsgpack.pack(t)", "0"),
                    "nesting stops at 16");
            assertTrue(r.call("EVAL", "return cmsgpack.pack()", "0")
                    .startsWith(
                            "-ERR user_script:1: bad argument #0 to 'pack' (MessagePack pack needs input.) script: "));
            assertTrue(r.call("EVAL", "return cmsgpack.unpack_one(string.char(1), 5)", "0")
                    .startsWith("-ERR user_script:1: Start offset 5 greater than input length 1. script: "));
            assertTrue(r.call("EVAL", "return cmsgpack.unpack(string.char(0xcc))", "0")
                    .startsWith("-ERR user_script:1: Missing bytes in input. script: "));
            assertTrue(r.call("EVAL", "return cmsgpack.unpack(string.char(0xc1))", "0")
                    .startsWith("-ERR user_script:1: Bad data format in input. script: "));
        }
    }

    @Test
    void cyclicTablesEndInTheLuaStackLimitError() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            r.send(RawResp.encode("EVAL", "local a = {} local b = {a} a[1] = b return a", "0"));
            for (int i = 0; i < LUA_STACK_LIMIT_DEPTH; i++) {
                assertEquals("*1", r.readLine(), "level " + i);
            }
            assertEquals("-ERR reached lua stack limit", r.readLine());
            assertEquals("+PONG", r.call("PING"));
        }
    }

    @Test
    void unboundedRecursionIsAnErrorAndTheServerKeepsServing() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            String reply = r.call("EVAL", "local function f(n) return f(n + 1) + 1 end return f(1)", "0");
            assertTrue(reply.startsWith("-ERR"), reply);
            assertTrue(reply.contains("stack overflow"), reply);
            assertEquals("+PONG", r.call("PING"));
        }
    }

    @Test
    void commandInfoListsTheScriptingCommands() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertTrue(r.call("COMMAND", "INFO", "eval").startsWith("*[*[$eval, :-3, "));
            assertTrue(r.call("COMMAND", "INFO", "evalsha_ro").startsWith("*[*[$evalsha_ro, :-3, "));
            assertTrue(r.call("COMMAND", "DOCS", "script").contains("$script|load"));
        }
    }
}
