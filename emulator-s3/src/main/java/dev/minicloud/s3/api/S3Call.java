package dev.minicloud.s3.api;

import dev.minicloud.core.aws.chunked.StreamingSignatureCheck;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.s3.service.BucketService;
import dev.minicloud.s3.store.Bucket;

/**
 * One routed S3 request as its handler sees it: the request, the bucket and key it addresses, the
 * signature check for a streamed body, and the addressed bucket, looked up only when the handler
 * asks (CreateBucket and HeadBucket must not require it to exist).
 */
final class S3Call {
    private final EdgeRequest request;
    private final S3Address address;
    private final StreamingSignatureCheck signatures;
    private final BucketService buckets;
    private Bucket bucket;

    S3Call(EdgeRequest request, S3Address address, StreamingSignatureCheck signatures, BucketService buckets) {
        this.request = request;
        this.address = address;
        this.signatures = signatures;
        this.buckets = buckets;
    }

    EdgeRequest r() {
        return request;
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

    /** The addressed bucket of the caller's account; {@code NoSuchBucket} if there is none. */
    Bucket bucket() {
        if (bucket == null) {
            bucket = buckets.require(request.account(), address.bucket());
        }
        return bucket;
    }
}
