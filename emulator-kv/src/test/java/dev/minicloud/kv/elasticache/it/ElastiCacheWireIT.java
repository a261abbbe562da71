package dev.minicloud.kv.elasticache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query protocol on the wire: ElastiCache's error shape for bad requests, and the server keeps serving. */
class ElastiCacheWireIT {
    private static final String AUTH =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-east-1/elasticache/aws4_request, "
                    + "SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000";
    private static MiniCloud cloud;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("elasticache").start();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static HttpResponse<String> post(String form) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
                        .header("Authorization", AUTH)
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badRequestsGetTheQueryProtocolsErrorShapeAndTheServerKeepsServing() throws Exception {
        HttpResponse<String> unknown = post("Action=LaunchRockets&Version=2015-02-02");
        assertEquals(400, unknown.statusCode());
        String body = unknown.body();
        assertTrue(body.contains("<ErrorResponse>") || body.contains("<ErrorResponse "), body);
        assertTrue(body.contains("<Type>Sender</Type><Code>InvalidAction</Code>"), body);
        assertTrue(body.contains("<RequestId>"), body);

        HttpResponse<String> noAction = post("Version=2015-02-02");
        assertTrue(noAction.body().contains("<Code>MissingParameter</Code>"), noAction.body());
        HttpResponse<String> badEscape = post("Action=DescribeCacheClusters&CacheClusterId=%zz");
        assertEquals(400, badEscape.statusCode());
        assertTrue(badEscape.body().contains("<Code>InvalidParameterValue</Code>"), badEscape.body());
        HttpResponse<String> notFound = post("Action=DescribeCacheClusters&Version=2015-02-02&CacheClusterId=ghost");
        assertEquals(404, notFound.statusCode());
        assertTrue(notFound.body().contains("<Code>CacheClusterNotFound</Code>"), notFound.body());

        HttpResponse<String> ok =
                post("Action=DescribeCacheEngineVersions&Version=2015-02-02&Engine=redis&DefaultOnly=true");
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(
                ok.body()
                        .contains(
                                "<DescribeCacheEngineVersionsResponse xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\">"),
                ok.body());
        assertTrue(ok.body().contains("<CacheParameterGroupFamily>redis7</CacheParameterGroupFamily>"), ok.body());
        assertTrue(ok.body().contains("<ResponseMetadata><RequestId>"), ok.body());
    }
}
