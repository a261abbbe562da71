package dev.minicloud.internal.aws.checksum;

import dev.minicloud.internal.aws.AwsException;
import java.util.Base64;
import java.util.List;

/**
 * The checksum of a completed multipart upload, computed from its parts as S3 does:
 * <ul>
 *   <li>COMPOSITE: {@code base64(checksum(concat(raw part checksums))) + "-" + N};</li>
 *   <li>FULL_OBJECT: the CRC of the whole object, combined from the part CRCs and part lengths
 *       (CRC32, CRC32C, CRC64NVME only), with no suffix.</li>
 * </ul>
 * Also the ETag rule {@code md5(concat(part md5s))-N} and S3's validation of algorithm/type pairs.
 */
public final class MultipartChecksum {

    /** One part's raw checksum (not base64) and its length in bytes. */
    public record Part(byte[] checksum, long length) {}

    private MultipartChecksum() {}

    /**
     * Resolves the checksum type of a CreateMultipartUpload from its headers' values (either may be
     * {@code null}) the way S3 does, or throws S3's error for a disallowed combination.
     *
     * @return the type, or {@code null} when neither algorithm nor type was given
     */
    public static ChecksumType resolveType(String algorithmHeader, String typeHeader) {
        ChecksumAlgorithm algorithm = null;
        if (algorithmHeader != null) {
            algorithm = ChecksumAlgorithm.fromName(algorithmHeader);
            if (algorithm == null) {
                throw ChecksumErrors.unsupportedAlgorithm();
            }
        }
        if (typeHeader == null) {
            return algorithm == null ? null : algorithm.defaultType();
        }
        ChecksumType type = ChecksumType.fromName(typeHeader);
        if (type == null) {
            throw ChecksumErrors.invalidType();
        }
        if (algorithm == null) {
            throw ChecksumErrors.typeWithoutAlgorithm();
        }
        validate(algorithm, type);
        return type;
    }

    /** @throws AwsException {@code InvalidRequest} if S3 does not allow the pair */
    public static void validate(ChecksumAlgorithm algorithm, ChecksumType type) {
        if (!algorithm.supports(type)) {
            throw ChecksumErrors.typeNotSupported(algorithm, type);
        }
    }

    /** The COMPOSITE checksum, e.g. {@code "Mjk0ZmY=-3"}. */
    public static String composite(ChecksumAlgorithm algorithm, List<byte[]> partChecksums) {
        Checksummer c = algorithm.newChecksummer();
        for (byte[] p : partChecksums) {
            c.update(p);
        }
        return c.base64() + "-" + partChecksums.size();
    }

    /** The FULL_OBJECT checksum in base64, from the parts in order. */
    public static String fullObject(ChecksumAlgorithm algorithm, List<Part> parts) {
        return Base64.getEncoder().encodeToString(fullObjectRaw(algorithm, parts));
    }

    /** The FULL_OBJECT checksum, raw bytes. An upload of no parts has the CRC of no bytes. */
    public static byte[] fullObjectRaw(ChecksumAlgorithm algorithm, List<Part> parts) {
        if (!algorithm.isCrc()) {
            throw new IllegalArgumentException("algorithm: " + algorithm + " (expected: a CRC for FULL_OBJECT)");
        }
        if (parts.isEmpty()) {
            return algorithm.newChecksummer().digest();
        }
        long crc = CrcMath.fromBytes(parts.get(0).checksum());
        for (int i = 1; i < parts.size(); i++) {
            Part p = parts.get(i);
            crc = CrcMath.combine(
                    crc, CrcMath.fromBytes(p.checksum()), p.length(), algorithm.reflectedPoly(), algorithm.widthBits());
        }
        return CrcMath.toBytes(crc, algorithm.digestLength());
    }

    /** crc(A||B) from crc(A), crc(B) and len(B), raw big-endian values; CRC algorithms only. */
    public static byte[] combine(ChecksumAlgorithm algorithm, byte[] crcA, byte[] crcB, long lengthB) {
        if (!algorithm.isCrc()) {
            throw new IllegalArgumentException("algorithm: " + algorithm + " (expected: a CRC)");
        }
        long crc = CrcMath.combine(
                CrcMath.fromBytes(crcA),
                CrcMath.fromBytes(crcB),
                lengthB,
                algorithm.reflectedPoly(),
                algorithm.widthBits());
        return CrcMath.toBytes(crc, algorithm.digestLength());
    }

    /** The multipart ETag without quotes: {@code hex(md5(concat(part md5s))) + "-" + N}. */
    public static String multipartEtag(List<byte[]> partMd5s) {
        Checksummer md5 = Checksummer.md5();
        for (byte[] p : partMd5s) {
            md5.update(p);
        }
        return ContentMd5.hex(md5.digest()) + "-" + partMd5s.size();
    }
}
