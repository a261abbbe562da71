package dev.minicloud.kv.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parameter table is consistent: unique names, defaults its own checks accept, honoured rows bound. */
class RedisConfigTableTest {

    @Test
    void everyNameAndAliasIsUniqueAndFoundInAnyCase() {
        Set<String> seen = new HashSet<>();
        for (ConfigParam p : RedisConfigTable.ALL) {
            assertEquals(true, seen.add(p.name()), "twice: " + p.name());
            assertSame(p, RedisConfigTable.find(p.name().toUpperCase(Locale.ROOT)));
            if (p.alias() != null) {
                assertEquals(true, seen.add(p.alias()), "twice: " + p.alias());
                assertSame(p, RedisConfigTable.find(p.alias()));
            }
        }
        assertEquals(null, RedisConfigTable.find("xyz"));
    }

    @Test
    void everyDefaultPassesItsOwnCheckUnchanged() {
        for (ConfigParam p : RedisConfigTable.ALL) {
            if (p.kind() != ConfigParam.Kind.SPECIAL) {
                assertEquals(p.defaultValue(), p.check(p.defaultValue()), p.name());
            }
        }
    }

    @Test
    void aFreshConfigListsRedis74sTwoHundredAndTwoVisibleNames() {
        KvConfig config = new KvConfig();
        Map<String, String> all = config.get(List.of("*"));
        assertEquals(202, all.size(), "redis-server 7.4's CONFIG GET * without a config file");
        for (ConfigParam p : RedisConfigTable.ALL) {
            if (!p.hidden()) {
                assertNotNull(all.get(p.name()), p.name());
            }
        }
    }

    @Test
    void checksUseRedisStrictIntegerAndMemoryRules() {
        ConfigParam timeout = RedisConfigTable.find("timeout");
        assertEquals("5", timeout.check("5"));
        for (String bad : List.of("+5", "05", " 5", "5 ", "", "1.5")) {
            assertThrows(ConfigParam.BadValue.class, () -> timeout.check(bad), bad);
        }
        ConfigParam value = RedisConfigTable.find("hash-max-ziplist-value");
        assertEquals("1024", value.check("1kb"));
        assertEquals("1000", value.check("1k"));
        assertThrows(ConfigParam.BadValue.class, () -> value.check("-1"));
        assertEquals("700", RedisConfigTable.find("unixsocketperm").check("700"));
    }
}
