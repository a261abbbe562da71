package dev.minicloud.s3.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.internal.http.Offload;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.internal.policy.PolicyParser;
import dev.minicloud.s3.internal.store.S3Store;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Request;

/**
 * The S3 route table itself: it names every operation of the S3 model in the SDK we test with
 * exactly once, and what it marks not implemented answers S3's {@code 501 NotImplemented} on the
 * real wire, while everything it serves does not.
 */
class S3RouteTableTest {
    /** Operations S3 serves that are not in the SDK's model (no SDK sends them). */
    private static final Set<String> OUTSIDE_THE_MODEL = Set.of("PostObject", "OptionsObject");

    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("s3").resetBeforeEach(true).build();

    private final HttpClient http = HttpClient.newHttpClient();

    private static List<S3Route> table() {
        Clock clock = Clock.systemUTC();
        return new S3RequestHandler(
                        new S3Store(1 << 20),
                        clock,
                        "us-east-1",
                        new Offload(Runnable::run),
                        new S3Auth(false, Map.of(), clock))
                .routes();
    }

    /**
     * Every operation of the SDK's S3 model: the request type of each operation method of the sync
     * and the async client (SelectObjectContent, an event stream, is async only).
     */
    private static Set<String> sdkOperations() {
        Set<String> names = new TreeSet<>();
        for (Class<?> client : List.of(S3Client.class, S3AsyncClient.class)) {
            for (Method m : client.getMethods()) {
                if (m.getParameterCount() >= 1 && S3Request.class.isAssignableFrom(m.getParameterTypes()[0])) {
                    String type = m.getParameterTypes()[0].getSimpleName();
                    names.add(type.substring(0, type.length() - "Request".length()));
                }
            }
        }
        return names;
    }

