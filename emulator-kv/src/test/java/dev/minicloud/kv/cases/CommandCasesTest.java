package dev.minicloud.kv.cases;

import static org.junit.jupiter.api.Assertions.fail;

import dev.minicloud.kv.cases.CaseFile.Case;
import dev.minicloud.kv.cases.CaseFile.Clock;
import dev.minicloud.kv.cases.CaseFile.Expect;
import dev.minicloud.kv.cases.CaseFile.Read;
import dev.minicloud.kv.cases.CaseFile.Send;
import dev.minicloud.kv.cases.CaseFile.Step;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code kv-cases/*.txt} (format: {@link CaseFile}) against the real RESP
 * pipeline and engine on embedded channels ({@link EmbeddedKv}): request bytes in, reply bytes
 * compared byte for byte with what Redis 7 answers. Each case gets a fresh server. The expected
 * replies come from the redis.io command pages and were checked against a real {@code redis-server}
 * with {@code scripts/kv-cases-vs-redis.py} (not part of the build). To add a case, append a
 * {@code ### title} block to the family's file; {@link CommandCoverageTest} fails until every
 * registered command has one.
 */
class CommandCasesTest {
    @TestFactory
    Stream<DynamicContainer> cases() {
        return CaseFiles.all().stream()
                .map(f -> DynamicContainer.dynamicContainer(
                        f.name(), f.cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(c)))));
    }

    private static void run(Case c) {
        try (EmbeddedKv kv = new EmbeddedKv()) {
            for (Step step : c.steps()) {
                if (step instanceof Send s) {
                    check(c, s.line(), describe(s), s.expect(), kv.send(s.connection(), s.request()));
                } else if (step instanceof Read r) {
                    check(c, r.line(), r.connection() + "<", r.expect(), kv.drain(r.connection()));
                } else if (step instanceof Clock k) {
                    kv.advance(k.by());
                }
            }
        }
    }

    private static String describe(Send s) {
        if (s.args() == null) {
            return "raw> " + CaseFile.render(s.request());
        }
        StringBuilder b = new StringBuilder(s.connection() + ">");
        for (byte[] a : s.args()) {
            b.append(' ').append(new String(a, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static void check(Case c, int line, String step, Expect expect, byte[] actual) {
        if (!expect.matches(actual)) {
            fail(c.file() + ":" + line + " " + step + "\n--- expected\n" + expect.describe() + "\n--- actual\n"
                    + CaseFile.render(actual));
        }
    }
}
