package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * ACL users as Redis 7.2 has them: rules, AUTH as a user through Jedis 8 and Lettuce 7, NOPERM for
 * commands, keys and channels (top level, in MULTI/EXEC, in scripts), ACL LOG on the instance clock,
 * ACL DRYRUN, and the default user tied to requirepass. Texts and shapes are real Redis' answers.
 */
class AclIT {
    static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-03-01T00:00:00Z"));

    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").clock(CLOCK).build();

    @RegisterExtension
    final FreshKv kv = new FreshKv(CLOUD);

    @BeforeEach
    void onlyTheDefaultUser() {
        kv.call("ACL", "SETUSER", "default", "clearselectors", "on", "nopass", "~*", "&*", "+@all");
        String users = kv.call("ACL", "USERS");
        for (String u : users.substring(2, users.length() - 1).split(", ")) {
            if (!u.equals("$default")) {
                kv.call("ACL", "DELUSER", u.substring(1));
            }
        }
        kv.call("ACL", "LOG", "RESET");
    }

    private RawResp as(String user, String pass) {
        RawResp c = new RawResp(kv.address());
        assertEquals("+OK", c.call("AUTH", user, pass));
        return c;
    }

    @Test
    void getUserAndListShowTheRulesAsRedisKeepsThem() {
        assertEquals(
                "+OK",
                kv.call(
                        "ACL",
                        "SETUSER",
                        "alice",
                        "on",
                        ">p1",
                        "~cached:*",
                        "+get",
                        "-@all",
                        "+set",
                        "+@hash",
                        "-hdel",
                        "%R~r:*",
                        "&ch:*",
                        "(+get",
                        "~sel:*)"));
        String hash = "f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a";
        assertEquals(
                "*[$flags, *[$on], $passwords, *[$" + hash + "], $commands, $-@all +set +@hash -hdel, $keys, "
                        + "$~cached:* %R~r:*, $channels, $&ch:*, $selectors, *[*[$commands, $-@all +get, $keys, $~sel:*, $channels, $]]]",
                kv.call("ACL", "GETUSER", "alice"));
        assertEquals(
                "*[$user alice on #" + hash + " ~cached:* %R~r:* resetchannels &ch:* -@all +set +@hash -hdel "
                        + "(~sel:* resetchannels -@all +get), $user default on nopass ~* &* +@all]",
                kv.call("ACL", "LIST"));
        assertEquals("+OK", kv.call("ACL", "SETUSER", "bob"));
        assertEquals(
                "*[$flags, *[$off], $passwords, *[], $commands, $-@all, $keys, $, $channels, $, $selectors, *[]]",
                kv.call("ACL", "GETUSER", "bob"));
        assertEquals(
                "+OK",
                kv.call(
                        "ACL",
                        "SETUSER",
                        "carl",
                        "+@all",
                        "-flushall",
                        "+config|get",
                        "allkeys",
                        "allchannels",
                        "nopass",
                        "#5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"));
        assertEquals(
                "$user carl off #5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8 ~* &* +@all -flushall "
                        + "+config|get",
                kv.call("ACL", "LIST").split(", ")[2]);
        assertEquals("*[$alice, $bob, $carl, $default]", kv.call("ACL", "USERS"));
        assertEquals("$-1", kv.call("ACL", "GETUSER", "nobody"));
    }

