package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.exceptions.JedisDataException;

/** Redis 7 functions: FUNCTION LOAD|LIST|DELETE|FLUSH|DUMP|RESTORE|STATS|KILL, FCALL, FCALL_RO. */
class FunctionsIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();

    private static final String LIB = "#!lua name=mylib\n"
            + "redis.register_function('knockknock', function() return 'Who\\'s there?' end)\n"
            + "redis.register_function{function_name='incr_by', callback=function(keys, args)\n"
            + "  return redis.call('incrby', keys[1], args[1]) end, description='adds'}\n"
            + "redis.register_function{function_name='peek', callback=function(keys) return redis.call('get', keys[1]) end,\n"
            + "  flags={'no-writes'}}\n"
            + "redis.register_function('fail', function() error('boom') end)\n";

    @BeforeEach
    void clean() {
        // the instance's reset empties the keyspace, the script cache and the function libraries
        CLOUD.getMiniCloud().reset();
    }

    @Test
    void loadedFunctionsRunWithKeysAndArgs() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals("$mylib", r.call("FUNCTION", "LOAD", LIB));
            assertEquals("$Who's there?", r.call("FCALL", "knockknock", "0"));
            assertEquals(":5", r.call("FCALL", "incr_by", "1", "n", "5"));
            assertEquals("$5", r.call("FCALL_RO", "peek", "1", "n"));
            assertEquals(
                    "-ERR Can not execute a script with write flag using *_ro command.",
                    r.call("FCALL_RO", "incr_by", "1", "n", "1"));
            assertEquals("-ERR user_function:7: boom script: fail, on @user_function:7.", r.call("FCALL", "fail", "0"));
            assertEquals("-ERR Function not found", r.call("FCALL", "nosuch", "0"));
            assertEquals("-ERR Bad number of keys provided", r.call("FCALL", "knockknock", "x"));
            assertEquals(
                    "-ERR Number of keys can't be greater than number of args", r.call("FCALL", "knockknock", "1"));
            assertEquals("-ERR Library 'mylib' already exists", r.call("FUNCTION", "LOAD", LIB));
            assertEquals("$mylib", r.call("FUNCTION", "LOAD", "REPLACE", LIB));
            assertEquals(
                    "*[$running_script, $-1, $engines, *[$LUA, *[$libraries_count, :1, $functions_count, :4]]]",
                    r.call("FUNCTION", "STATS"));
            assertEquals("-NOTBUSY No scripts in execution right now.", r.call("FUNCTION", "KILL"));
        }
    }

    @Test
    void listDescribesLibrariesAndTheirFunctions() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            r.call(
                    "FUNCTION",
                    "LOAD",
                    "#!lua name=small\nredis.register_function{function_name='f', callback=function() return 1 end,"
                            + " flags={'no-writes', 'allow-oom'}, description='d'}");
            assertEquals(
                    "*[*[$library_name, $small, $engine, $LUA, $functions, *[*[$name, $f, $description, $d, $flags, "
                            + "*[+no-writes, +allow-oom]]]]]",
                    r.call("FUNCTION", "LIST"));
            assertEquals("*[]", r.call("FUNCTION", "LIST", "LIBRARYNAME", "other*"));
            assertTrue(r.call("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "sm*")
                    .contains("$library_code, $#!lua name=small"));
            assertEquals("-ERR library name argument was not given", r.call("FUNCTION", "LIST", "LIBRARYNAME"));
            assertEquals("+OK", r.call("FUNCTION", "DELETE", "small"));
            assertEquals("-ERR Library not found", r.call("FUNCTION", "DELETE", "small"));
        }
    }

    @Test
    void dumpAndRestoreRoundTripWithEachPolicy() {
        try (RawResp r = RawResp.toKv(CLOUD);
                redis.clients.jedis.RedisClient jedis = jedis()) {
            jedis.functionLoad(LIB);
            byte[] dump = jedis.functionDump();
            jedis.functionFlush();
            assertEquals("-ERR Function not found", r.call("FCALL", "knockknock", "0"));
            assertEquals("OK", jedis.functionRestore(dump));
            assertEquals("Who's there?", jedis.fcall("knockknock", List.of(), List.of()));
            JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.functionRestore(dump));
            assertEquals("ERR Library mylib already exists", e.getMessage());
            assertEquals("OK", jedis.functionRestore(dump, redis.clients.jedis.args.FunctionRestorePolicy.REPLACE));
            assertEquals("OK", jedis.functionRestore(dump, redis.clients.jedis.args.FunctionRestorePolicy.FLUSH));
            byte[] corrupt = dump.clone();
            corrupt[6] ^= 1;
            JedisDataException bad = assertThrows(JedisDataException.class, () -> jedis.functionRestore(corrupt));
            assertEquals("ERR DUMP payload version or checksum are wrong", bad.getMessage());
            assertEquals(5L, jedis.fcall("incr_by", List.of("n"), List.of("5")));
            assertEquals("5", jedis.fcallReadonly("peek", List.of("n"), List.of()));
        }
    }

    static Stream<Arguments> loadErrors() {
        return Stream.of(
                Arguments.of("return 1", "-ERR Missing library metadata"),
                Arguments.of("#!lua name=x", "-ERR Invalid library metadata"),
                Arguments.of("#!lua\nreturn 1", "-ERR Library name was not given"),
                Arguments.of("#!lua name=x foo=bar\n", "-ERR Invalid metadata value given: foo=bar"),
                Arguments.of(
                        "#!lua name=a-b\n",
                        "-ERR Library names can only contain letters, numbers, or underscores(_) and must be at least"
                                + " one character long"),
                Arguments.of("#!js name=x\n", "-ERR Engine 'js' not found"),
                Arguments.of("#!lua name=x\nlocal a = 1", "-ERR No functions registered"),
                Arguments.of(
                        "#!lua name=x\nredis.register_function('f', 1)",
                        "-ERR Error registering functions: ERR second argument to "
                                + "redis.register_function must be a function"),
                Arguments.of(
                        "#!lua name=x\nredis.register_function{function_name='f', callback=function() end, flags={'bad'}}",
                        "-ERR Error registering functions: ERR unknown flag given"),
                Arguments.of(
                        "#!lua name=x\nredis.register_function{callback=function() end}",
                        "-ERR Error registering functions: ERR redis.register_function must get a function name argument"),
                Arguments.of(
                        "#!lua name=x\nredis.register_function('a-b', function() end)",
                        "-ERR Error registering functions: ERR Function names can only contain letters, numbers, or underscores(_) and "
                                + "must be at least one character long"),
                Arguments.of(
                        "#!lua name=x\nredis.call('set', 'k', 'v')",
                        "-ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'call'"),
                Arguments.of(
                        "#!lua name=x\nlocal s = string.format('x')",
                        "-ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'string'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("loadErrors")
    void loadErrorsUseRedisTexts(String code, String expected) {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            assertEquals(expected, r.call("FUNCTION", "LOAD", code));
        }
    }

    @Test
    void aFunctionNameBelongsToOneLibrary() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            r.call("FUNCTION", "LOAD", "#!lua name=one\nredis.register_function('f', function() return 1 end)");
            assertEquals(
                    "-ERR Function f already exists",
                    r.call(
                            "FUNCTION",
                            "LOAD",
                            "#!lua name=two\nredis.register_function('f', function() return 2 end)"));
            assertEquals(
                    "$one",
                    r.call(
                            "FUNCTION",
                            "LOAD",
                            "REPLACE",
                            "#!lua name=one\nredis.register_function('f', function() return 3 end)"));
            assertEquals(":3", r.call("FCALL", "f", "0"));
        }
    }

    @Test
    void functionsSeeTheScriptingLibrariesButNoKeysGlobal() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            r.call(
                    "FUNCTION",
                    "LOAD",
                    "#!lua name=g\n"
                            + "redis.register_function('json', function(keys, args) return cjson.encode({n = tonumber(args[1])}) end)\n"
                            + "redis.register_function('keys', function() return KEYS end)\n"
                            + "redis.register_function('setglobal', function() x = 1 end)");
            assertEquals("${\"n\":2}", r.call("FCALL", "json", "0", "2"));
            assertEquals(
                    "-ERR user_function:3: Script attempted to access nonexistent global variable 'KEYS' script: keys, on @user_function:3.",
                    r.call("FCALL", "keys", "0"));
            assertEquals(
                    "-ERR user_function:4: Attempt to modify a readonly table script: setglobal, on @user_function:4.",
                    r.call("FCALL", "setglobal", "0"));
        }
    }

    @Test
    void scriptFlushKeepsFunctionsAndResetDropsThem() {
        try (RawResp r = RawResp.toKv(CLOUD)) {
            r.call("FUNCTION", "LOAD", LIB);
            r.call("SCRIPT", "FLUSH");
            assertEquals("$Who's there?", r.call("FCALL", "knockknock", "0"));
            CLOUD.getMiniCloud().reset();
            assertEquals("-ERR Function not found", r.call("FCALL", "knockknock", "0"));
        }
    }

    private static redis.clients.jedis.RedisClient jedis() {
        InetSocketAddress a = CLOUD.getMiniCloud().address("kv").orElseThrow();
        return redis.clients.jedis.RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .build();
    }
}
