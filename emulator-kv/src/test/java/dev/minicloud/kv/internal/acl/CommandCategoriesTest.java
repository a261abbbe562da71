package dev.minicloud.kv.internal.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.kv.internal.command.Commands;
import dev.minicloud.kv.internal.engine.CommandSpec;
import dev.minicloud.kv.internal.engine.CommandTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every command we serve has the ACL categories real Redis 7 gives it (COMMAND output captured from redis-server). */
class CommandCategoriesTest {
    @Test
    void everySharedCommandHasRedisCategories() throws IOException {
        Map<String, String> redis = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("redis-7.0-command-categories.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#")) {
                    String[] f = line.split("\t", -1);
                    redis.put(f[0], f[2]);
                }
            }
        }
        CommandTable table = Commands.standard();
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        List<CommandSpec> all = new ArrayList<>();
        for (CommandSpec s : table.all()) {
            all.add(s);
            all.addAll(s.subcommands().values());
        }
        for (CommandSpec s : all) {
            String expected = redis.get(s.fullName());
            if (expected == null) {
                continue;
            }
            compared++;
            List<String> want = new ArrayList<>();
            for (String w : expected.split(" ")) {
                want.add("@" + w);
            }
            List<String> got = s.aclCategories();
            if (!new HashSet<>(want).equals(new HashSet<>(got))) {
                wrong.add(s.fullName() + " [" + String.join(" ", s.flagNames()) + "]: want " + want + " got " + got);
            }
        }
        assertTrue(compared > 250, "compared " + compared);
        assertEquals(List.of(), wrong);
    }
}