    @Test
    void rulesThatDoNotParseGetRedisErrorsAndLeaveTheUserUnchanged() {
        kv.call("ACL", "SETUSER", "x", "on", "+get");
        assertEquals(
                "-ERR Error in ACL SETUSER modifier 'foo': Syntax error",
                kv.call("ACL", "SETUSER", "x", "+set", "foo"));
        assertEquals(
                "-ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL",
                kv.call("ACL", "SETUSER", "x", "+nosuch"));
        assertEquals(
                "-ERR Error in ACL SETUSER modifier '+@nosuch': Unknown command or category name in ACL",
                kv.call("ACL", "SETUSER", "x", "+@nosuch"));
        assertEquals(
                "-ERR Error in ACL SETUSER modifier '%X~b': Syntax error",
                kv.call("ACL", "SETUSER", "x", "~a", "%X~b"));
        assertEquals(
                "-ERR Unmatched parenthesis in acl selector starting at '(~a'.", kv.call("ACL", "SETUSER", "x", "(~a"));
        assertEquals(
                "-ERR Error in ACL SETUSER modifier '!abc': The password hash must be exactly 64 characters and contain "
                        + "only lowercase hexadecimal characters",
                kv.call("ACL", "SETUSER", "x", "!abc"));
        assertEquals(
                "-ERR Error in ACL SETUSER modifier '<nopw': The password you are trying to remove from the user does not "
                        + "exist",
                kv.call("ACL", "SETUSER", "x", "<nopw"));
        assertEquals(
                "-ERR Error in ACL SETUSER modifier '~b': Adding a pattern after the * pattern (or the 'allkeys' flag) is "
                        + "not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns",
                kv.call("ACL", "SETUSER", "x", "allkeys", "~b"));
        assertEquals(
                "$user x on resetchannels -@all +get",
                kv.call("ACL", "LIST").split(", ")[1].replace("]", ""));
        assertEquals("-ERR The 'default' user cannot be removed", kv.call("ACL", "DELUSER", "default"));
        assertEquals(":1", kv.call("ACL", "DELUSER", "nobody", "x"));
    }

    @Test
    void jedisAuthenticatesAsAUserAndGetsNopermOutsideItsRules() {
        kv.call("ACL", "SETUSER", "app", "on", ">secret", "~app:*", "+@read", "+@write", "-flushall", "+ping");
        InetSocketAddress a = kv.address();
        try (redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .clientConfig(DefaultJedisClientConfig.builder()
                        .user("app")
                        .password("secret")
                        .build())
                .build()) {
            assertEquals("OK", jedis.set("app:1", "v"));
            assertEquals("v", jedis.get("app:1"));
            JedisDataException key = assertThrows(JedisDataException.class, () -> jedis.get("other"));
            assertEquals("NOPERM No permissions to access a key", key.getMessage());
            JedisDataException cmd = assertThrows(JedisDataException.class, jedis::flushAll);
            assertEquals("NOPERM User app has no permissions to run the 'flushall' command", cmd.getMessage());
        }
        try (redis.clients.jedis.Jedis admin = new redis.clients.jedis.Jedis(a.getHostString(), a.getPort())) {
            // Jedis parses our ACL GETUSER and ACL LOG shapes into its own types
            var user = admin.aclGetUser("app");
            assertEquals(List.of("on"), user.getFlags());
            assertEquals("~app:*", user.getKeys());
            var entries = admin.aclLog();
            // newest first; Jedis' CLIENT SETINFO at connect was refused too (app has no +client), as on Redis
            assertEquals(
                    List.of("command:flushall", "key:other", "command:client|setinfo"),
                    entries.stream()
                            .map(x -> x.getReason() + ":" + x.getObject())
                            .toList());
            assertEquals("toplevel", entries.get(0).getContext());
            assertEquals("app", entries.get(0).getUsername());
            assertEquals(1L, entries.get(0).getCount());
        }
        try (redis.clients.jedis.RedisClient wrong = redis.clients.jedis.RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .clientConfig(DefaultJedisClientConfig.builder()
                        .user("app")
                        .password("nope")
                        .build())
                .build()) {
            JedisAccessControlException e = assertThrows(JedisAccessControlException.class, () -> wrong.get("app:1"));
            assertTrue(
                    e.getMessage().contains("WRONGPASS invalid username-password pair or user is disabled."),
                    e.getMessage());
        }
    }

