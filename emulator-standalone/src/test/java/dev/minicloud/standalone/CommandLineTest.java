package dev.minicloud.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloudConfig;
import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ValueParsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    /** Options as service providers declare them, independent of which providers are on the class path. */
    private static final OptionSpec<Integer> KV_PORT =
            OptionSpec.of("kv-port", ValueParsers.port(), 0, "RESP port").withStandaloneDefault(6379);

    private static final OptionSpec<Integer> DNS_PORT =
            OptionSpec.of("dns-port", ValueParsers.port(), 0, "DNS port").withStandaloneDefault(10053);
    private static final OptionSpec<AuthMode> S3_AUTH =
            OptionSpec.of("s3-auth", ValueParsers.enumOf(AuthMode.class), AuthMode.LENIENT, "signature checking");
    private static final List<OptionSpec<?>> SERVICE_OPTIONS = List.of(KV_PORT, DNS_PORT, S3_AUTH);
    private static final List<OptionSpec<?>> OPTIONS = withServiceOptions();

    private static List<OptionSpec<?>> withServiceOptions() {
        List<OptionSpec<?>> o = new ArrayList<>(CommandLine.CORE_OPTIONS);
        o.addAll(SERVICE_OPTIONS);
        return o;
    }

    private static CommandLine parse(Map<String, String> env, Map<String, String> props, String... args) {
        return CommandLine.parse(args, OPTIONS, env::get, props::get);
    }

    @Test
    void flagBeatsSystemPropertyBeatsEnvironment() {
        Map<String, String> env =
                Map.of("MINICLOUD_EDGE_PORT", "1111", "MINICLOUD_KV_PORT", "2222", "MINICLOUD_DNS_PORT", "3333");
        Map<String, String> props = Map.of("minicloud.edge-port", "4444", "minicloud.kv-port", "5555");
        CommandLine cli = parse(env, props, "--edge-port", "7777");
        assertEquals(7777, cli.value(CommandLine.EDGE_PORT));
        assertEquals(5555, cli.value(KV_PORT));
        assertEquals(3333, cli.value(DNS_PORT));
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        CommandLine cli = parse(Map.of(), Map.of());
        assertEquals(4566, cli.value(CommandLine.EDGE_PORT));
        assertEquals(null, cli.value(CommandLine.SERVICES));
        assertEquals("us-east-1", cli.value(CommandLine.REGION));
    }

    @Test
    void equalsFormAndServiceSettingsArePassedThrough() {
        CommandLine cli =
                parse(Map.of("MINICLOUD_S3_AUTH", "strict"), Map.of(), "--region=eu-west-1", "--services", "s3,kv");
        assertEquals("eu-west-1", cli.get("region"));
        assertEquals("s3,kv", cli.get("services"));
        assertEquals(Map.of("s3-auth", "strict"), cli.serviceSettings());
    }

    @Test
    void serviceOptionsWithAStandaloneDefaultGetItUnlessGiven() {
        MiniCloudConfig config = Main.configure(parse(Map.of(), Map.of(), "--dns-port", "0"), SERVICE_OPTIONS)
                .build();
        assertEquals("6379", config.settings().get("kv-port"), "the well-known port, where the builder binds 0");
        assertEquals("0", config.settings().get("dns-port"), "a given flag wins");
        assertEquals(null, config.settings().get("s3-auth"), "no standalone default: the service's own applies");
        assertEquals(4566, config.edgePort());
    }

    @Test
    void badInputIsRejectedWithTheFlagNamed() {
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), Map.of(), "--nope", "1"));
        assertTrue(unknown.getMessage().contains("--nope"));
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), Map.of(), "--edge-port"));
        assertTrue(missing.getMessage().contains("--edge-port"));
        IllegalArgumentException port = assertThrows(
                IllegalArgumentException.class,
                () -> parse(Map.of(), Map.of(), "--edge-port", "70000").value(CommandLine.EDGE_PORT));
        assertEquals(
                "Bad value '70000' for setting 'edge-port': expected a port 0-65535 (0 = any free port)",
                port.getMessage());
    }

    @Test
    void helpListsEveryOptionWithItsDefaultFromTheDeclarations() {
        String usage = CommandLine.usage(OPTIONS);
        for (OptionSpec<?> o : OPTIONS) {
            assertTrue(usage.contains("--" + o.name()), o.name());
        }
        assertTrue(usage.contains("MINICLOUD_EDGE_PORT"));
        assertTrue(usage.contains("(default: 4566)"));
        assertTrue(usage.contains("RESP port (default: 6379)"), "the standalone default is the one shown: " + usage);
        assertTrue(usage.contains("signature checking (default: lenient)"), usage);
        assertTrue(usage.contains("(default: all found)"), usage);
    }
}
