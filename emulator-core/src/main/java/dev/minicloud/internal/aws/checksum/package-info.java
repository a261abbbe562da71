/**
 * S3 integrity checksums: the flexible checksum algorithms, Content-MD5, and multipart checksums.
 *
 * <h2>API in brief</h2>
 * <ul>
 *   <li>{@link dev.minicloud.internal.aws.checksum.ChecksumAlgorithm}: {@code CRC32, CRC32C, CRC64NVME,
 *       SHA1, SHA256}; {@code fromName("crc32c")}, {@code fromHeaderName("x-amz-checksum-crc32")},
 *       {@code headerName()}, {@code xmlElementName()} ({@code ChecksumCRC32}),
 *       {@code decodeValue(b64)} (null when malformed), {@code newChecksummer()},
 *       {@code supports(ChecksumType)}, {@code defaultType()}.</li>
 *   <li>{@link dev.minicloud.internal.aws.checksum.Checksummer}: incremental, fed
 *       {@code update(ByteBuf)} without copying (reader index untouched) or arrays; then
 *       {@code digest()} (raw) or {@code base64()}, once. {@code Checksummer.md5()} for ETags.</li>
 *   <li>{@link dev.minicloud.internal.aws.checksum.ContentMd5}: {@code parse(header)} throws
 *       {@code InvalidDigest}; {@code verify(expected, actualMd5)} throws {@code BadDigest};
 *       {@code hex(md5)} for the ETag.</li>
 *   <li>{@link dev.minicloud.internal.aws.checksum.MultipartChecksum}: {@code resolveType(algorithmHeader,
 *       typeHeader)} for CreateMultipartUpload (S3's defaults and errors), {@code composite(alg,
 *       rawPartChecksums)} giving {@code "b64-N"}, {@code fullObject(alg, parts)} combining part CRCs
 *       with their lengths, {@code multipartEtag(partMd5s)} giving {@code "hex-N"}.</li>
 *   <li>{@link dev.minicloud.internal.aws.checksum.ChecksumErrors}: S3's codes and messages for every
 *       integrity failure ({@code BadDigest}, {@code InvalidRequest} variants).</li>
 * </ul>
 * For request bodies, use {@code dev.minicloud.internal.aws.chunked.PayloadDecoder}, which drives all of
 * this from the request headers.
 */
package dev.minicloud.internal.aws.checksum;