    @Test
    void lettuceHelloAuthAsAUserWithReadOnlyKeys() {
        kv.call("ACL", "SETUSER", "reader", "on", ">pw", "%R~ro:*", "~rw:*", "+@all");
        kv.call("SET", "ro:1", "x");
        InetSocketAddress a = kv.address();
        RedisClient client = RedisClient.create(RedisURI.builder()
                .withHost(a.getHostString())
                .withPort(a.getPort())
                .withAuthentication("reader", "pw".toCharArray())
                .build());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertEquals("reader", c.sync().aclWhoami());
            assertEquals("x", c.sync().get("ro:1"));
            assertEquals("OK", c.sync().set("rw:1", "y"));
            RedisCommandExecutionException e = assertThrows(
                    RedisCommandExecutionException.class, () -> c.sync().set("ro:1", "z"));
            assertEquals("NOPERM No permissions to access a key", e.getMessage());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        assertEquals("$x", kv.call("GET", "ro:1"));
    }

    @Test
    void channelsArePermittedByPatternAndPsubscribeNeedsTheSamePattern() {
        kv.call("ACL", "SETUSER", "sub", "on", ">pw", "&news.*", "+@all", "allkeys");
        try (RawResp c = as("sub", "pw")) {
            assertEquals(":0", c.call("PUBLISH", "news.a", "m"));
            assertEquals("-NOPERM No permissions to access a channel", c.call("PUBLISH", "sports", "m"));
            assertEquals("-NOPERM No permissions to access a channel", c.call("SUBSCRIBE", "news.a", "sports"));
            assertEquals("-NOPERM No permissions to access a channel", c.call("PSUBSCRIBE", "news.a*"));
            assertEquals("*[$psubscribe, $news.*, :1]", c.call("PSUBSCRIBE", "news.*"));
            assertEquals("+OK", kv.call("ACL", "SETUSER", "sub", "&more"));
            assertEquals("*[$pong, $]", c.call("PING"));
            // revoking what a subscriber listens to closes its connection, as Redis does
            assertEquals("+OK", kv.call("ACL", "SETUSER", "sub", "resetchannels", "&other"));
            assertThrows(RuntimeException.class, () -> c.call("PING"));
        }
    }

    @Test
    void multiRefusesAtQueueTimeAndExecRechecksChangedRules() {
        kv.call("ACL", "SETUSER", "tx", "on", ">pw", "~*", "-@all", "+multi", "+exec", "+get", "+set");
        try (RawResp c = as("tx", "pw")) {
            assertEquals("+OK", c.call("MULTI"));
            assertEquals("-NOPERM User tx has no permissions to run the 'incr' command", c.call("INCR", "n"));
            assertEquals("+QUEUED", c.call("SET", "n", "1"));
            assertEquals("-EXECABORT Transaction discarded because of previous errors.", c.call("EXEC"));
            assertEquals("$-1", kv.call("GET", "n"));

            assertEquals("+OK", c.call("MULTI"));
            assertEquals("+QUEUED", c.call("SET", "n", "1"));
            assertEquals("+QUEUED", c.call("GET", "n"));
            kv.call("ACL", "SETUSER", "tx", "-get");
            assertEquals(
                    "*[+OK, -NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC "
                            + "call. This command is no longer allowed for the following reason: no permission to execute the command "
                            + "or subcommand]",
                    c.call("EXEC"));
        }
        assertEquals(
                "*[:1, $reason, $command, $context, $multi, $object, $get]", entryFields(kv.call("ACL", "LOG", "1")));
    }

