package dev.minicloud.internal.aws.auth;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.CredentialScope;
import dev.minicloud.internal.aws.QueryParameters;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the SigV4 {@code Authorization} header and presigned-query parsing (routing's
 * {@link CredentialScope} and the strict verifier): any header, query and date either verify or
 * fail with AWS's error, nothing else escapes, and no made-up signature is ever accepted (the
 * fuzzer cannot compute an HMAC with the secret). Seeds: {@code SigV4ParserFuzzTestInputs}.
 */
class SigV4ParserFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String[] PREFIXES = {
        "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, ", "AWS ", ""
    };
    private static final String[] QUERIES = {
        "",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=",
        "AWSAccessKeyId=test&Signature="
    };

    private final SigV4Verifier verifier = SigV4Verifier.forS3(Map.of("test", "test", "111122223333", "secret"), CLOCK);

    @FuzzTest(maxDuration = "8s")
    @Timeout(30) // per input when fuzzing: a hang fails (Jazzer passes it to libFuzzer as -timeout)
    void parsesAnyHeaderOrQueryWithoutAcceptingAForgery(FuzzedDataProvider data) {
        String uri = "/bucket/" + data.consumeString(40) + "?" + data.pickValue(QUERIES) + data.consumeString(200);
        HttpRequest request;
        try {
            request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
            request.headers().set("host", "127.0.0.1:4566");
            if (data.consumeBoolean()) {
                request.headers().set("authorization", data.pickValue(PREFIXES) + data.consumeString(300));
            }
            request.headers().set("x-amz-date", data.consumeBoolean() ? "20260101T000000Z" : data.consumeString(20));
            request.headers()
                    .set("x-amz-content-sha256", data.consumeBoolean() ? "UNSIGNED-PAYLOAD" : data.consumeString(70));
        } catch (IllegalArgumentException notHttp) {
            return; // Netty's decoder refuses such a request line or header before any parsing of ours
        }
        try {
            QueryParameters query = QueryParameters.ofUri(uri);
            CredentialScope.of(request, query);
        } catch (IllegalArgumentException expected) {
            // a malformed query (bad escape): the edge answers it 400 before routing
            return;
        }
        try {
            assertNull(verifier.verify(request), "a request the fuzzer signed without the secret was accepted");
        } catch (AwsException | IllegalArgumentException expected) {
            // AWS's error (or the malformed-URI error the edge maps to 400)
        }
    }
}
