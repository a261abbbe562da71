package dev.minicloud.kv.it;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Resets the whole instance of {@code cloud} before each test (keyspace, script cache, function
 * libraries, ACL log, client state) and gives its KV address:
 * {@code @RegisterExtension final ResetKv kv = new ResetKv(CLOUD);} then {@code kv.address()}.
 * Unlike {@link FreshKv}, which empties the keyspace over a raw connection, this suits tests whose
 * clients are Jedis, Lettuce or Redisson.
 */
final class ResetKv implements BeforeEachCallback {
    private final MiniCloudExtension cloud;

    ResetKv(MiniCloudExtension cloud) {
        this.cloud = cloud;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cloud.getMiniCloud().reset();
    }

    InetSocketAddress address() {
        return cloud.getMiniCloud().address("kv").orElseThrow();
    }
}