    @Test
    void scriptCallsRunAsTheCallersUser() {
        kv.call("ACL", "SETUSER", "lua", "on", ">pw", "~ok:*", "-@all", "+eval", "+get");
        try (RawResp c = as("lua", "pw")) {
            assertEquals("$-1", c.call("EVAL", "return redis.call('get', KEYS[1])", "1", "ok:1"));
            assertTrue(
                    c.call("EVAL", "return redis.call('get', 'no')", "0")
                            .startsWith("-NOPERM No permissions to access a key script: "),
                    "key refusal raised from the script");
            assertEquals(
                    "-NOPERM User lua has no permissions to run the 'flushdb' command",
                    c.call("EVAL", "return redis.pcall('flushdb')", "0"));
            assertEquals("-NOPERM No permissions to access a key", c.call("EVAL", "return 1", "1", "other"));
        }
        kv.call(
                "FUNCTION",
                "LOAD",
                "REPLACE",
                "#!lua name=acllib\nredis.register_function('peek', function(keys) "
                        + "return redis.call('get', keys[1]) end)");
        kv.call("ACL", "SETUSER", "lua", "+fcall");
        try (RawResp c = as("lua", "pw")) {
            assertEquals("$-1", c.call("FCALL", "peek", "1", "ok:2"));
            assertEquals("-NOPERM No permissions to access a key", c.call("FCALL", "peek", "1", "no"));
        }
        String log = kv.call("ACL", "LOG");
        assertTrue(log.contains("$reason, $command, $context, $lua, $object, $flushdb, $username, $lua"), log);
        assertTrue(log.contains("$reason, $key, $context, $lua, $object, $no, $username, $lua"), log);
    }

    @Test
    void aclLogGroupsRepeatsAndAgesOnTheInstanceClock() {
        kv.call("ACL", "SETUSER", "l", "on", ">pw", "-@all", "+get", "~a");
        try (RawResp c = as("l", "pw")) {
            long start = CLOCK.millis();
            c.call("GET", "b");
            CLOCK.advance(Duration.ofMillis(1500));
            c.call("GET", "b");
            CLOCK.advance(Duration.ofMillis(250));
            assertEquals("-WRONGPASS invalid username-password pair or user is disabled.", c.call("AUTH", "l", "bad"));
            String log = kv.call("ACL", "LOG");
            assertTrue(
                    log.startsWith(
                            "*[*[$count, :1, $reason, $auth, $context, $toplevel, $object, $AUTH, $username, $l, "
                                    + "$age-seconds, $0, $client-info, $id="),
                    log);
            assertTrue(
                    log.contains("*[$count, :2, $reason, $key, $context, $toplevel, $object, $b, $username, $l, "
                            + "$age-seconds, $0.25, $client-info, $id="),
                    log);
            assertTrue(log.contains(" user=l "), log);
            assertTrue(
                    log.contains(
                            "$timestamp-created, :" + start + ", $timestamp-last-updated, :" + (start + 1500) + "]"),
                    log);
            assertEquals("-ERR value is not an integer or out of range", kv.call("ACL", "LOG", "x"));
            assertEquals("+OK", kv.call("ACL", "LOG", "RESET"));
            assertEquals("*[]", kv.call("ACL", "LOG"));
        }
    }

    @Test
    void dryrunAnswersWithoutRunning() {
        kv.call(
                "ACL",
                "SETUSER",
                "d",
                "on",
                ">pw",
                "~cached:*",
                "-@all",
                "+get",
                "+set",
                "+publish",
                "&ch:*",
                "%R~ro:*");
        assertEquals("+OK", kv.call("ACL", "DRYRUN", "d", "get", "cached:1"));
        assertEquals("$User d has no permissions to access the 'x' key", kv.call("ACL", "DRYRUN", "d", "get", "x"));
        assertEquals(
                "$User d has no permissions to run the 'flushdb' command", kv.call("ACL", "DRYRUN", "d", "flushdb"));
        assertEquals(
                "$User d has no permissions to access the 'x' channel",
                kv.call("ACL", "DRYRUN", "d", "publish", "x", "m"));
        assertEquals(
                "$User d has no permissions to access the 'ro:1' key",
                kv.call("ACL", "DRYRUN", "d", "set", "ro:1", "v"));
        assertEquals("-ERR User 'nobody' not found", kv.call("ACL", "DRYRUN", "nobody", "get", "x"));
        assertEquals("-ERR Command 'nosuch' not found", kv.call("ACL", "DRYRUN", "d", "nosuch", "x"));
        assertEquals("-ERR wrong number of arguments for 'get' command", kv.call("ACL", "DRYRUN", "d", "get"));
        assertEquals("*[]", kv.call("ACL", "LOG"));
    }

