package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.chunked.StreamingSignatureCheck;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.s3.internal.store.Bucket;

/**
 * One routed S3 request as its handler sees it: the request, its caller, the bucket and key it
 * addresses, the signature check for a streamed body, and the addressed bucket, looked up only when
 * the handler (or the strict-mode gate) asks: CreateBucket must not require it to exist.
 */
final class S3Call {
    private final EdgeRequest request;
    private final S3Caller caller;
    private final S3Address address;
    private final StreamingSignatureCheck signatures;
    private final S3Access access;
    private Bucket bucket;

    S3Call(
            EdgeRequest request,
            S3Caller caller,
            S3Address address,
            StreamingSignatureCheck signatures,
            S3Access access) {
        this.request = request;
        this.caller = caller;
        this.address = address;
        this.signatures = signatures;
        this.access = access;
    }

    EdgeRequest r() {
        return request;
    }

    /** Who calls: the verified account in strict mode (or anonymous); {@link S3Caller#UNVERIFIED} in lenient mode. */
    S3Caller caller() {
        return caller;
    }

    String bucketName() {
        return address.bucket();
    }

    String key() {
        return address.key();
    }

    /** The signature chain of a signed streaming body, or {@code null}. */
    StreamingSignatureCheck signatures() {
        return signatures;
    }

    /** The addressed bucket ({@link S3Access#find}: the caller's, or in strict mode another account's); {@code NoSuchBucket} if none. */
    Bucket bucket() {
        if (bucket == null) {
            bucket = access.require(request, address.bucket(), "x-amz-expected-bucket-owner");
        }
        return bucket;
    }

    /** A copy source's bucket, resolved as the addressed one and, in strict mode, readable by the caller. */
    Bucket copySource(ObjectApi.CopySource source) {
        return access.copySource(request, caller, source.bucket(), source.key(), source.versionId());
    }

    /** DeleteObjects asks per key: {@code AccessDenied} unless the caller may delete it (in strict mode). */
    void mayDelete(String key, String versionId) {
        access.check(
                request,
                caller,
                bucket(),
                versionId == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion",
                key,
                versionId);
    }
}
