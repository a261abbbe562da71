package dev.minicloud.standalone;

import dev.minicloud.MiniCloudConfig;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ValueParsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves the standalone launcher's settings: each option may be given as {@code --name value}
 * (or {@code --name=value}), as the system property {@code -Dminicloud.name}, or as the environment
 * variable {@code MINICLOUD_NAME} (dashes become underscores), in that order of precedence.
 */
final class CommandLine {

    static final OptionSpec<String> HOST =
            OptionSpec.text("host", "127.0.0.1", "address every listener binds (0.0.0.0 only when asked)");
    static final OptionSpec<Integer> EDGE_PORT = OptionSpec.of(
            "edge-port",
            ValueParsers.port(),
            4566,
            "edge HTTP port: S3, Route 53 and /_minicloud/ admin (0 = any free port)");
    static final OptionSpec<String> SERVICES = OptionSpec.text(
                    "services", null, "comma-separated services to run: s3,kv,dns")
            .withDefaultText("all found");
    static final OptionSpec<String> REGION =
            OptionSpec.text("region", MiniCloudConfig.DEFAULT_REGION, "default AWS region");
    static final OptionSpec<String> ACCESS_KEY = OptionSpec.text(
            "access-key", MiniCloudConfig.DEFAULT_ACCESS_KEY, "access key handed to clients (strict auth checks it)");
    static final OptionSpec<String> SECRET_KEY =
            OptionSpec.text("secret-key", MiniCloudConfig.DEFAULT_SECRET_KEY, "secret key for that access key");

    /** Options of the launcher itself; service providers add theirs (their ports included). */
    static final List<OptionSpec<?>> CORE_OPTIONS = List.of(HOST, EDGE_PORT, SERVICES, REGION, ACCESS_KEY, SECRET_KEY);

    private final Map<String, String> values;
    final boolean help;
    final boolean version;

    private CommandLine(Map<String, String> values, boolean help, boolean version) {
        this.values = values;
        this.help = help;
        this.version = version;
    }

    /**
     * Parses {@code args} against {@code known} options; {@code env} and {@code sysprops} are lookups
     * so tests can pass their own.
     */
    static CommandLine parse(
            String[] args, List<OptionSpec<?>> known, Function<String, String> env, Function<String, String> sysprops) {
        Map<String, OptionSpec<?>> byName = new LinkedHashMap<>();
        known.forEach(o -> byName.put(o.name(), o));
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        boolean version = false;
        for (OptionSpec<?> o : known) {
            String fromEnv =
                    env.apply("MINICLOUD_" + o.name().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (fromEnv != null && !fromEnv.isEmpty()) {
                values.put(o.name(), fromEnv);
            }
            String fromProp = sysprops.apply("minicloud." + o.name());
            if (fromProp != null && !fromProp.isEmpty()) {
                values.put(o.name(), fromProp);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
                continue;
            }
            if (a.equals("--version")) {
                version = true;
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a + " (see --help)");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value (see --help)");
                }
                value = args[++i];
            }
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            }
            values.put(name, value);
        }
        return new CommandLine(values, help, version);
    }

    String get(String name) {
        return values.get(name);
    }

    /** The typed value of an option (its default when not given); a bad value names the option. */
    <T> T value(OptionSpec<T> option) {
        return option.parse(values.get(option.name()));
    }

    /** Values of options that are not the launcher's own: passed to services as settings. */
    Map<String, String> serviceSettings() {
        Map<String, String> out = new LinkedHashMap<>(values);
        CORE_OPTIONS.forEach(o -> out.remove(o.name()));
        return out;
    }

    static String usage(List<OptionSpec<?>> options) {
        StringBuilder b = new StringBuilder();
        b.append("Usage: java -jar minicloud.jar [options]\n\n");
        b.append("Every option can also be set as an environment variable (--edge-port -> MINICLOUD_EDGE_PORT)\n");
        b.append("or a system property (-Dminicloud.edge-port). Command line wins, then -D, then the environment.\n\n");
        List<String> lines = new ArrayList<>();
        for (OptionSpec<?> o : options) {
            // The launcher's own default (a well-known port) is the one that applies here.
            String shown = o.standaloneDefault().orElse(o.defaultText());
            lines.add(String.format(
                    "  --%-22s %s%s",
                    o.name() + " <value>", o.description(), shown.isEmpty() ? "" : " (default: " + shown + ")"));
        }
        lines.add(String.format("  --%-22s %s", "help", "show this help"));
        lines.add(String.format("  --%-22s %s", "version", "print the version"));
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }
}