    @Test
    void requirepassIsTheDefaultUsersPassword() {
        assertEquals(
                "-ERR AUTH <password> called without any password configured for the default user. Are you sure your "
                        + "configuration is correct?",
                kv.call("AUTH", "x"));
        assertEquals("+OK", kv.call("CONFIG", "SET", "requirepass", "pw"));
        try {
            assertEquals(
                    "$user default on #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 ~* &* +@all",
                    kv.call("ACL", "LIST").replace("*[", "").replace("]", ""));
            try (RawResp c = new RawResp(kv.address())) {
                assertEquals("-NOAUTH Authentication required.", c.call("GET", "k"));
                assertEquals("+OK", c.call("AUTH", "pw"));
                assertEquals("$default", c.call("ACL", "WHOAMI"));
            }
        } finally {
            kv.call("CONFIG", "SET", "requirepass", "");
        }
        assertEquals("*[$user default on nopass ~* &* +@all]", kv.call("ACL", "LIST"));
    }

    @Test
    void deletingAUserDisconnectsItsConnectionsAndClientInfoNamesTheUser() {
        kv.call("ACL", "SETUSER", "gone", "on", "nopass", "+@all", "~*", "&*");
        RawResp c = as("gone", "anything");
        assertTrue(c.call("CLIENT", "INFO").contains(" user=gone "));
        assertTrue(c.call("HELLO", "3", "AUTH", "gone", "x", "SETNAME", "n").startsWith("%[$server, $redis, $version"));
        assertEquals(":1", kv.call("ACL", "DELUSER", "gone"));
        assertThrows(RuntimeException.class, () -> c.call("PING"));
        c.close();
        assertEquals(
                "-WRONGPASS invalid username-password pair or user is disabled.",
                kv.call("HELLO", "3", "AUTH", "gone", "x"));
    }

    @Test
    void aclCatGenpassAndTheAclFileAnswers() {
        String cats = kv.call("ACL", "CAT");
        assertEquals(
                "*[$keyspace, $read, $write, $set, $sortedset, $list, $hash, $string, $bitmap, $hyperloglog, $geo, $stream, "
                        + "$pubsub, $admin, $fast, $slow, $blocking, $dangerous, $connection, $transaction, $scripting]",
                cats);
        assertTrue(kv.call("ACL", "CAT", "dangerous").contains("$flushall"));
        assertTrue(kv.call("ACL", "CAT", "admin").contains("$config|set"));
        String slow = kv.call("ACL", "CAT", "SLOW");
        assertTrue(
                slow.contains("$config, ") && slow.contains("$config|set"), "containers are @slow themselves: " + slow);
        assertTrue(!kv.call("ACL", "CAT", "string").contains("$config"), "string commands only");
        assertEquals("-ERR Unknown category 'nosuch'", kv.call("ACL", "CAT", "nosuch"));
        assertEquals(65, kv.call("ACL", "GENPASS").length());
        assertEquals(3, kv.call("ACL", "GENPASS", "5").length());
        assertEquals(
                "-ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096",
                kv.call("ACL", "GENPASS", "0"));
        String noFile =
                "-ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the "
                        + "ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in "
                        + "order to store users in the Redis configuration.";
        assertEquals(noFile, kv.call("ACL", "LOAD"));
        assertEquals(noFile, kv.call("ACL", "SAVE"));
    }

