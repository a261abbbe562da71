package dev.minicloud.standalone;

import dev.minicloud.spi.OptionSpec;
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

    /** Options of the launcher itself; service providers add theirs. */
    static final List<OptionSpec> CORE_OPTIONS = List.of(
            new OptionSpec("host", "127.0.0.1", "address every listener binds (0.0.0.0 only when asked)"),
            new OptionSpec("edge-port", "4566", "edge HTTP port: S3, Route 53 and /_minicloud/ admin (0 = any free port)"),
            new OptionSpec("kv-port", "6379", "RESP port of the Redis-compatible KV service (0 = any free port)"),
            new OptionSpec("dns-port", "10053", "DNS port, UDP and TCP (0 = any free port)"),
            new OptionSpec("services", "all found", "comma-separated services to run: s3,kv,dns"),
            new OptionSpec("region", "us-east-1", "default AWS region"),
            new OptionSpec("access-key", "test", "access key handed to clients (strict auth checks it)"),
            new OptionSpec("secret-key", "test", "secret key for that access key"));

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
    static CommandLine parse(String[] args, List<OptionSpec> known, Function<String, String> env,
                             Function<String, String> sysprops) {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        known.forEach(o -> byName.put(o.name(), o));
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        boolean version = false;
        for (OptionSpec o : known) {
            String fromEnv = env.apply("MINICLOUD_" + o.name().toUpperCase(Locale.ROOT).replace('-', '_'));
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

    int port(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int p = Integer.parseInt(v.trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": " + v + " (expected: a port 0-65535)", e);
        }
    }

    /** Values of options that are not the launcher's own: passed to services as settings. */
    Map<String, String> serviceSettings() {
        Map<String, String> out = new LinkedHashMap<>(values);
        CORE_OPTIONS.forEach(o -> out.remove(o.name()));
        return out;
    }

    static String usage(List<OptionSpec> options) {
        StringBuilder b = new StringBuilder();
        b.append("Usage: java -jar minicloud.jar [options]\n\n");
        b.append("Every option can also be set as an environment variable (--edge-port -> MINICLOUD_EDGE_PORT)\n");
        b.append("or a system property (-Dminicloud.edge-port). Command line wins, then -D, then the environment.\n\n");
        List<String> lines = new ArrayList<>();
        for (OptionSpec o : options) {
            lines.add(String.format("  --%-22s %s (default: %s)", o.name() + " <value>", o.description(), o.defaultValue()));
        }
        lines.add(String.format("  --%-22s %s", "help", "show this help"));
        lines.add(String.format("  --%-22s %s", "version", "print the version"));
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }
}
