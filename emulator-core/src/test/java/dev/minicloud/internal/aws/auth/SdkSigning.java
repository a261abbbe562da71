package dev.minicloud.internal.aws.auth;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with the AWS SDK's own SigV4 signer (the reference implementation) and turns the
 * result into what our server would receive: a Netty request head and the body bytes as sent.
 */
final class SdkSigning {
    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Instant SIGNED_AT = Instant.parse("2026-11-23T12:00:00Z");

    record Wire(HttpRequest head, byte[] body) {}

    private SdkSigning() {}

    static SdkHttpRequest.Builder request(SdkHttpMethod method, String host, int port, String path) {
        return SdkHttpRequest.builder()
                .protocol("http")
                .host(host)
                .port(port)
                .method(method)
                .encodedPath(path);
    }

    /** Signs for S3 in us-east-1 at {@link #SIGNED_AT}, with S3's signer settings, plus {@code extra}. */
    static Wire signS3(
            SdkHttpRequest request, byte[] body, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
        SignRequest.Builder<AwsCredentialsIdentity> b = SignRequest.builder(
                        AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        if (body != null) {
            b.payload(ContentStreamProvider.fromByteArray(body));
        }
        extra.accept(b);
        return toWire(AwsV4HttpSigner.create().sign(b.build()));
    }

    static Wire toWire(SignedRequest signed) {
        SdkHttpRequest r = signed.request();
        String uri = r.encodedPath().isEmpty() ? "/" : r.encodedPath();
        uri += r.encodedQueryParameters().map(q -> "?" + q).orElse("");
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, List<String>> e : r.headers().entrySet()) {
            for (String v : e.getValue()) {
                headers.add(e.getKey(), v);
            }
        }
        if (!headers.contains("Host")) {
            headers.add("Host", r.port() == 80 ? r.host() : r.host() + ":" + r.port());
        }
        byte[] body = signed.payload().map(SdkSigning::readAll).orElse(new byte[0]);
        return new Wire(
                new DefaultHttpRequest(
                        HttpVersion.HTTP_1_1, HttpMethod.valueOf(r.method().name()), uri, headers),
                body);
    }

    private static byte[] readAll(ContentStreamProvider p) {
        try (InputStream in = p.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
