/**
 * Request body decoding for S3: every {@code x-amz-content-sha256} form, {@code aws-chunked}
 * framing, trailers, and the integrity checks S3 makes on the way.
 *
 * <h2>Integration in an S3 PUT / UploadPart handler</h2>
 * <pre>{@code
 * PayloadDecoder payload = PayloadDecoder.builder(request.headers())   // throws AwsException on bad headers
 *         .sink(buf -> store.append(buf))                             // decoded bytes, borrowed
 *         .defaultAlgorithm(ChecksumAlgorithm.CRC64NVME)              // S3's default, if the client sends none
 *         .alsoCompute(uploadAlgorithm)                               // always, e.g. a multipart upload's
 *         .signatureCheck(strict ? verified.chunkSignatureChain() : null)
 *         .build();
 * // BodyHandler.onContent(chunk):  payload.onContent(chunk);          // throws AwsException
 * // BodyHandler.onEnd(trailers):   PayloadResult r = payload.finish(); // throws AwsException
 * // r.etag(), r.length(), r.requestAlgorithm(), r.checksum(alg) (base64), r.rawChecksum(alg)
 * }</pre>
 * On an exception, answer it with {@code request.respondError(e)}, discard the rest of the body and
 * drop the partial object. Store {@code PayloadDecoder.storedContentEncoding(header)} as the
 * object's Content-Encoding: S3 strips {@code aws-chunked} from it.
 *
 * <ul>
 *   <li>{@link dev.minicloud.internal.aws.chunked.PayloadDecoder}: the facade above.</li>
 *   <li>{@link dev.minicloud.internal.aws.chunked.PayloadMode}: the announced body form.</li>
 *   <li>{@link dev.minicloud.internal.aws.chunked.AwsChunkedDecoder} +
 *       {@link dev.minicloud.internal.aws.chunked.ChunkListener}: the bare incremental framing decoder.</li>
 *   <li>{@link dev.minicloud.internal.aws.chunked.StreamingSignatureCheck}: hook for chunk and trailer
 *       signatures (implemented in {@code dev.minicloud.internal.aws.auth}).</li>
 *   <li>{@link dev.minicloud.internal.aws.chunked.ChunkedErrors}: S3's errors ({@code IncompleteBody},
 *       {@code MalformedTrailerError}, {@code InvalidChunkSizeError} (signed chunks under 8 KiB but the
 *       last), {@code MissingContentLength}, {@code XAmzContentSHA256Mismatch},
 *       {@code InvalidArgument}).</li>
 * </ul>
 */
package dev.minicloud.internal.aws.chunked;
