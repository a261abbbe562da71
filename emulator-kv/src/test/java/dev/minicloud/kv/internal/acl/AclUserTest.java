package dev.minicloud.kv.internal.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.kv.internal.command.Commands;
import dev.minicloud.kv.internal.engine.CommandSpec;
import dev.minicloud.kv.internal.engine.CommandTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The rule semantics of one user without a server: the hot-path flag, key access, selectors, atomic SETUSER. */
class AclUserTest {
    private static final CommandTable TABLE = Commands.standard();

    private static byte[][] args(String... a) {
        byte[][] out = new byte[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static AclDenial check(AclUser u, String... a) {
        CommandSpec spec = TABLE.lookup(a[0]);
        if (!spec.subcommands().isEmpty()) {
            spec = spec.subcommands().get(a[1].toLowerCase(Locale.ROOT));
        }
        return u.check(spec, args(a), a.length);
    }

    @Test
    void onlyTheFullRootSelectorIsUnrestricted() {
        AclUsers users = new AclUsers(TABLE);
        assertTrue(users.defaultUser().unrestricted());
        users.setUser("default", List.of("-flushall"));
        assertFalse(users.defaultUser().unrestricted());
        assertEquals(new AclDenial(AclDenial.Reason.COMMAND, 0), check(users.defaultUser(), "flushall"));
        users.setUser("default", List.of("+@all"));
        assertTrue(users.defaultUser().unrestricted());
    }

    @Test
    void readAndWritePatternsFollowEachKeysSpecFlags() {
        AclUsers users = new AclUsers(TABLE);
        AclUser u = users.setUser("u", List.of("on", "+@all", "%R~r:*", "%W~w:*"));
        assertNull(check(u, "get", "r:1"));
        assertEquals(new AclDenial(AclDenial.Reason.KEY, 1), check(u, "set", "r:1", "v"));
        assertNull(check(u, "lpush", "w:1", "v"));
        assertEquals(new AclDenial(AclDenial.Reason.KEY, 1), check(u, "get", "w:1"));
        // movable keys: numkeys, STREAMS; ZUNIONSTORE's sources are read, so a write pattern does not cover them
        assertNull(check(u, "zunionstore", "w:d", "2", "r:a", "r:b"));
        assertEquals(new AclDenial(AclDenial.Reason.KEY, 3), check(u, "zunionstore", "w:d", "2", "w:a", "x"));
        assertEquals(new AclDenial(AclDenial.Reason.KEY, 1), check(u, "zunionstore", "r:d", "1", "r:a"));
        assertNull(check(u, "xread", "COUNT", "1", "STREAMS", "r:s", "0"));
        assertEquals(new AclDenial(AclDenial.Reason.KEY, 4), check(u, "xread", "COUNT", "1", "STREAMS", "x", "0"));
    }

    @Test
    void theMostRelevantDenialAcrossSelectorsIsReported() {
        AclUsers users = new AclUsers(TABLE);
        AclUser u = users.setUser("u", AclUsers.rules(List.of("on", "-@all", "+get", "~a", "(+publish", "&c)")));
        assertNull(check(u, "get", "a"));
        assertNull(check(u, "publish", "c", "m"));
        // root: key denied; selector: command denied -> the key denial is the more relevant
        assertEquals(new AclDenial(AclDenial.Reason.KEY, 1), check(u, "get", "b"));
        assertEquals(new AclDenial(AclDenial.Reason.CHANNEL, 1), check(u, "publish", "d", "m"));
    }

    @Test
    void aRepeatedRuleReplacesItsEarlierOccurrenceAndAContainerItsSubcommands() {
        AclUsers users = new AclUsers(TABLE);
        AclUser u = users.setUser("u", List.of("+get", "+config|get", "-set", "+set", "-config", "+@hash", "-@hash"));
        assertEquals("user u off resetchannels -@all +get +set -config -@hash", u.describe());
        assertEquals(new AclDenial(AclDenial.Reason.KEY, 1), check(u, "get", "k")); // the command passes, no key does
        assertEquals(new AclDenial(AclDenial.Reason.COMMAND, 0), check(u, "config", "get", "x"));
        assertEquals(new AclDenial(AclDenial.Reason.COMMAND, 0), check(u, "hget", "h", "f"));
    }

    @Test
    void aFailingRuleLeavesTheUserAsItWas() {
        AclUsers users = new AclUsers(TABLE);
        users.setUser("u", List.of("on", "+get", ">pw"));
        AclRuleException e = assertThrows(AclRuleException.class, () -> users.setUser("u", List.of("off", "+nosuch")));
        assertEquals(
                "Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL", e.getMessage());
        assertTrue(users.user("u").enabled());
        assertTrue(users.user("u").accepts("pw".getBytes(StandardCharsets.UTF_8)));
        assertFalse(users.user("u").accepts("other".getBytes(StandardCharsets.UTF_8)));
    }
}
