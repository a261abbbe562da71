package dev.minicloud.internal.aws.auth;

/**
 * A request whose SigV4 signature checked out: who signed it, the credential scope, and the means
 * to verify a signed streaming body that follows ({@link #chunkSignatureChain()}).
 */
public final class VerifiedRequest {
    private final Credential credential;
    private final String amzDate;
    private final String signature;
    private final byte[] signingKey;
    private final boolean presigned;

    VerifiedRequest(Credential credential, String amzDate, String signature, byte[] signingKey, boolean presigned) {
        this.credential = credential;
        this.amzDate = amzDate;
        this.signature = signature;
        this.signingKey = signingKey;
        this.presigned = presigned;
    }

    public String accessKey() {
        return credential.accessKey();
    }

    /** The signing region named in the credential (S3 checks it against the bucket's region). */
    public String region() {
        return credential.region();
    }

    public Credential credential() {
        return credential;
    }

    /** Authenticated by query parameters (a presigned URL) rather than the Authorization header. */
    public boolean isPresigned() {
        return presigned;
    }

    /** The request signature (hex), the seed of a streaming body's chunk signatures. */
    public String signature() {
        return signature;
    }

    /** A fresh verifier for this request's signed {@code aws-chunked} body. */
    public ChunkSignatureChain chunkSignatureChain() {
        return new ChunkSignatureChain(credential.accessKey(), signingKey, amzDate, credential.scope(), signature);
    }
}
