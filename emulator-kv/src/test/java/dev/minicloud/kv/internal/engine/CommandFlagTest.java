package dev.minicloud.kv.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandFlagTest {
    @Test
    void rowFlagsParseToTheBitsCommandInfoListsInRedisOrder() {
        int mask = CommandFlag.parse(" fast  write denyoom ");
        assertEquals(CommandFlag.WRITE.bit() | CommandFlag.DENYOOM.bit() | CommandFlag.FAST.bit(), mask);
        assertEquals(List.of("write", "denyoom", "fast"), CommandFlag.listedNames(mask));
    }

    @Test
    void ourOwnFlagsAreParsedButNotListed() {
        int mask = CommandFlag.parse("tx subscriber loading");
        CommandSpec spec = new CommandSpec("x", null, 1, mask, 0, 0, 0, "server", "", c -> {});
        assertTrue(spec.has(CommandFlag.TX_CONTROL) && spec.has(CommandFlag.SUBSCRIBER_OK));
        assertEquals(List.of("loading"), spec.flagNames());
    }

    @Test
    void anUnknownFlagNamesItself() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CommandFlag.parse("write sometimes"));
        assertTrue(e.getMessage().startsWith("flag: sometimes (expected: one of "), e.getMessage());
    }

    @Test
    void everyFlagHasItsOwnBit() {
        int all = 0;
        for (CommandFlag f : CommandFlag.values()) {
            assertEquals(0, all & f.bit(), f.name());
            all |= f.bit();
        }
    }
}
