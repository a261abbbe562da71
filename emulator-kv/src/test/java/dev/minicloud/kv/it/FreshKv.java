package dev.minicloud.kv.it;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A raw RESP connection per test to the KV service of {@code cloud}, on an emptied keyspace:
 * {@code @RegisterExtension final FreshKv kv = new FreshKv(CLOUD);} then {@code kv.call(...)}.
 */
final class FreshKv implements BeforeEachCallback, AfterEachCallback {
    private final MiniCloudExtension cloud;
    private RawResp connection;

    FreshKv(MiniCloudExtension cloud) {
        this.cloud = cloud;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        connection = RawResp.toKv(cloud);
        connection.call("FLUSHALL");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        connection.close();
    }

    String call(String... args) {
        return connection.call(args);
    }

    RawResp raw() {
        return connection;
    }

    InetSocketAddress address() {
        return cloud.getMiniCloud().address("kv").orElseThrow();
    }
}
