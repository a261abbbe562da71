/**
 * AWS request authentication for strict mode: SigV4 header and presigned-query verification, the
 * streaming chunk/trailer signature chain, and lenient SigV2 parsing.
 *
 * <h2>Integration (S3)</h2>
 * <pre>{@code
 * SigV4Verifier verifier = SigV4Verifier.forS3(ctx.config().credentials(), ctx.clock()); // once
 *
 * // per request, before reading the body:
 * if (strict) {
 *     VerifiedRequest v = verifier.verify(request.head());   // throws AwsException with AWS's error
 *     if (v == null) { ... anonymous: AuthErrors.accessDenied() unless the resource is public ... }
 *     // optional: if (!v.region().equals(bucketRegion)) throw AuthErrors.wrongRegion(v.region(), bucketRegion);
 *     payloadBuilder.signatureCheck(v.chunkSignatureChain()); // used only for signed streaming bodies
 * } else {
 *     verifier.checkPresignedExpiry(request.head());            // expired URLs (SigV4 and SigV2) fail even when lenient
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.minicloud.internal.aws.auth.SigV4Verifier}: {@code verify(head)} (header or presigned;
 *       {@code null} when anonymous), {@code verify(head, payloadSha256Hex)} for services that do not
 *       send {@code x-amz-content-sha256}, {@code checkPresignedExpiry(head)},
 *       {@code isPresigned(head)}. Errors: AuthorizationHeaderMalformed,
 *       AuthorizationQueryParametersError, InvalidAccessKeyId, AccessDenied ("Request has expired",
 *       "Request is not valid yet", missing date, unsigned x-amz-* headers with HeadersNotSigned),
 *       RequestTimeTooSkewed (15 min),
 *       SignatureDoesNotMatch (with StringToSign/CanonicalRequest as S3 sends them), InvalidRequest
 *       for SigV2/SigV4a in strict mode.</li>
 *   <li>Strict rules: a repeated {@code Authorization} component is AuthorizationHeaderMalformed, a
 *       repeated presigned {@code X-Amz-*} parameter InvalidArgument, an unsigned {@code host}
 *       AccessDenied ({@code HeadersNotSigned}); the query is parsed by
 *       {@link dev.minicloud.internal.aws.QueryParameters}, as the handlers read it. After verifying,
 *       call {@code EdgeRequest.authenticatedAs(v.accessKey())}: the account is the verified key's.</li>
 *   <li>{@link dev.minicloud.internal.aws.auth.AuthFailures}: a service's own codes for the failures
 *       whose codes differ between services (Route 53's {@code InvalidClientTokenId}).</li>
 *   <li>{@link dev.minicloud.internal.aws.auth.VerifiedRequest}: access key, region, presigned flag,
 *       {@code chunkSignatureChain()}.</li>
 *   <li>{@link dev.minicloud.internal.aws.auth.ChunkSignatureChain}: the
 *       {@link dev.minicloud.internal.aws.chunked.StreamingSignatureCheck} for
 *       {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]} bodies.</li>
 *   <li>{@link dev.minicloud.internal.aws.auth.SigV2Authorization}: parses {@code AWS AKID:sig} (lenient
 *       mode identity only; never verified).</li>
 *   <li>{@link dev.minicloud.internal.aws.auth.CanonicalRequest}, {@link dev.minicloud.internal.aws.auth.SigV4}:
 *       the building blocks (S3 path rule: decoded once, encoded once, never normalised).</li>
 *   <li>{@link dev.minicloud.internal.aws.auth.AuthErrors}: the errors, also for callers (wrong region,
 *       anonymous access denied).</li>
 * </ul>
 */
package dev.minicloud.internal.aws.auth;
