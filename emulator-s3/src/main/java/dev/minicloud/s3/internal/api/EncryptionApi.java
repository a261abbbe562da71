package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ServerSideEncryption;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Set;

/**
 * Server-side encryption as S3 reports it: Put/Get/DeleteBucketEncryption (the bucket's default
 * for new objects; SSE-S3 unless configured, and again after a delete, as on S3 since 2023), the
 * {@code x-amz-server-side-encryption*} request headers of writes, and the same headers on every
 * object response. Data stays in memory unencrypted. SSE-C (customer keys, see {@link CustomerKey})
 * is checked and reported as S3 does; only the key's MD5 is kept.
 */
final class EncryptionApi {
    private static final Set<String> ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    /** The encryption a write (PutObject, CopyObject, CreateMultipartUpload) asks for, else the bucket's default. */
    static ServerSideEncryption forWrite(EdgeRequest r, Bucket b, boolean sseCOverHttp) {
        return forWrite(r.headers(), CustomerKey.fromHeaders(r, CustomerKey.PREFIX, sseCOverHttp), b);
    }

    /** {@link #forWrite(EdgeRequest, Bucket, boolean)} from header-like values, with the SSE-C key's MD5 or {@code null}. */
    static ServerSideEncryption forWrite(HttpHeaders r, String customerKey, Bucket b) {
        String algorithm = r.get("x-amz-server-side-encryption");
        if (customerKey != null) {
            if (algorithm != null) {
                throw S3Errors.invalidArgument(
                        "Server Side Encryption with Customer provided key is incompatible with "
                                + "the encryption method specified",
                        "x-amz-server-side-encryption",
                        algorithm);
            }
            return ServerSideEncryption.customerKey(customerKey);
        }
        String keyId = r.get("x-amz-server-side-encryption-aws-kms-key-id");
        String bucketKey = r.get("x-amz-server-side-encryption-bucket-key-enabled");
        if (algorithm == null) {
            if (keyId != null) {
                throw S3Errors.invalidArgument(
                        "Server Side Encryption with AWS KMS managed key requires HTTP header "
                                + "x-amz-server-side-encryption : aws:kms",
                        "x-amz-server-side-encryption",
                        "null");
            }
            return b.defaultEncryption();
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw S3Errors.invalidArgument(
                    "The encryption method specified is not supported", "x-amz-server-side-encryption", algorithm);
        }
        if (algorithm.equals("AES256")) {
            if (keyId != null) {
                throw S3Errors.invalidArgument(
                        "x-amz-server-side-encryption-aws-kms-key-id header is not applicable "
                                + "when x-amz-server-side-encryption is AES256",
                        "x-amz-server-side-encryption-aws-kms-key-id",
                        keyId);
            }
            return ServerSideEncryption.SSE_S3;
        }
        boolean bucketKeyEnabled = bucketKey != null
                ? "true".equalsIgnoreCase(bucketKey.trim())
                : b.defaultEncryption().usesKms() && b.defaultEncryption().bucketKeyEnabled();
        return new ServerSideEncryption(algorithm, keyId != null ? keyId : managedKey(b), bucketKeyEnabled);
    }

    /** The key S3 uses for KMS encryption when none is named: the account's AWS managed key for S3. */
    private static String managedKey(Bucket b) {
        String configured =
                b.defaultEncryption().usesKms() ? b.defaultEncryption().kmsKeyId() : null;
        return configured != null ? configured : "arn:aws:kms:" + b.region() + ":" + b.owner() + ":alias/aws/s3";
    }

    /** The encryption headers of an object response. */
    static void headers(HttpHeaders h, ServerSideEncryption e) {
        if (e == null) {
            return;
        }
        if (e.isCustomerKey()) {
            h.set(CustomerKey.PREFIX + "algorithm", "AES256");
            h.set(CustomerKey.PREFIX + "key-MD5", e.customerKeyMd5());
            return;
        }
        h.set("x-amz-server-side-encryption", e.algorithm());
        if (e.usesKms()) {
            h.set("x-amz-server-side-encryption-aws-kms-key-id", e.kmsKeyId());
            if (e.bucketKeyEnabled()) {
                h.set("x-amz-server-side-encryption-bucket-key-enabled", "true");
            }
        }
    }

    void get(EdgeRequest r, Bucket b) {
        ServerSideEncryption e = b.defaultEncryption();
        XmlWriter x = S3Xml.document("ServerSideEncryptionConfiguration");
        x.start("Rule")
                .start("ApplyServerSideEncryptionByDefault")
                .element("SSEAlgorithm", e.algorithm())
                .element("KMSMasterKeyID", e.kmsKeyId())
                .end()
                .element("BucketKeyEnabled", e.bucketKeyEnabled())
                .end();
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    BodyHandler put(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            List<XmlElement> rules = xml.children("Rule");
            if (!xml.name().equals("ServerSideEncryptionConfiguration") || rules.size() != 1) {
                throw S3Errors.malformedXml();
            }
            XmlElement rule = rules.get(0);
            XmlElement byDefault = rule.child("ApplyServerSideEncryptionByDefault");
            String algorithm = byDefault == null ? null : byDefault.childText("SSEAlgorithm");
            if (algorithm == null || !ALGORITHMS.contains(algorithm)) {
                throw S3Errors.malformedXml();
            }
            String keyId = byDefault.childText("KMSMasterKeyID");
            if (keyId != null && algorithm.equals("AES256")) {
                throw S3Errors.invalidArgument(
                        "a KMSMasterKeyID is not applicable if the default sse algorithm is not "
                                + "aws:kms or aws:kms:dsse",
                        "ApplyServerSideEncryptionByDefault",
                        "");
            }
            String bucketKey = rule.childText("BucketKeyEnabled");
            if (bucketKey != null && !bucketKey.equals("true") && !bucketKey.equals("false")) {
                throw S3Errors.malformedXml();
            }
            b.defaultEncryption(new ServerSideEncryption(algorithm, keyId, "true".equals(bucketKey)));
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    void delete(EdgeRequest r, Bucket b) {
        b.defaultEncryption(ServerSideEncryption.SSE_S3);
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }
}
