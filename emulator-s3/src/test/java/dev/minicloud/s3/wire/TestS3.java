package dev.minicloud.s3.wire;

import dev.minicloud.MiniCloud;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One SDK client of the matrix behind a small blocking facade, so a test body runs unchanged on
 * the sync, async Netty and CRT clients. Async failures are unwrapped to the SDK exception.
 */
final class TestS3 implements AutoCloseable {
    final ClientKind kind;
    final S3Client sync;
    final S3AsyncClient async;

    private TestS3(ClientKind kind, S3Client sync, S3AsyncClient async) {
        this.kind = kind;
        this.sync = sync;
        this.async = async;
    }

    static URI endpoint(MiniCloud cloud) {
        // "localhost" (not 127.0.0.1): the SDK keeps path style for IP endpoints, but can virtual-host this one.
        return URI.create("http://localhost:" + cloud.edgePort());
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    static S3Client syncClient(MiniCloud cloud, boolean pathStyle) {
        return syncBuilder(cloud, pathStyle).build();
    }

    /** The sync client's builder at its defaults, for a test that changes one setting. */
    static S3ClientBuilder syncBuilder(MiniCloud cloud, boolean pathStyle) {
        return S3Client.builder()
                .endpointOverride(endpoint(cloud))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .forcePathStyle(pathStyle);
    }

    /** A sync client (path style) signing as {@code accessKey} in {@code region}; a 12-digit key is that account. */
    static S3Client accountClient(MiniCloud cloud, String accessKey, Region region) {
        return syncBuilder(cloud, true)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .build();
    }

    static S3AsyncClient nettyClient(MiniCloud cloud, boolean pathStyle) {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint(cloud))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .forcePathStyle(pathStyle)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }

    static S3AsyncClient crtClient(MiniCloud cloud, boolean pathStyle) {
        return S3AsyncClient.crtBuilder()
                .endpointOverride(endpoint(cloud))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .forcePathStyle(pathStyle)
                .minimumPartSizeInBytes(5L * 1024 * 1024)
                .build();
    }

    static TestS3 wrap(ClientKind kind, S3Client sync, S3AsyncClient async) {
        return new TestS3(kind, sync, async);
    }

    static TestS3 open(MiniCloud cloud, ClientKind kind) {
        return switch (kind.transport) {
            case SYNC -> new TestS3(kind, syncClient(cloud, kind.pathStyle), null);
            case NETTY -> new TestS3(kind, null, nettyClient(cloud, kind.pathStyle));
            case CRT -> new TestS3(kind, null, crtClient(cloud, kind.pathStyle));
        };
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    void createBucket(String bucket) {
        if (sync != null) {
            sync.createBucket(b -> b.bucket(bucket));
        } else {
            join(async.createBucket(b -> b.bucket(bucket)));
        }
    }

    PutObjectResponse put(String bucket, String key, byte[] data) {
        if (sync != null) {
            return sync.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
        }
        return join(async.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(data)));
    }

    ResponseBytes<GetObjectResponse> get(String bucket, String key) {
        if (sync != null) {
            return sync.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes());
        }
        return join(async.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()));
    }

    ResponseBytes<GetObjectResponse> getRange(String bucket, String key, String range) {
        if (sync != null) {
            return sync.getObject(b -> b.bucket(bucket).key(key).range(range), ResponseTransformer.toBytes());
        }
        return join(async.getObject(b -> b.bucket(bucket).key(key).range(range), AsyncResponseTransformer.toBytes()));
    }

    HeadObjectResponse head(String bucket, String key) {
        if (sync != null) {
            return sync.headObject(b -> b.bucket(bucket).key(key));
        }
        return join(async.headObject(b -> b.bucket(bucket).key(key)));
    }

    void delete(String bucket, String key) {
        if (sync != null) {
            sync.deleteObject(b -> b.bucket(bucket).key(key));
        } else {
            join(async.deleteObject(b -> b.bucket(bucket).key(key)));
        }
    }

    CopyObjectResponse copy(String bucket, String key, String toBucket, String toKey) {
        if (sync != null) {
            return sync.copyObject(b -> b.sourceBucket(bucket)
                    .sourceKey(key)
                    .destinationBucket(toBucket)
                    .destinationKey(toKey));
        }
        return join(async.copyObject(b -> b.sourceBucket(bucket)
                .sourceKey(key)
                .destinationBucket(toBucket)
                .destinationKey(toKey)));
    }

    /** Every key under {@code prefix}, following continuation tokens with the given page size. */
    List<String> listAll(String bucket, String prefix, int pageSize) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = sync != null
                    ? sync.listObjectsV2(b ->
                            b.bucket(bucket).prefix(prefix).maxKeys(pageSize).continuationToken(t))
                    : join(async.listObjectsV2(b ->
                            b.bucket(bucket).prefix(prefix).maxKeys(pageSize).continuationToken(t)));
            for (S3Object o : page.contents()) {
                keys.add(o.key());
            }
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }

    /** A multipart upload through the low-level API, {@code partSize} bytes per part. */
    CompleteMultipartUploadResponse multipart(String bucket, String key, byte[] data, int partSize) {
        CreateMultipartUploadResponse created = sync != null
                ? sync.createMultipartUpload(b -> b.bucket(bucket).key(key))
                : join(async.createMultipartUpload(b -> b.bucket(bucket).key(key)));
        List<CompletedPart> parts = new ArrayList<>();
        int n = 1;
        for (int off = 0; off < data.length || n == 1; off += partSize, n++) {
            int len = Math.min(partSize, data.length - off);
            byte[] chunk = Arrays.copyOfRange(data, off, off + len);
            int partNumber = n;
            UploadPartResponse up = sync != null
                    ? sync.uploadPart(
                            b -> b.bucket(bucket)
                                    .key(key)
                                    .uploadId(created.uploadId())
                                    .partNumber(partNumber),
                            RequestBody.fromBytes(chunk))
                    : join(async.uploadPart(
                            b -> b.bucket(bucket)
                                    .key(key)
                                    .uploadId(created.uploadId())
                                    .partNumber(partNumber),
                            AsyncRequestBody.fromBytes(chunk)));
            // The upload names no algorithm, so S3 refuses part checksums in Complete (InvalidPart).
            parts.add(CompletedPart.builder()
                    .partNumber(partNumber)
                    .eTag(up.eTag())
                    .build());
            if (off + len >= data.length) {
                break;
            }
        }
        return sync != null
                ? sync.completeMultipartUpload(b ->
                        b.bucket(bucket).key(key).uploadId(created.uploadId()).multipartUpload(m -> m.parts(parts)))
                : join(async.completeMultipartUpload(b ->
                        b.bucket(bucket).key(key).uploadId(created.uploadId()).multipartUpload(m -> m.parts(parts))));
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        if (async != null) {
            async.close();
        }
    }
}
