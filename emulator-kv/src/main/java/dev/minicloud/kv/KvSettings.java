package dev.minicloud.kv;

import dev.minicloud.MiniCloudConfig;
import dev.minicloud.kv.engine.KvConfig;
import dev.minicloud.spi.OptionSpec;
import java.util.List;

/**
 * The MiniCloud settings (flags) the KV service reads, and their translation into the Redis
 * configuration parameters of {@link KvConfig}.
 */
final class KvSettings {
    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("kv-requirepass", "", "password clients must AUTH with (Redis requirepass); empty = none"),
            new OptionSpec("kv-maxmemory", "0", "dataset memory limit, e.g. 64mb (Redis maxmemory); 0 = unlimited"),
            new OptionSpec("kv-maxmemory-policy", "noeviction",
                    "eviction policy: noeviction, allkeys-lru|lfu|random, volatile-lru|lfu|random|ttl"),
            new OptionSpec("kv-notify-keyspace-events", "", "keyspace notification classes, e.g. KEA (Redis notify-keyspace-events)"),
            new OptionSpec("kv-proto-max-bulk-len", "512mb", "largest bulk string a client may send (Redis proto-max-bulk-len)"));

    private KvSettings() {
    }

    static KvConfig read(MiniCloudConfig config) {
        KvConfig c = new KvConfig();
        apply(c, config, "kv-requirepass", "requirepass");
        apply(c, config, "kv-maxmemory", "maxmemory");
        apply(c, config, "kv-maxmemory-policy", "maxmemory-policy");
        apply(c, config, "kv-notify-keyspace-events", "notify-keyspace-events");
        apply(c, config, "kv-proto-max-bulk-len", "proto-max-bulk-len");
        return c;
    }

    private static void apply(KvConfig c, MiniCloudConfig config, String flag, String param) {
        String v = config.setting(flag, null);
        if (v == null) {
            return;
        }
        try {
            c.initial(param, v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(flag + ": " + v + " (" + e.getMessage() + ")", e);
        }
    }
}
