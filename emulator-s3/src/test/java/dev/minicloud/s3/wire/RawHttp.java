package dev.minicloud.s3.wire;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Plain HTTP against the edge port for what an SDK hides: exact error XML, headers, status codes
 * and deliberately wrong requests. Unsigned requests are fine (lenient auth).
 */
final class RawHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    RawHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> send(String method, String pathAndQuery, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The {@code Content-MD5} value of a body, which S3 requires of DeleteObjects and lifecycle calls. */
    static String md5(byte[] body) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        return send("GET", pathAndQuery, null, headers);
    }

    HttpResponse<String> put(String pathAndQuery, byte[] body, String... headers)
            throws IOException, InterruptedException {
        return send("PUT", pathAndQuery, body, headers);
    }
}
