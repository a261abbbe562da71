package dev.minicloud.junit;

import dev.minicloud.MiniCloud;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * What a test needs to point clients at a running MiniCloud, named as Testcontainers' LocalStack
 * module names it: endpoint, region, credentials, plus the KV and DNS socket addresses.
 * Injected as a test method or constructor parameter by {@link MiniCloudExtension}.
 */
public final class MiniCloudRuntimeInfo {
    private final MiniCloud cloud;

    public MiniCloudRuntimeInfo(MiniCloud cloud) {
        this.cloud = cloud;
    }

    /** The edge endpoint ({@code http://127.0.0.1:port}); an IP literal, so SDKs use path-style S3. */
    public URI getEndpoint() {
        return cloud.endpoint();
    }

    public String getRegion() {
        return cloud.region();
    }

    public String getAccessKey() {
        return cloud.accessKey();
    }

    public String getSecretKey() {
        return cloud.secretKey();
    }

    /** The RESP listener; throws if the KV service does not run in this instance. */
    public InetSocketAddress getKvAddress() {
        return cloud.address("kv").orElseThrow(() -> new IllegalStateException("the kv service is not running"));
    }

    /** The public DNS endpoint (UDP and TCP); throws if the DNS service does not run. */
    public InetSocketAddress getDnsAddress() {
        return cloud.address("dns").orElseThrow(() -> new IllegalStateException("the dns service is not running"));
    }

    public MiniCloud getMiniCloud() {
        return cloud;
    }
}
