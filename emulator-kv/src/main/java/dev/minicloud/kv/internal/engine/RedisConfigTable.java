package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.engine.ConfigParam.Access;
import dev.minicloud.kv.internal.engine.ConfigParam.Effect;
import dev.minicloud.kv.internal.engine.ConfigParam.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every configuration parameter of Redis 7.2/7.4 (config.c's {@code static_configs}, TLS included,
 * module and sentinel ones excluded), with its alias, type, bounds, default (a server started
 * without a config file) and whether {@code CONFIG SET} may change it; and what this server does
 * with it ({@link Effect}). {@code CONFIG GET} lists them all and {@code CONFIG SET} accepts every
 * one Redis accepts, so clients and frameworks that tune a server do not fail; only the
 * {@link #HONOURED} ones change behaviour, the rest are kept and shown.
 *
 * <p>Two parameters Redis can change at run time are fixed here, {@code port} and {@code bind}
 * (the listener is bound once): {@code CONFIG SET} answers them as immutable.
 */
final class RedisConfigTable {
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long INT_MIN = Integer.MIN_VALUE;
    private static final long UINT_MAX = 0xffffffffL;
    private static final long LONG_MAX = Long.MAX_VALUE;

    /** The parameters this server acts on. */
    static final Set<String> HONOURED = Set.of(
            "requirepass",
            "maxmemory",
            "maxmemory-policy",
            "notify-keyspace-events",
            "proto-max-bulk-len",
            "client-output-buffer-limit",
            "client-query-buffer-limit",
            "busy-reply-threshold",
            "databases",
            "port",
            "bind",
            "maxmemory-samples",
            "lfu-log-factor",
            "lfu-decay-time",
            "hash-max-listpack-entries",
            "hash-max-listpack-value",
            "list-max-listpack-size",
            "set-max-intset-entries",
            "set-max-listpack-entries",
            "set-max-listpack-value",
            "zset-max-listpack-entries",
            "zset-max-listpack-value",
            "stream-node-max-bytes",
            "stream-node-max-entries",
            "maxclients",
            "timeout",
            "slowlog-log-slower-than",
            "slowlog-max-len",
            "tracking-table-max-keys",
            "latency-tracking");
    /** HIDDEN_CONFIG: testing knobs CONFIG GET lists only when asked by their exact name. */
    private static final Set<String> HIDDEN = Set.of(
            "use-exit-on-panic",
            "aof-disable-auto-gc",
            "rdb-key-save-delay",
            "key-load-delay",
            "watchdog-period",
            "loading-process-events-interval-bytes");
    /** Modifiable in Redis, fixed here: the listener is bound once. */
    private static final Set<String> FIXED_HERE = Set.of("port", "bind");

    /** In config.c's order of kinds (bool, string, enum, numeric, special); CONFIG GET keeps it. */
    static final List<ConfigParam> ALL = build();

    private static final Map<String, ConfigParam> BY_NAME = index();

    private RedisConfigTable() {}

    /** The parameter {@code name} (or alias, any case) names, or null: Redis' lookupConfig. */
    static ConfigParam find(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    private static Map<String, ConfigParam> index() {
        Map<String, ConfigParam> m = new TreeMap<>();
        for (ConfigParam p : ALL) {
            m.put(p.name(), p);
            if (p.alias() != null) {
                m.put(p.alias(), p);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static List<ConfigParam> build() {
        List<ConfigParam> t = new ArrayList<>();
        Access mod = Access.MODIFIABLE;
        Access imm = Access.IMMUTABLE;
        Access prot = Access.PROTECTED;
        // bool configs
        bool(t, "rdbchecksum", null, imm, "yes");
        bool(t, "daemonize", null, imm, "no");
        bool(t, "io-threads-do-reads", null, imm, "no");
        bool(t, "always-show-logo", null, imm, "no");
        bool(t, "protected-mode", null, mod, "yes");
        bool(t, "rdbcompression", null, mod, "yes");
        bool(t, "rdb-del-sync-files", null, mod, "no");
        bool(t, "activerehashing", null, mod, "yes");
        bool(t, "stop-writes-on-bgsave-error", null, mod, "yes");
        bool(t, "set-proc-title", null, imm, "yes");
        bool(t, "dynamic-hz", null, mod, "yes");
        bool(t, "lazyfree-lazy-eviction", null, mod, "no");
        bool(t, "lazyfree-lazy-expire", null, mod, "no");
        bool(t, "lazyfree-lazy-server-del", null, mod, "no");
        bool(t, "lazyfree-lazy-user-del", null, mod, "no");
        bool(t, "lazyfree-lazy-user-flush", null, mod, "no");
        bool(t, "repl-disable-tcp-nodelay", null, mod, "no");
        bool(t, "repl-diskless-sync", null, mod, "yes");
        bool(t, "aof-rewrite-incremental-fsync", null, mod, "yes");
        bool(t, "no-appendfsync-on-rewrite", null, mod, "no");
        bool(t, "cluster-require-full-coverage", null, mod, "yes");
        bool(t, "rdb-save-incremental-fsync", null, mod, "yes");
        bool(t, "aof-load-truncated", null, mod, "yes");
        bool(t, "aof-use-rdb-preamble", null, mod, "yes");
        bool(t, "aof-timestamp-enabled", null, mod, "no");
        bool(t, "cluster-replica-no-failover", "cluster-slave-no-failover", mod, "no");
        bool(t, "replica-lazy-flush", "slave-lazy-flush", mod, "no");
        bool(t, "replica-serve-stale-data", "slave-serve-stale-data", mod, "yes");
        bool(t, "replica-read-only", "slave-read-only", mod, "yes");
        bool(t, "replica-ignore-maxmemory", "slave-ignore-maxmemory", mod, "yes");
        bool(t, "jemalloc-bg-thread", null, mod, "yes");
        bool(t, "activedefrag", null, mod, "no");
        bool(t, "syslog-enabled", null, imm, "no");
        bool(t, "cluster-enabled", null, imm, "no");
        bool(t, "appendonly", null, mod, "no");
        bool(t, "cluster-allow-reads-when-down", null, mod, "no");
        bool(t, "cluster-allow-pubsubshard-when-down", null, mod, "yes");
        bool(t, "crash-log-enabled", null, mod, "yes");
        bool(t, "crash-memcheck-enabled", null, mod, "yes");
        bool(t, "use-exit-on-panic", null, mod, "no");
        bool(t, "disable-thp", null, imm, "yes");
        bool(t, "cluster-allow-replica-migration", null, mod, "yes");
        bool(t, "replica-announced", null, mod, "yes");
        bool(t, "latency-tracking", null, mod, "yes");
        bool(t, "aof-disable-auto-gc", null, mod, "no");
        bool(t, "replica-ignore-disk-write-errors", null, mod, "no");
        bool(t, "hide-user-data-from-log", null, mod, "no");
        bool(t, "tls-cluster", null, mod, "no");
        bool(t, "tls-replication", null, mod, "no");
        bool(t, "tls-prefer-server-ciphers", null, mod, "no");
        bool(t, "tls-session-caching", null, mod, "yes");
        // string configs
        string(t, "aclfile", null, imm, "");
        string(t, "unixsocket", null, imm, "");
        string(t, "pidfile", null, imm, "");
        string(t, "replica-announce-ip", "slave-announce-ip", mod, "");
        string(t, "masteruser", null, mod, "");
        string(t, "cluster-announce-ip", null, mod, "");
        string(t, "cluster-config-file", null, imm, "nodes.conf");
        string(t, "cluster-announce-hostname", null, mod, "");
        string(t, "cluster-announce-human-nodename", null, mod, "");
        string(t, "syslog-ident", null, imm, "redis");
        string(t, "dbfilename", null, prot, "dump.rdb");
        string(t, "appendfilename", null, imm, "appendonly.aof");
        string(t, "appenddirname", null, imm, "appendonlydir");
        string(t, "server-cpulist", "server_cpulist", imm, "");
        string(t, "bio-cpulist", "bio_cpulist", imm, "");
        string(t, "aof-rewrite-cpulist", "aof_rewrite_cpulist", imm, "");
        string(t, "bgsave-cpulist", "bgsave_cpulist", imm, "");
        string(t, "ignore-warnings", null, mod, "");
        string(t, "proc-title-template", null, mod, "{title} {listen-addr} {server-mode}");
        string(t, "bind-source-addr", null, mod, "");
        string(t, "logfile", null, imm, "");
        string(t, "locale-collate", null, mod, "");
        string(t, "masterauth", null, mod, "");
        string(t, "requirepass", null, mod, "");
        string(t, "tls-cert-file", null, mod, "");
        string(t, "tls-key-file", null, mod, "");
        string(t, "tls-key-file-pass", null, mod, "");
        string(t, "tls-client-cert-file", null, mod, "");
        string(t, "tls-client-key-file", null, mod, "");
        string(t, "tls-client-key-file-pass", null, mod, "");
        string(t, "tls-dh-params-file", null, mod, "");
        string(t, "tls-ca-cert-file", null, mod, "");
        string(t, "tls-ca-cert-dir", null, mod, "");
        string(t, "tls-protocols", null, mod, "");
        string(t, "tls-ciphers", null, mod, "");
        string(t, "tls-ciphersuites", null, mod, "");
        // enum configs
        choice(t, "supervised", imm, "no", "upstart", "systemd", "auto", "no");
        choice(
                t,
                "syslog-facility",
                imm,
                "local0",
                "user",
                "local0",
                "local1",
                "local2",
                "local3",
                "local4",
                "local5",
                "local6",
                "local7");
        choice(t, "repl-diskless-load", mod, "disabled", "disabled", "on-empty-db", "swapdb");
        choice(t, "loglevel", mod, "notice", "debug", "verbose", "notice", "warning", "nothing");
        choice(
                t,
                "maxmemory-policy",
                mod,
                "noeviction",
                "volatile-lru",
                "volatile-lfu",
                "volatile-random",
                "volatile-ttl",
                "allkeys-lru",
                "allkeys-lfu",
                "allkeys-random",
                "noeviction");
        choice(t, "appendfsync", mod, "everysec", "everysec", "always", "no");
        choice(t, "oom-score-adj", mod, "no", "no", "yes", "relative", "absolute");
        choice(t, "acl-pubsub-default", mod, "resetchannels", "allchannels", "resetchannels");
        choice(t, "sanitize-dump-payload", mod, "no", "no", "yes", "clients");
        choice(t, "enable-protected-configs", imm, "no", "no", "yes", "local");
        choice(t, "enable-debug-command", imm, "no", "no", "yes", "local");
        choice(t, "enable-module-command", imm, "no", "no", "yes", "local");
        choice(t, "cluster-preferred-endpoint-type", mod, "ip", "ip", "hostname", "unknown-endpoint");
        choice(t, "propagation-error-behavior", mod, "ignore", "ignore", "panic", "panic-on-replicas");
        flags(t, "shutdown-on-sigint", "default", "default", "save", "nosave", "now", "force");
        flags(t, "shutdown-on-sigterm", "default", "default", "save", "nosave", "now", "force");
        choice(t, "tls-auth-clients", mod, "yes", "no", "yes", "optional");
        // integer configs
        integer(t, "databases", null, imm, 1, INT_MAX, "16");
        integer(t, "port", null, mod, 0, 65535, "6379");
        integer(t, "io-threads", null, imm, 1, 128, "1");
        integer(t, "auto-aof-rewrite-percentage", null, mod, 0, INT_MAX, "100");
        integer(t, "cluster-replica-validity-factor", "cluster-slave-validity-factor", mod, 0, INT_MAX, "10");
        integer(t, "list-max-listpack-size", "list-max-ziplist-size", mod, INT_MIN, INT_MAX, "-2");
        integer(t, "tcp-keepalive", null, mod, 0, INT_MAX, "300");
        integer(t, "cluster-migration-barrier", null, mod, 0, INT_MAX, "1");
        integer(t, "active-defrag-cycle-min", null, mod, 1, 99, "1");
        integer(t, "active-defrag-cycle-max", null, mod, 1, 99, "25");
        integer(t, "active-defrag-threshold-lower", null, mod, 0, 1000, "10");
        integer(t, "active-defrag-threshold-upper", null, mod, 0, 1000, "100");
        integer(t, "lfu-log-factor", null, mod, 0, INT_MAX, "10");
        integer(t, "lfu-decay-time", null, mod, 0, INT_MAX, "1");
        integer(t, "replica-priority", "slave-priority", mod, 0, INT_MAX, "100");
        integer(t, "repl-diskless-sync-delay", null, mod, 0, INT_MAX, "5");
        integer(t, "maxmemory-samples", null, mod, 1, INT_MAX, "5");
        integer(t, "maxmemory-eviction-tenacity", null, mod, 0, 100, "10");
        integer(t, "timeout", null, mod, 0, INT_MAX, "0");
        integer(t, "replica-announce-port", "slave-announce-port", mod, 0, 65535, "0");
        integer(t, "tcp-backlog", null, imm, 0, INT_MAX, "511");
        integer(t, "cluster-port", null, imm, 0, 65535, "0");
        integer(t, "cluster-announce-bus-port", null, mod, 0, 65535, "0");
        integer(t, "cluster-announce-port", null, mod, 0, 65535, "0");
        integer(t, "cluster-announce-tls-port", null, mod, 0, 65535, "0");
        integer(t, "repl-timeout", null, mod, 1, INT_MAX, "60");
        integer(t, "repl-ping-replica-period", "repl-ping-slave-period", mod, 1, INT_MAX, "10");
        integer(t, "list-compress-depth", null, mod, 0, INT_MAX, "0");
        integer(t, "rdb-key-save-delay", null, mod, INT_MIN, INT_MAX, "0");
        integer(t, "key-load-delay", null, mod, INT_MIN, INT_MAX, "0");
        integer(t, "active-expire-effort", null, mod, 1, 10, "1");
        integer(t, "hz", null, mod, 0, INT_MAX, "10");
        integer(t, "min-replicas-to-write", "min-slaves-to-write", mod, 0, INT_MAX, "0");
        integer(t, "min-replicas-max-lag", "min-slaves-max-lag", mod, 0, INT_MAX, "10");
        integer(t, "watchdog-period", null, mod, 0, INT_MAX, "0");
        integer(t, "shutdown-timeout", null, mod, 0, INT_MAX, "10");
        integer(t, "repl-diskless-sync-max-replicas", null, mod, 0, INT_MAX, "0");
        integer(t, "socket-mark-id", null, mod, 0, UINT_MAX, "0");
        integer(t, "max-new-connections-per-cycle", null, mod, 1, 1000, "10");
        integer(t, "max-new-tls-connections-per-cycle", null, mod, 1, 1000, "1");
        integer(t, "maxclients", null, mod, 1, UINT_MAX, "10000");
        add(t, "unixsocketperm", null, Kind.OCTAL, imm, false, 0, 0777, "0");
        integer(t, "active-defrag-max-scan-fields", null, mod, 1, LONG_MAX, "1000");
        integer(t, "slowlog-max-len", null, mod, 0, LONG_MAX, "128");
        integer(t, "acllog-max-len", null, mod, 0, LONG_MAX, "128");
        integer(t, "busy-reply-threshold", "lua-time-limit", mod, 0, LONG_MAX, "5000");
        integer(t, "cluster-node-timeout", null, mod, 0, LONG_MAX, "15000");
        integer(t, "slowlog-log-slower-than", null, mod, -1, LONG_MAX, "10000");
        integer(t, "latency-monitor-threshold", null, mod, 0, LONG_MAX, "0");
        memory(t, "proto-max-bulk-len", null, mod, 1024 * 1024, LONG_MAX, "536870912");
        integer(t, "stream-node-max-entries", null, mod, 0, LONG_MAX, "100");
        memory(t, "repl-backlog-size", null, mod, 1, LONG_MAX, "1048576");
        memory(t, "maxmemory", null, mod, 0, LONG_MAX, "0");
        memory(t, "cluster-link-sendbuf-limit", null, mod, 0, LONG_MAX, "0");
        integer(t, "hash-max-listpack-entries", "hash-max-ziplist-entries", mod, 0, LONG_MAX, "512");
        integer(t, "set-max-intset-entries", null, mod, 0, LONG_MAX, "512");
        integer(t, "set-max-listpack-entries", null, mod, 0, LONG_MAX, "128");
        integer(t, "zset-max-listpack-entries", "zset-max-ziplist-entries", mod, 0, LONG_MAX, "128");
        memory(t, "active-defrag-ignore-bytes", null, mod, 1, LONG_MAX, "104857600");
        memory(t, "hash-max-listpack-value", "hash-max-ziplist-value", mod, 0, LONG_MAX, "64");
        memory(t, "set-max-listpack-value", null, mod, 0, LONG_MAX, "64");
        memory(t, "stream-node-max-bytes", null, mod, 0, LONG_MAX, "4096");
        memory(t, "zset-max-listpack-value", "zset-max-ziplist-value", mod, 0, LONG_MAX, "64");
        memory(t, "hll-sparse-max-bytes", null, mod, 0, LONG_MAX, "3000");
        integer(t, "tracking-table-max-keys", null, mod, 0, LONG_MAX, "1000000");
        memory(t, "client-query-buffer-limit", null, mod, 1024 * 1024, LONG_MAX, "1073741824");
        add(t, "maxmemory-clients", null, Kind.MEMORY_OR_PERCENT, mod, false, -100, LONG_MAX, "0");
        integer(t, "repl-backlog-ttl", null, mod, 0, LONG_MAX, "3600");
        memory(t, "auto-aof-rewrite-min-size", null, mod, 0, LONG_MAX, "67108864");
        integer(t, "loading-process-events-interval-bytes", null, mod, 1024, INT_MAX, "2097152");
        integer(t, "tls-port", null, mod, 0, 65535, "0");
        integer(t, "tls-session-cache-size", null, mod, 0, INT_MAX, "20480");
        integer(t, "tls-session-cache-timeout", null, mod, 0, INT_MAX, "300");
        // special configs, each checked by its own syntax (KvConfig)
        special(t, "dir", null, prot, "");
        special(t, "save", null, mod, "");
        special(
                t,
                "client-output-buffer-limit",
                null,
                mod,
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        special(t, "oom-score-adj-values", null, mod, "0 200 800");
        special(t, "notify-keyspace-events", null, mod, "");
        special(t, "bind", null, mod, "127.0.0.1");
        special(t, "replicaof", "slaveof", imm, "");
        special(t, "latency-tracking-info-percentiles", null, mod, "50 99 99.9");
        return List.copyOf(t);
    }

    private static void bool(List<ConfigParam> t, String name, String alias, Access a, String def) {
        add(t, name, alias, Kind.BOOL, a, false, 0, 0, def);
    }

    private static void string(List<ConfigParam> t, String name, String alias, Access a, String def) {
        add(t, name, alias, Kind.STRING, a, false, 0, 0, def);
    }

    private static void integer(
            List<ConfigParam> t, String name, String alias, Access a, long min, long max, String def) {
        add(t, name, alias, Kind.INTEGER, a, false, min, max, def);
    }

    private static void memory(
            List<ConfigParam> t, String name, String alias, Access a, long min, long max, String def) {
        add(t, name, alias, Kind.MEMORY, a, false, min, max, def);
    }

    private static void special(List<ConfigParam> t, String name, String alias, Access a, String def) {
        add(t, name, alias, Kind.SPECIAL, a, false, 0, 0, def);
    }

    private static void choice(List<ConfigParam> t, String name, Access a, String def, String... choices) {
        t.add(new ConfigParam(name, null, Kind.ENUM, a, false, 0, 0, List.of(choices), def, effect(name)));
    }

    private static void flags(List<ConfigParam> t, String name, String def, String... choices) {
        t.add(new ConfigParam(
                name, null, Kind.FLAGS, Access.MODIFIABLE, false, 0, 0, List.of(choices), def, effect(name)));
    }

    private static void add(
            List<ConfigParam> t,
            String name,
            String alias,
            Kind kind,
            Access a,
            boolean hidden,
            long min,
            long max,
            String def) {
        Access access = FIXED_HERE.contains(name) ? Access.IMMUTABLE : a;
        t.add(new ConfigParam(
                name, alias, kind, access, hidden || HIDDEN.contains(name), min, max, List.of(), def, effect(name)));
    }

    private static Effect effect(String name) {
        return HONOURED.contains(name) ? Effect.HONOURED : Effect.STORED;
    }
}
