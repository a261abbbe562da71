package dev.minicloud.kv.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.kv.internal.command.Commands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every command we serve declares the key-spec flags real Redis 7 gives it (COMMAND output captured
 * from redis-server): ACL key permissions read them, so a wrong flag is a wrong NOPERM.
 */
class KeySpecFlagsTest {
    @Test
    void everySharedCommandHasRedisKeySpecFlags() throws IOException {
        Map<String, String> redis = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("redis-7.0-key-spec-flags.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#")) {
                    String[] f = line.split("\t", -1);
                    redis.put(f[0], f[1]);
                }
            }
        }
        CommandTable table = Commands.standard();
        List<CommandSpec> all = new ArrayList<>();
        for (CommandSpec s : table.all()) {
            all.add(s);
            all.addAll(s.subcommands().values());
        }
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (CommandSpec s : all) {
            List<String> ours = new ArrayList<>();
            for (KeySpec k : s.keySpecs()) {
                ours.add(String.join(" ", k.flags()));
            }
            String expected = redis.get(s.fullName());
            if (expected == null) {
                if (!ours.isEmpty()
                        && !s.fullName().startsWith("h")) { // hash field expiry (7.4) is newer than the capture
                    wrong.add(s.fullName() + ": want no keys, got " + ours);
                }
                continue;
            }
            compared++;
            if (!String.join(";", ours).equals(expected)) {
                wrong.add(s.fullName() + ": want " + expected + " got " + String.join(";", ours));
            }
        }
        assertTrue(compared > 150, "compared " + compared);
        assertEquals(List.of(), wrong, String.join("\n", wrong));
    }
}