    @Test
    void selectorsAllowWhatTheRootSelectorDoesNot() {
        kv.call("ACL", "SETUSER", "s", "on", ">pw", "-@all", "+get", "~a:*", "(+set ~b:*)");
        try (RawResp c = as("s", "pw")) {
            assertEquals("$-1", c.call("GET", "a:1"));
            assertEquals("+OK", c.call("SET", "b:1", "v"));
            assertEquals("-NOPERM No permissions to access a key", c.call("SET", "a:1", "v"));
            assertEquals("-NOPERM No permissions to access a key", c.call("GET", "b:1"));
            assertEquals("+OK", kv.call("ACL", "SETUSER", "s", "clearselectors"));
            assertEquals("-NOPERM User s has no permissions to run the 'set' command", c.call("SET", "b:1", "v"));
        }
    }

    @Test
    void patternsMergeFirstArgumentsAndResetAsRedisDoes() {
        assertEquals("+OK", kv.call("ACL", "SETUSER", "m", "%R~a*", "%W~a*", "~", "&", "+select|0"));
        assertEquals(
                "*[$flags, *[$off], $passwords, *[], $commands, $-@all +select|0, $keys, $~a* ~, $channels, $&, "
                        + "$selectors, *[]]",
                kv.call("ACL", "GETUSER", "m"));
        assertEquals(
                "-ERR Error in ACL SETUSER modifier '-select|0': Unknown command or category name in ACL",
                kv.call("ACL", "SETUSER", "m", "-select|0"));
        assertEquals(
                "-ERR Error in ACL SETUSER modifier '+config|get|foo': Allowing first-arg of a subcommand is not supported",
                kv.call("ACL", "SETUSER", "m", "+config|get|foo"));
        assertEquals(
                "-ERR Usernames can't contain spaces or null characters", kv.call("ACL", "SETUSER", "we ird", "on"));
        assertEquals("+OK", kv.call("ACL", "SETUSER", "m", "on", "nopass", "reset"));
        assertEquals(
                "$user m off sanitize-payload resetchannels -@all",
                kv.call("ACL", "LIST").split(", ")[1].replace("]", ""));
        kv.call("ACL", "SETUSER", "m", "on", "nopass", "~*");
        try (RawResp c = as("m", "x")) {
            assertEquals("-NOPERM User m has no permissions to run the 'select' command", c.call("SELECT", "1"));
            assertEquals("+OK", kv.call("ACL", "SETUSER", "m", "+select|0"));
            assertEquals("+OK", c.call("SELECT", "0"));
            assertEquals("-NOPERM User m has no permissions to run the 'select' command", c.call("SELECT", "1"));
        }
        assertEquals("*[]", kv.call("ACL", "LOG", "-1"));
    }

