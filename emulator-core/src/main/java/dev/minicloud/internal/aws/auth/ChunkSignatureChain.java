package dev.minicloud.internal.aws.auth;

import dev.minicloud.internal.aws.chunked.StreamingSignatureCheck;

/**
 * Verifies the signature chain of a {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]} body: each
 * chunk's signature signs its data hash and the previous signature (the request's signature seeds
 * the chain), and the trailer signature signs the trailers after the last chunk:
 * <pre>
 * AWS4-HMAC-SHA256-PAYLOAD \n date \n scope \n previous-signature \n sha256("") \n sha256(chunk)
 * AWS4-HMAC-SHA256-TRAILER \n date \n scope \n previous-signature \n sha256(trailers)
 * </pre>
 * A missing or wrong signature is {@code SignatureDoesNotMatch}. Feed it to
 * {@link dev.minicloud.internal.aws.chunked.PayloadDecoder.Builder#signatureCheck}. One per request.
 */
public final class ChunkSignatureChain implements StreamingSignatureCheck {
    private final String accessKey;
    private final byte[] signingKey;
    private final String amzDate;
    private final String scope;
    private String previous;

    ChunkSignatureChain(String accessKey, byte[] signingKey, String amzDate, String scope, String seedSignature) {
        this.accessKey = accessKey;
        this.signingKey = signingKey;
        this.amzDate = amzDate;
        this.scope = scope;
        this.previous = seedSignature;
    }

    @Override
    public void verifyChunk(String signature, byte[] chunkSha256) {
        String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + SigV4.EMPTY_SHA256 + "\n" + SigV4.hex(chunkSha256);
        check(stringToSign, signature);
    }

    @Override
    public void verifyTrailer(String signature, String canonicalTrailers) {
        String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + SigV4.sha256Hex(canonicalTrailers);
        check(stringToSign, signature);
    }

    private void check(String stringToSign, String provided) {
        String expected = SigV4.hex(SigV4.hmac(signingKey, stringToSign));
        if (!SigV4.signaturesEqual(expected, provided)) {
            throw AuthErrors.signatureDoesNotMatch(accessKey, stringToSign, provided, null);
        }
        previous = expected;
    }
}
