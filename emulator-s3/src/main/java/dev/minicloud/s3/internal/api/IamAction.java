package dev.minicloud.s3.internal.api;

/**
 * The access column of the S3 route table: the IAM action an operation needs, as AWS's "Actions,
 * resources, and condition keys for Amazon S3" names it ({@code s3:GetObject}), the action it
 * needs instead when the request names a {@code versionId} ({@code s3:GetObjectVersion}), and what
 * the action is checked against. Strict mode authorizes each request by it ({@link S3Access});
 * lenient mode lets every caller in.
 *
 * @param action the IAM action, {@code null} for {@link Scope#UNCHECKED}
 * @param versionAction the action for a request with {@code versionId}, or {@code null}: the same
 */
record IamAction(String action, String versionAction, Scope scope) {

    /** What the action is authorized against. */
    enum Scope {
        /** The caller's own account (ListBuckets, CreateBucket): any signed caller, never an anonymous one. */
        ACCOUNT,
        /** The addressed bucket ({@code arn:aws:s3:::bucket}). */
        BUCKET,
        /** The addressed object ({@code arn:aws:s3:::bucket/key}). */
        OBJECT,
        /**
         * Each object the request names, checked by the handler once it knows them: DeleteObjects
         * answers per key, a POST form upload names its key (and its signer) in the form.
         */
        PER_KEY,
        /** Not authorized by the gate: a CORS preflight (unsigned by design; the bucket's CORS rules decide). */
        UNCHECKED
    }

    /** The action to check for a request with or without a {@code versionId}. */
    String actionFor(String versionId) {
        return versionId != null && versionAction != null ? versionAction : action;
    }
}