    @Test
    void keyPermissionsFollowEachKeysSpecFlagsAsRedisChecksThem() {
        kv.call("ACL", "SETUSER", "u", "on", ">pw", "%R~src*", "%W~dst*", "~both*", "+@all");
        kv.call("RPUSH", "src1", "a", "b");
        kv.call("SADD", "srcs", "a");
        kv.call("SET", "srcstr", "x");
        kv.call("GEOADD", "srcgeo", "13.36", "38.11", "p");
        kv.call("XADD", "srcx", "1-1", "f", "v");
        kv.call("XGROUP", "CREATE", "srcx", "g", "0");
        String denied = "-NOPERM No permissions to access a key";
        try (RawResp c = as("u", "pw")) {
            // source keys are read (access), destinations written (insert/update): %R~ and %W~ are enough
            assertEquals(":1", c.call("COPY", "srcstr", "dst1"));
            assertEquals(denied, c.call("COPY", "dst1", "srcstr"));
            assertEquals(":2", c.call("SORT", "src1", "ALPHA", "STORE", "dsts2"));
            assertEquals(":1", c.call("GEORADIUS", "srcgeo", "15", "37", "200", "km", "STORE", "dstg"));
            assertEquals(":1", c.call("SUNIONSTORE", "dstu", "srcs"));
            assertEquals(denied, c.call("SUNIONSTORE", "srcu", "srcs"));
            assertEquals(":1", c.call("BITOP", "AND", "dstb", "srcstr"));
            assertEquals(
                    "*[*[$srcx, *[*[$1-1, *[$f, $v]]]]]",
                    c.call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "srcx", ">"));
            // a popped source is read and written, so read-only or write-only patterns do not cover it
            assertEquals(denied, c.call("LMOVE", "src1", "dst2", "LEFT", "RIGHT"));
            assertEquals(denied, c.call("SMOVE", "srcs", "dsts", "a"));
            assertEquals(denied, c.call("RENAME", "srcstr", "dstr"));
            assertEquals("-ERR no such key", c.call("RENAME", "both1", "dst9"));
            assertEquals(denied, c.call("INCR", "dstn"));
            assertEquals(denied, c.call("INCR", "srcn"));
            assertEquals(":1", c.call("INCR", "both2"));
            // SET only writes, unless GET reads the old value too; keys neither read nor written need a matching
            // pattern only
            assertEquals("+OK", c.call("SET", "dst3", "v"));
            assertEquals(denied, c.call("SET", "dst3", "v", "GET"));
            assertEquals(denied, c.call("GET", "dst3"));
            assertEquals("+string", c.call("TYPE", "dst3"));
            assertEquals(":0", c.call("EXISTS", "dstzz", "srczz"));
            assertEquals(":-1", c.call("TTL", "srcstr"));
            assertEquals(denied, c.call("DEL", "srczz"));
            assertEquals("-NOPERM No permissions to access a channel", c.call("SPUBLISH", "anything", "m"));
        }
        assertEquals("$x", kv.call("GET", "srcstr"));
        assertEquals("*[$a, $b]", kv.call("LRANGE", "src1", "0", "-1"));
        assertEquals("+OK", kv.call("ACL", "DRYRUN", "u", "COPY", "srcstr", "dst1"));
        assertEquals(
                "$User u has no permissions to access the 'dst1' key",
                kv.call("ACL", "DRYRUN", "u", "COPY", "dst1", "srcstr"));
        assertEquals(
                "$User u has no permissions to access the 'dstn' key", kv.call("ACL", "DRYRUN", "u", "INCR", "dstn"));
        assertEquals(
                "$User u has no permissions to access the 'dst3' key",
                kv.call("ACL", "DRYRUN", "u", "SET", "dst3", "v", "GET"));
        assertEquals("+OK", kv.call("ACL", "DRYRUN", "u", "EXISTS", "dstzz"));
    }

    @Test
    void jedisAsAUserWithReadAndWritePatternsCopiesButCannotReadTheCopyBack() {
        kv.call("ACL", "SETUSER", "writer", "on", ">pw", "%R~in:*", "%W~out:*", "+@all");
        kv.call("SET", "in:1", "v");
        InetSocketAddress a = kv.address();
        try (redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .clientConfig(DefaultJedisClientConfig.builder()
                        .user("writer")
                        .password("pw")
                        .build())
                .build()) {
            assertTrue(jedis.copy("in:1", "out:1", false));
            assertEquals(
                    "NOPERM No permissions to access a key",
                    assertThrows(JedisDataException.class, () -> jedis.get("out:1"))
                            .getMessage());
            // GETDEL reads and deletes: a read-only pattern does not cover it
            assertEquals(
                    "NOPERM No permissions to access a key",
                    assertThrows(JedisDataException.class, () -> jedis.getDel("in:1"))
                            .getMessage());
        }
        assertEquals("$v", kv.call("GET", "out:1"));
        assertEquals("$v", kv.call("GET", "in:1"));
    }

    /** The count, reason, context and object of the one entry of an ACL LOG 1 reply. */
    private static String entryFields(String log) {
        String[] f = log.substring(3).split(", ");
        return "*[" + f[1] + ", " + f[2] + ", " + f[3] + ", " + f[4] + ", " + f[5] + ", " + f[6] + ", " + f[7] + "]";
    }
}
