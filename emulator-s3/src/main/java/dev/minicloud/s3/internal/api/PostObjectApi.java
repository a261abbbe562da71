package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.Checksummer;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.lock.VersionLock;
import dev.minicloud.s3.internal.post.FormDataDecoder;
import dev.minicloud.s3.internal.post.PostPolicy;
import dev.minicloud.s3.internal.service.DefaultChecksum;
import dev.minicloud.s3.internal.service.NewObject;
import dev.minicloud.s3.internal.service.Preconditions;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.service.TagSets;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectDataWriter;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.ServerSideEncryption;
import dev.minicloud.s3.internal.store.StorageFullException;
import dev.minicloud.s3.internal.store.StoredChecksum;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POST Object, S3's browser-based upload: a {@code multipart/form-data} POST to the bucket URL whose
 * fields name the key ({@code ${filename}} is the file's name), the policy and its SigV4 signature
 * (verified in strict mode, see {@link S3Auth#verifyPostForm}), metadata ({@code Content-Type},
 * {@code x-amz-meta-*}, ...), {@code acl}, {@code tagging}, {@code x-amz-storage-class},
 * {@code x-amz-server-side-encryption} or the SSE-C key fields, the Object Lock fields, an
 * {@code x-amz-checksum-*} value and the answer
 * ({@code success_action_redirect}, {@code success_action_status}). The policy is checked once
 * every field before the file is known, before a byte of the file is kept; the file streams into
 * store pages as it arrives and is committed only when the body is complete.
 */
final class PostObjectApi {
    /** S3's largest single upload. */
    static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;

    private final S3Api api;
    private final S3Auth auth;
    private final S3Access access;

    PostObjectApi(S3Api api, S3Auth auth, S3Access access) {
        this.api = api;
        this.auth = auth;
        this.access = access;
    }

    /** Whether a request is a form upload, which signs its form instead of its head. */
    static boolean isFormUpload(EdgeRequest r) {
        String type = r.header("Content-Type");
        return r.method().name().equals("POST")
                && r.header("Authorization") == null
                && r.queryParameters().isEmpty()
                && type != null
                && type.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    BodyHandler upload(EdgeRequest r, String bucketName) {
        if (!r.queryParameters().isEmpty()) {
            // A sub-resource no earlier row serves: the table's own answer for a request it does not take.
            throw S3Errors.methodNotAllowed(r.method().name(), "BUCKET");
        }
        String type = r.header("Content-Type");
        if (type == null || !type.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            // S3's answer to any other POST on a bucket URL.
            throw S3Errors.preconditionFailed("Bucket POST must be of the enclosure-type multipart/form-data");
        }
        return new Upload(r, bucketName);
    }

    /**
     * The object's URL as a POST answer gives it: the key fully percent-encoded ({@code /} too, as S3
     * does here), in the request's addressing style.
     */
    private static String location(EdgeRequest r, String bucket, String key) {
        String host = r.header("Host") == null ? "localhost" : r.header("Host").trim();
        return S3Address.bucketFromHost(host) != null
                ? "http://" + host + "/" + encode(key)
                : "http://" + host + "/" + bucket + "/" + encode(key);
    }

    /** One form upload, from its first body byte to its answer. */
    private final class Upload implements BodyHandler, FormDataDecoder.Listener {
        private final EdgeRequest r;
        private final String bucketName;
        private final FormDataDecoder decoder;
        private Bucket bucket;
        private Map<String, String> fields;
        private String key;
        private PostPolicy policy;
        private ObjectDataWriter writer;
        private Checksummer md5;
        private Checksummer checksummer;
        private ChecksumAlgorithm algorithm;
        private String claimedChecksum;
        private ObjectMetadata metadata;
        private Map<String, String> tags;
        private String storageClass;
        private AccessControlList acl;
        private ServerSideEncryption encryption;
        private VersionLock lock;
        private long size;
        private boolean fileEnded;

        Upload(EdgeRequest r, String bucketName) {
            this.r = r;
            this.bucketName = bucketName;
            this.decoder = FormDataDecoder.forContentType(r.header("Content-Type"), this);
        }

        @Override
        public void onContent(ByteBuf chunk) {
            try {
                decoder.onContent(chunk);
            } catch (StorageFullException e) {
                throw S3Errors.insufficientStorage(e.getMessage());
            }
        }

        @Override
        public void fileStart(Map<String, String> formFields, String filename, String contentType) {
            fields = formFields;
            String accessKey = auth.verifyPostForm(fields);
            if (accessKey != null) {
                r.authenticatedAs(accessKey); // the form's credential is the caller's account
            }
            // The bucket as for any request: in strict mode the signer's own, else another account's.
            bucket = access.require(r, bucketName, "x-amz-expected-bucket-owner");
            String rawKey = fields.get("key");
            if (rawKey == null) {
                throw S3Errors.invalidArgument(
                        "Bucket POST must contain a field named 'key'.  If it is specified, "
                                + "please check the order of the fields.",
                        "key",
                        "");
            }
            if (fields.containsKey("policy")) {
                policy = PostPolicy.parse(fields.get("policy"));
                policy.check(fields, bucketName, api.clock().instant());
            }
            // As S3 does: without a filename parameter "${filename}" stays as written; an empty one empties it.
            key = filename == null ? rawKey : rawKey.replace("${filename}", filename);
            if (key.isEmpty()) {
                throw S3Errors.invalidArgument("User key must have a length greater than 0.", "key", rawKey);
            }
            ObjectApi.checkKey(key);
            // Strict mode: the form's signer needs s3:PutObject on the key, as any writer does.
            access.check(
                    r,
                    accessKey == null ? S3Caller.ANONYMOUS : new S3Caller(r.account(), S3Caller.AuthType.POST),
                    bucket,
                    "s3:PutObject",
                    key,
                    null);
            HttpHeaders headers = asHeaders(fields);
            metadata = RequestHeaders.metadata(headers);
            storageClass = RequestHeaders.storageClass(headers);
            acl = AclApi.forNewObject(headers, bucket);
            encryption = EncryptionApi.forWrite(
                    headers, CustomerKey.fromHeaders(headers, CustomerKey.PREFIX, api.sseCOverHttp()), bucket);
            lock = ObjectLockHeaders.requested(
                    headers,
                    fields.containsKey("x-amz-signature"),
                    bucket,
                    api.clock().instant());
            String tagging = fields.get("tagging");
            tags = tagging == null
                    ? Map.of()
                    : TagSets.validate(
                            Tagging.parse(ControlBodies.parse(tagging.getBytes(StandardCharsets.UTF_8))), 10);
            for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                String value = fields.get(a.headerName().toLowerCase(Locale.ROOT));
                if (value != null) {
                    if (algorithm != null) {
                        throw S3Errors.invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum "
                                + "Types are not allowed.");
                    }
                    algorithm = a;
                    claimedChecksum = value.trim();
                }
            }
            checksummer = (algorithm != null ? algorithm : DefaultChecksum.ALGORITHM).newChecksummer();
            md5 = Checksummer.md5();
            writer = new ObjectDataWriter(api.store().quota(), -1);
        }

        @Override
        public void fileData(byte[] data, int offset, int length) {
            size += length;
            long max = Math.min(MAX_OBJECT_SIZE, policy == null ? Long.MAX_VALUE : policy.maxLength());
            if (size > max) {
                throw new AwsException(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
                        .with("ProposedSize", Long.toString(size))
                        .with("MaxSizeAllowed", Long.toString(max));
            }
            writer.write(data, offset, length);
            md5.update(data, offset, length);
            checksummer.update(data, offset, length);
        }

        @Override
        public void fileEnd() {
            fileEnded = true;
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            decoder.finish();
            if (!fileEnded) {
                throw FormDataDecoder.malformed();
            }
            long min = policy == null ? 0 : policy.minLength();
            if (size < min) {
                throw new AwsException(
                                400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size")
                        .with("ProposedSize", Long.toString(size))
                        .with("MinSizeAllowed", Long.toString(min));
            }
            String value = checksummer.base64();
            if (claimedChecksum != null && !claimedChecksum.equals(value)) {
                throw S3Errors.badDigest("The " + algorithm.algorithmName() + " you specified did not match the "
                        + "calculated checksum.");
            }
            StoredChecksum checksum = new StoredChecksum(
                    (algorithm != null ? algorithm : DefaultChecksum.ALGORITHM).algorithmName(), value, "FULL_OBJECT");
            String etag = HexFormat.of().formatHex(md5.digest());
            ObjectData data = writer.finish();
            writer = null;
            ObjectVersion v = api.objects()
                    .commit(
                            bucket,
                            new NewObject(
                                    key,
                                    data,
                                    etag,
                                    metadata,
                                    tags,
                                    storageClass,
                                    checksum,
                                    List.of(),
                                    List.of(),
                                    acl,
                                    encryption,
                                    lock),
                            Preconditions.NONE);
            respond(v);
        }

        @Override
        public void onAbort() {
            if (writer != null) {
                writer.abort();
                writer = null;
            }
        }

        private void respond(ObjectVersion v) {
            String location = location(r, bucket.name(), key);
            String redirect = fields.getOrDefault("success_action_redirect", fields.get("redirect"));
            FullHttpResponse resp;
            if (redirect != null && (redirect.startsWith("http://") || redirect.startsWith("https://"))) {
                resp = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.SEE_OTHER, Unpooled.EMPTY_BUFFER);
                resp.headers()
                        .set(
                                "Location",
                                redirect + (redirect.contains("?") ? "&" : "?") + "bucket=" + encode(bucket.name())
                                        + "&key=" + encode(key) + "&etag=" + encode(v.quotedEtag()));
            } else {
                String status =
                        fields.getOrDefault("success_action_status", "204").trim();
                if (status.equals("201")) {
                    XmlWriter x = XmlWriter.document("PostResponse", null);
                    x.element("Location", location)
                            .element("Bucket", bucket.name())
                            .element("Key", key)
                            .element("ETag", v.quotedEtag());
                    resp = new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED, Unpooled.wrappedBuffer(x.toBytes()));
                    resp.headers().set("Content-Type", "application/xml");
                } else {
                    resp = new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1,
                            status.equals("200") ? HttpResponseStatus.OK : HttpResponseStatus.NO_CONTENT,
                            Unpooled.EMPTY_BUFFER);
                }
                resp.headers().set("Location", location);
            }
            resp.headers().set("ETag", v.quotedEtag());
            EncryptionApi.headers(resp.headers(), v.encryption());
            ObjectApi.versionHeader(resp, bucket, v.versionId());
            r.respond(resp);
        }
    }

    /** The form's fields as the request headers they stand for ({@code acl} is {@code x-amz-acl}). */
    private static HttpHeaders asHeaders(Map<String, String> fields) {
        HttpHeaders h = new DefaultHttpHeaders(false);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String name = f.getKey();
            if (name.equals("acl")) {
                h.set("x-amz-acl", f.getValue());
            } else if (name.equals("content-type")
                    || name.equals("cache-control")
                    || name.equals("content-disposition")
                    || name.equals("content-encoding")
                    || name.equals("content-language")
                    || name.equals("expires")
                    || name.startsWith("x-amz-meta-")
                    || name.equals("x-amz-storage-class")
                    || name.startsWith("x-amz-server-side-encryption")
                    || name.startsWith("x-amz-grant-")
                    || name.startsWith("x-amz-object-lock-")) {
                h.set(name, f.getValue());
            }
        }
        return h;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
