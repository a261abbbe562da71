package dev.minicloud.junit;

import dev.minicloud.MiniCloud;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * What a test needs to point clients at a running MiniCloud, named as Testcontainers' LocalStack
 * module names it: endpoint, region, credentials, plus the socket address of each service with a
 * listener of its own (KV, DNS).
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

    /** The listener of a service with a port of its own ({@code kv}, {@code dns}, ...); throws if it does not run. */
    public InetSocketAddress getAddress(String service) {
        return cloud.address(service)
                .orElseThrow(() -> new IllegalStateException(
                        "the " + service + " service is not running or has no listener of its own"));
    }

    /** The RESP listener: {@code getAddress("kv")}. */
    public InetSocketAddress getKvAddress() {
        return getAddress("kv");
    }

    /** The public DNS endpoint (UDP and TCP): {@code getAddress("dns")}. */
    public InetSocketAddress getDnsAddress() {
        return getAddress("dns");
    }

    public MiniCloud getMiniCloud() {
        return cloud;
    }
}
