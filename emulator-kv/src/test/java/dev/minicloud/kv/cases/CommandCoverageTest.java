package dev.minicloud.kv.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.kv.cases.CaseFile.Send;
import dev.minicloud.kv.internal.command.Commands;
import dev.minicloud.kv.internal.engine.CommandSpec;
import dev.minicloud.kv.internal.engine.CommandTable;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every command the table registers, and every subcommand of a container command
 * ({@code CLIENT}, {@code CONFIG}, {@code XGROUP}, ...), is sent by at least one case in
 * {@code kv-cases/}. A new row without a case fails here, naming it.
 */
class CommandCoverageTest {
    @Test
    void everyRegisteredCommandHasACase() {
        CommandTable table = Commands.standard();
        Set<String> sent = sentCommands(table);
        Set<String> missing = new TreeSet<>();
        for (CommandSpec spec : table.all()) {
            if (!sent.contains(spec.fullName())) {
                missing.add(spec.fullName());
            }
            for (CommandSpec sub : spec.subcommands().values()) {
                if (!sent.contains(sub.fullName())) {
                    missing.add(sub.fullName());
                }
            }
        }
        assertEquals(List.of(), List.copyOf(missing), "commands with no case in kv-cases/");
    }

    /** {@code get}, and {@code client|id} for a container's subcommand, for every command a case sends. */
    private static Set<String> sentCommands(CommandTable table) {
        Set<String> out = new HashSet<>();
        for (CaseFile f : CaseFiles.all()) {
            for (CaseFile.Case c : f.cases()) {
                for (CaseFile.Step step : c.steps()) {
                    if (step instanceof Send s && s.args() != null) {
                        String name = lower(s.args().get(0));
                        out.add(name);
                        CommandSpec spec = table.lookup(name);
                        if (spec != null
                                && !spec.subcommands().isEmpty()
                                && s.args().size() > 1) {
                            out.add(name + "|" + lower(s.args().get(1)));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String lower(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