    @Test
    void everyServedRowNamesAnIamActionThatBucketPoliciesAccept() {
        PolicyParser parser = new PolicyParser();
        for (S3Route route : table()) {
            if (!route.served()) {
                continue;
            }
            assertNotNull(route.iam(), route.operation());
            if (route.iam().scope() == IamAction.Scope.UNCHECKED && route.iam().action() == null) {
                assertEquals("OptionsObject", route.operation(), "only the CORS preflight has no IAM action");
                continue;
            }
            for (String action : new String[] {route.iam().action(), route.iam().versionAction()}) {
                if (action != null) {
                    // PutBucketPolicy refuses actions S3 does not have: every action of the table must pass.
                    parser.parse(
                            "b",
                            ("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"" + action
                                            + "\",\"Resource\":\"arn:aws:s3:::b\"}}")
                                    .getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        S3Route get = table().stream()
                .filter(r -> r.operation().equals("GetObject"))
                .findFirst()
                .orElseThrow();
        assertEquals("s3:GetObject", get.iam().actionFor(null));
        assertEquals("s3:GetObjectVersion", get.iam().actionFor("v1"));
    }

    @Test
    void everyOperationOfTheSdkModelHasExactlyOneRow() {
        Map<String, Long> rows = table().stream()
                .collect(Collectors.groupingBy(S3Route::operation, TreeMap::new, Collectors.counting()));
        Map<String, Long> repeated = new TreeMap<>(rows);
        repeated.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), repeated, "operations with more than one row");
        Set<String> sdk = sdkOperations();
        assertTrue(sdk.size() > 100, "the SDK's model: " + sdk);
        Set<String> missing = new TreeSet<>(sdk);
        missing.removeAll(rows.keySet());
        assertEquals(Set.of(), missing, "operations of the model without a row");
        Set<String> extra = new TreeSet<>(rows.keySet());
        extra.removeAll(sdk);
        assertEquals(OUTSIDE_THE_MODEL, extra, "rows for operations outside the model");
    }

    @Test
    void selectTorrentAndWriteGetObjectResponseStayNotImplemented() {
        Set<String> later = Set.of("SelectObjectContent", "GetObjectTorrent", "WriteGetObjectResponse");
        for (S3Route route : table()) {
            if (later.contains(route.operation())) {
                assertTrue(!route.served(), route.operation());
            }
        }
    }

    @Test
    void lifecycleAndRestoreAreServed() {
        Set<String> served = Set.of(
                "GetBucketLifecycleConfiguration",
                "PutBucketLifecycleConfiguration",
                "DeleteBucketLifecycle",
                "RestoreObject");
        long found = table().stream()
                .filter(r -> served.contains(r.operation()))
                .peek(r -> assertTrue(r.served(), r.operation()))
                .count();
        assertEquals(served.size(), found);
    }

    @Test
    void notImplementedRowsAnswer501InS3ShapeAndServedRowsDoNot(MiniCloud cloud) throws Exception {
        send(cloud, "PUT", "/routes", Map.of());
        for (S3Route route : table()) {
            HttpResponse<String> r = send(cloud, route.method().name(), path(route), headers(route));
            if (route.served()) {
                assertNotEquals(501, r.statusCode(), route.operation() + ": " + r.body());
                assertNotEquals(405, r.statusCode(), route.operation() + ": " + r.body());
                continue;
            }
            assertEquals(501, r.statusCode(), route.operation() + ": " + r.body());
            String requestId = r.headers().firstValue("x-amz-request-id").orElseThrow();
            String hostId = r.headers().firstValue("x-amz-id-2").orElseThrow();
            assertEquals(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NotImplemented</Code>"
                            + "<Message>A header you provided implies functionality that is not implemented</Message>"
                            + "<Header>" + route.subResource() + "</Header><RequestId>" + requestId + "</RequestId>"
                            + "<HostId>" + hostId + "</HostId></Error>",
                    r.body(),
                    route.operation());
        }
    }

    @Test
    void aRequestNoRowTakesIsMethodNotAllowedForItsLevel(MiniCloud cloud) throws Exception {
        send(cloud, "PUT", "/routes", Map.of());
        // A plain POST on the bucket URL is PostObject's (S3 answers a non-form body 412), not in this list.
        String[][] cases = {
            {"DELETE", "/", "SERVICE"},
            {"POST", "/routes?cors", "BUCKET"},
            {"POST", "/routes/key", "OBJECT"},
            {"HEAD", "/", "SERVICE"}
        };
        for (String[] c : cases) {
            HttpResponse<String> r = send(cloud, c[0], c[1], Map.of());
            assertEquals(405, r.statusCode(), c[0] + " " + c[1]);
            if (!c[0].equals("HEAD")) {
                assertTrue(
                        r.body()
                                .contains("<Code>MethodNotAllowed</Code><Message>The specified method is not "
                                        + "allowed against this resource.</Message><Method>" + c[0]
                                        + "</Method><ResourceType>"
                                        + c[2] + "</ResourceType>"),
                        r.body());
            }
        }
    }

    /** A path and query the row takes, against the bucket named "routes". */
    private static String path(S3Route route) {
        String path = switch (route.level()) {
            case SERVICE -> "/";
            case BUCKET -> "/" + (route.bucketName() != null ? route.bucketName() : "routes");
            case OBJECT -> "/routes/some-key";
        };
        StringBuilder q = new StringBuilder();
        for (String name : route.queries()) {
            q.append(q.length() == 0 ? "?" : "&").append(name).append(name.equals("partNumber") ? "=1" : "=x");
        }
        for (String nv : route.queryValues()) {
            q.append(q.length() == 0 ? "?" : "&").append(nv);
        }
        return path + q;
    }

    private static Map<String, String> headers(S3Route route) {
        Map<String, String> headers = new TreeMap<>();
        for (String h : route.headers()) {
            headers.put(h, "/routes/source");
        }
        for (String hp : route.headerPrefixes()) {
            int colon = hp.indexOf(':');
            headers.put(hp.substring(0, colon), hp.substring(colon + 1) + "; boundary=x");
        }
        return headers;
    }

    private HttpResponse<String> send(MiniCloud cloud, String method, String pathAndQuery, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + cloud.edgePort() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
