package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.Keyspace;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Renders INFO: the sections Redis 7 prints by default, with this server's real figures. */
final class InfoReport {
    private static final String[] DEFAULT = {
        "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "keyspace"
    };
    private static final String RUN_ID = UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    private InfoReport() {}

    static String render(KvEngine e, String[] asked) {
        Set<String> sections = new LinkedHashSet<>();
        if (asked.length == 0) {
            sections.addAll(List.of(DEFAULT));
        }
        for (String a : asked) {
            String s = a.toLowerCase(Locale.ROOT);
            if (s.equals("all") || s.equals("everything") || s.equals("default")) {
                sections.addAll(List.of(DEFAULT));
            } else {
                sections.add(s);
            }
        }
        StringBuilder b = new StringBuilder();
        for (String s : sections) {
            int before = b.length();
            if (before > 0) {
                b.append("\r\n");
            }
            switch (s) {
                case "server" -> server(e, b);
                case "clients" -> clients(e, b);
                case "memory" -> memory(e, b);
                case "persistence" -> persistence(b);
                case "stats" -> stats(e, b);
                case "replication" -> replication(e, b);
                case "cpu" -> cpu(b);
                case "keyspace" -> keyspace(e, b);
                default -> b.setLength(before);
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String k, Object v) {
        b.append(k).append(':').append(v).append("\r\n");
    }

    private static void server(KvEngine e, StringBuilder b) {
        long uptime = Math.max(0, (e.keyspace().now() - e.startMillis()) / 1000);
        b.append("# Server\r\n");
        boolean valkey = "valkey".equals(e.config().engine);
        line(b, "redis_version", valkey ? KvEngine.VALKEY_REDIS_VERSION : e.config().engineVersion);
        if (valkey) {
            line(b, "server_name", "valkey");
            line(b, "valkey_version", e.config().engineVersion);
        }
        line(b, "redis_git_sha1", "00000000");
        line(b, "redis_git_dirty", 0);
        line(b, "redis_build_id", "minicloud");
        line(b, "redis_mode", "standalone");
        line(
                b,
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        line(b, "arch_bits", 64);
        line(b, "monotonic_clock", "POSIX clock_gettime");
        line(b, "multiplexing_api", "epoll");
        line(b, "process_id", ProcessHandle.current().pid());
        line(b, "run_id", RUN_ID);
        line(b, "tcp_port", e.config().port);
        line(b, "server_time_usec", e.keyspace().now() * 1000);
        line(b, "uptime_in_seconds", uptime);
        line(b, "uptime_in_days", uptime / 86400);
        line(b, "hz", 10);
        line(b, "configured_hz", 10);
        line(b, "executable", "");
        line(b, "config_file", "");
        line(b, "minicloud", "true");
    }

    private static void clients(KvEngine e, StringBuilder b) {
        int pubsub = 0;
        for (Client c : e.clients()) {
            if (c.subscriptionCount() > 0) {
                pubsub++;
            }
        }
        b.append("# Clients\r\n");
        line(b, "connected_clients", e.clients().size());
        line(b, "cluster_connections", 0);
        line(b, "maxclients", e.config().maxClients);
        line(b, "blocked_clients", e.blockedClients());
        line(b, "tracking_clients", e.tracking().clients());
        line(b, "pubsub_clients", pubsub);
        line(b, "clients_in_timeout_table", e.blockedClients());
    }

    private static void memory(KvEngine e, StringBuilder b) {
        long used = e.keyspace().usedMemory();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        long max = e.config().maxmemory;
        b.append("# Memory\r\n");
        line(b, "used_memory", used);
        line(b, "used_memory_human", human(used));
        line(b, "used_memory_rss", heap);
        line(b, "used_memory_rss_human", human(heap));
        line(b, "used_memory_peak", Math.max(used, heap));
        line(b, "used_memory_peak_human", human(Math.max(used, heap)));
        line(b, "used_memory_dataset", used);
        line(b, "total_system_memory", rt.maxMemory());
        line(b, "maxmemory", max);
        line(b, "maxmemory_human", human(max));
        line(b, "maxmemory_policy", e.config().policy.configName());
        line(b, "mem_fragmentation_ratio", "1.00");
        line(b, "mem_allocator", "jvm");
    }

    private static String human(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }

    private static void persistence(StringBuilder b) {
        b.append("# Persistence\r\n");
        line(b, "loading", 0);
        line(b, "async_loading", 0);
        line(b, "rdb_changes_since_last_save", 0);
        line(b, "rdb_bgsave_in_progress", 0);
        line(b, "rdb_last_bgsave_status", "ok");
        line(b, "aof_enabled", 0);
        line(b, "aof_rewrite_in_progress", 0);
    }

    private static void stats(KvEngine e, StringBuilder b) {
        Stats s = e.stats();
        b.append("# Stats\r\n");
        line(b, "total_connections_received", s.connections);
        line(b, "total_commands_processed", s.commands);
        line(b, "instantaneous_ops_per_sec", 0);
        line(b, "rejected_connections", s.rejectedConnections);
        line(b, "expired_keys", e.keyspace().expiredKeys());
        line(b, "expired_subkeys", e.stats().expiredSubkeys);
        line(b, "evicted_keys", e.keyspace().evictedKeys());
        line(b, "evicted_clients", 0);
        line(b, "keyspace_hits", s.hits);
        line(b, "keyspace_misses", s.misses);
        line(b, "pubsub_channels", e.pubsub().channelCount());
        line(b, "pubsub_patterns", e.pubsub().patternCount());
        line(b, "pubsubshard_channels", e.pubsub().shardChannelCount());
        line(b, "tracking_total_keys", e.tracking().trackedKeys());
        line(b, "tracking_total_items", e.tracking().trackedItems());
        line(b, "tracking_total_prefixes", e.tracking().prefixCount());
        line(b, "total_blocking_keys", e.blockedClients());
        line(b, "client_query_buffer_limit_disconnections", s.queryBufferLimitDisconnections);
        line(b, "client_output_buffer_limit_disconnections", s.outputBufferLimitDisconnections);
    }

    /** Redis 7.0's fields and order (compared with redis-server 7 and a replica of it). */
    private static void replication(KvEngine e, StringBuilder b) {
        Replication r = e.replication();
        b.append("# Replication\r\n");
        boolean replica = r.role() == Replication.Role.SLAVE;
        line(b, "role", replica ? "slave" : "master");
        if (replica) {
            InetSocketAddress m = r.masterAddress();
            line(b, "master_host", m == null ? "" : m.getAddress().getHostAddress());
            line(b, "master_port", m == null ? 0 : m.getPort());
            line(b, "master_link_status", "up");
            line(b, "master_last_io_seconds_ago", 0);
            line(b, "master_sync_in_progress", 0);
            line(b, "slave_read_repl_offset", r.offset());
            line(b, "slave_repl_offset", r.offset());
            line(b, "slave_priority", 100);
            line(b, "slave_read_only", 1);
            line(b, "replica_announced", 1);
        }
        line(b, "connected_slaves", r.links().size());
        int i = 0;
        for (Replication.Link l : r.links()) {
            line(
                    b,
                    "slave" + i++,
                    "ip=" + l.address.getAddress().getHostAddress() + ",port=" + l.address.getPort()
                            + ",state=online,offset=" + l.acked + ",lag=0");
        }
        line(b, "master_failover_state", "no-failover");
        line(b, "master_replid", r.replid());
        line(b, "master_replid2", "0000000000000000000000000000000000000000");
        line(b, "master_repl_offset", r.offset());
        line(b, "second_repl_offset", -1);
    }

    private static void cpu(StringBuilder b) {
        b.append("# CPU\r\n");
        line(b, "used_cpu_sys", "0.000000");
        line(b, "used_cpu_user", "0.000000");
    }

    private static void keyspace(KvEngine e, StringBuilder b) {
        b.append("# Keyspace\r\n");
        for (int i = 0; i < Keyspace.DATABASES; i++) {
            Database db = e.keyspace().db(i);
            if (db.size() > 0) {
                line(b, "db" + i, "keys=" + db.size() + ",expires=" + db.volatileCount() + ",avg_ttl=0");
            }
        }
    }
}
