package dev.minicloud.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.spi.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static final List<OptionSpec> OPTIONS = withServiceOption();

    private static List<OptionSpec> withServiceOption() {
        List<OptionSpec> o = new ArrayList<>(CommandLine.CORE_OPTIONS);
        o.add(new OptionSpec("s3-auth", "lenient", "signature checking"));
        return o;
    }

    private static CommandLine parse(Map<String, String> env, Map<String, String> props, String... args) {
        return CommandLine.parse(args, OPTIONS, env::get, props::get);
    }

    @Test
    void flagBeatsSystemPropertyBeatsEnvironment() {
        Map<String, String> env = Map.of("MINICLOUD_EDGE_PORT", "1111", "MINICLOUD_KV_PORT", "2222", "MINICLOUD_DNS_PORT", "3333");
        Map<String, String> props = Map.of("minicloud.edge-port", "4444", "minicloud.kv-port", "5555");
        CommandLine cli = parse(env, props, "--edge-port", "7777");
        assertEquals(7777, cli.port("edge-port", 4566));
        assertEquals(5555, cli.port("kv-port", 6379));
        assertEquals(3333, cli.port("dns-port", 10053));
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        CommandLine cli = parse(Map.of(), Map.of());
        assertEquals(4566, cli.port("edge-port", 4566));
        assertEquals(null, cli.get("services"));
    }

    @Test
    void equalsFormAndServiceSettingsArePassedThrough() {
        CommandLine cli = parse(Map.of("MINICLOUD_S3_AUTH", "strict"), Map.of(), "--region=eu-west-1", "--services", "s3,kv");
        assertEquals("eu-west-1", cli.get("region"));
        assertEquals("s3,kv", cli.get("services"));
        assertEquals(Map.of("s3-auth", "strict"), cli.serviceSettings());
    }

    @Test
    void badInputIsRejectedWithTheFlagNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), Map.of(), "--nope", "1"));
        assertTrue(unknown.getMessage().contains("--nope"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), Map.of(), "--edge-port"));
        assertTrue(missing.getMessage().contains("--edge-port"));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), Map.of(), "--kv-port", "70000").port("kv-port", 6379));
        assertTrue(port.getMessage().contains("--kv-port: 70000"));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String usage = CommandLine.usage(OPTIONS);
        for (OptionSpec o : OPTIONS) {
            assertTrue(usage.contains("--" + o.name()), o.name());
        }
        assertTrue(usage.contains("MINICLOUD_EDGE_PORT"));
        assertTrue(usage.contains("(default: 4566)"));
    }
}
