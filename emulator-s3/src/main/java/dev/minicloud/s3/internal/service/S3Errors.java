package dev.minicloud.s3.internal.service;

import dev.minicloud.internal.aws.AwsException;

/**
 * S3's errors with their exact codes, status codes, messages and context fields, in one place so
 * that every operation answers a given failure the same way S3 does.
 */
public final class S3Errors {
    private S3Errors() {}

    public static AwsException noSuchBucket(String bucket) {
        return new AwsException(404, "NoSuchBucket", "The specified bucket does not exist").with("BucketName", bucket);
    }

    public static AwsException noSuchKey(String key) {
        return new AwsException(404, "NoSuchKey", "The specified key does not exist.").with("Key", key);
    }

    public static AwsException noSuchUpload(String uploadId) {
        return new AwsException(
                        404,
                        "NoSuchUpload",
                        "The specified upload does not exist. The upload ID may be "
                                + "invalid, or the upload may have been aborted or completed.")
                .with("UploadId", uploadId);
    }

    public static AwsException bucketNotEmpty(String bucket) {
        return new AwsException(409, "BucketNotEmpty", "The bucket you tried to delete is not empty")
                .with("BucketName", bucket);
    }

    public static AwsException bucketAlreadyOwnedByYou(String bucket) {
        return new AwsException(
                        409,
                        "BucketAlreadyOwnedByYou",
                        "Your previous request to create the named bucket succeeded and you already own it.")
                .with("BucketName", bucket);
    }

    public static AwsException invalidBucketName(String bucket) {
        return new AwsException(400, "InvalidBucketName", "The specified bucket is not valid.")
                .with("BucketName", bucket);
    }

    public static AwsException invalidArgument(String message, String name, String value) {
        return new AwsException(400, "InvalidArgument", message)
                .with("ArgumentName", name)
                .with("ArgumentValue", value);
    }

    public static AwsException invalidRequest(String message) {
        return new AwsException(400, "InvalidRequest", message);
    }

    public static AwsException malformedXml() {
        return new AwsException(
                400,
                "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    public static AwsException preconditionFailed(String condition) {
        return new AwsException(
                        412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
                .with("Condition", condition);
    }

    public static AwsException invalidRange(long size, String range) {
        return new AwsException(416, "InvalidRange", "The requested range is not satisfiable")
                .with("RangeRequested", range)
                .with("ActualObjectSize", Long.toString(size));
    }

    public static AwsException invalidPart(String uploadId, int partNumber, String etag) {
        return new AwsException(
                        400,
                        "InvalidPart",
                        "One or more of the specified parts could not be found.  "
                                + "The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
                .with("UploadId", uploadId)
                .with("PartNumber", Integer.toString(partNumber))
                .with("ETag", etag);
    }

    public static AwsException invalidPartOrder(String uploadId) {
        return new AwsException(
                        400,
                        "InvalidPartOrder",
                        "The list of parts was not in ascending order. Parts must be ordered by part number.")
                .with("UploadId", uploadId);
    }

    public static AwsException entityTooSmall(long size, int partNumber, String etag) {
        return new AwsException(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size")
                .with("ProposedSize", Long.toString(size))
                .with("MinSizeAllowed", Long.toString(5L * 1024 * 1024))
                .with("PartNumber", Integer.toString(partNumber))
                .with("ETag", etag);
    }

    public static AwsException badDigest(String message) {
        return new AwsException(400, "BadDigest", message);
    }

    public static AwsException invalidDigest() {
        return new AwsException(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
    }

    public static AwsException invalidTag(String message) {
        return new AwsException(400, "InvalidTag", message);
    }

    public static AwsException noSuchTagSet() {
        return new AwsException(404, "NoSuchTagSet", "The TagSet does not exist");
    }

    public static AwsException notImplemented(String what) {
        return new AwsException(
                        501, "NotImplemented", "A header you provided implies functionality that is not implemented")
                .with("Header", what);
    }

    public static AwsException methodNotAllowed(String method, String resource) {
        return new AwsException(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")
                .with("Method", method)
                .with("ResourceType", resource);
    }

    public static AwsException insufficientStorage(String message) {
        return new AwsException(507, "InsufficientStorage", message);
    }

    public static AwsException accessDenied(String message) {
        return new AwsException(403, "AccessDenied", message);
    }

    public static AwsException malformedAcl() {
        return new AwsException(
                400,
                "MalformedACLError",
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    /** An ACL write to a bucket whose ownership controls disable ACLs. */
    public static AwsException aclNotSupported() {
        return new AwsException(400, "AccessControlListNotSupported", "The bucket does not allow ACLs");
    }

    /** CreateBucket (or PutBucketOwnershipControls) enforcing bucket ownership with an ACL that grants others. */
    public static AwsException invalidBucketAclWithObjectOwnership() {
        return new AwsException(
                400,
                "InvalidBucketAclWithObjectOwnership",
                "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    }

    /** CreateBucket with a public ACL while the new bucket's Block Public Access (on by default) refuses it. */
    public static AwsException invalidBucketAclWithBlockPublicAccess() {
        return new AwsException(
                400,
                "InvalidBucketAclWithBlockPublicAccessError",
                "Bucket cannot have public ACLs set with BlockPublicAccess enabled");
    }

    public static AwsException unresolvableGrantByEmailAddress(String email) {
        return new AwsException(
                        400,
                        "UnresolvableGrantByEmailAddress",
                        "The e-mail address you provided does not match any account on record.")
                .with("EmailAddress", email);
    }

    public static AwsException missingSecurityHeader(String header) {
        return new AwsException(400, "MissingSecurityHeader", "Your request was missing a required header")
                .with("MissingHeaderName", header);
    }

    public static AwsException unexpectedContent() {
        return new AwsException(400, "UnexpectedContent", "This request does not support content");
    }
}
