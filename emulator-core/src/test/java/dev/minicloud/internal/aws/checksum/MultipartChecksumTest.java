package dev.minicloud.internal.aws.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.internal.aws.AwsException;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MultipartChecksumTest {

    @ParameterizedTest
    @EnumSource(
            value = ChecksumAlgorithm.class,
            names = {"CRC32", "CRC32C", "CRC64NVME"})
    void fullObjectEqualsTheChecksumOfTheConcatenatedParts(ChecksumAlgorithm a) {
        int[] sizes = {5 * 1024 * 1024 + 3, 1, 0, 77_777, 8};
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        List<MultipartChecksum.Part> parts = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] p = ChecksumAlgorithmTest.random(sizes[i], i);
            whole.writeBytes(p);
            parts.add(new MultipartChecksum.Part(a.newChecksummer().update(p).digest(), p.length));
        }
        assertEquals(ChecksumAlgorithmTest.sdk(a, whole.toByteArray()), MultipartChecksum.fullObject(a, parts));
    }

    @Test
    void fullObjectOfOnePartIsThatPart() {
        byte[] p = ChecksumAlgorithmTest.random(100, 9);
        byte[] crc = ChecksumAlgorithm.CRC32C.newChecksummer().update(p).digest();
        assertEquals(
                Base64.getEncoder().encodeToString(crc),
                MultipartChecksum.fullObject(ChecksumAlgorithm.CRC32C, List.of(new MultipartChecksum.Part(crc, 100))));
    }

    @Test
    void fullObjectIsOnlyForCrcs() {
        assertThrows(
                IllegalArgumentException.class,
                () -> MultipartChecksum.fullObject(ChecksumAlgorithm.SHA256, List.of()));
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void compositeIsTheChecksumOfRawPartChecksumsWithCount(ChecksumAlgorithm a) throws Exception {
        byte[] p1 = ChecksumAlgorithmTest.random(1000, 1);
        byte[] p2 = ChecksumAlgorithmTest.random(10, 2);
        byte[] c1 = a.newChecksummer().update(p1).digest();
        byte[] c2 = a.newChecksummer().update(p2).digest();
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        concat.writeBytes(c1);
        concat.writeBytes(c2);
        assertEquals(
                ChecksumAlgorithmTest.sdk(a, concat.toByteArray()) + "-2",
                MultipartChecksum.composite(a, List.of(c1, c2)));
    }

    @Test
    void multipartEtagIsMd5OfPartMd5s() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] m1 = md5.digest(new byte[] {1});
        byte[] m2 = md5.digest(new byte[] {2});
        md5.update(m1);
        md5.update(m2);
        assertEquals(ContentMd5.hex(md5.digest()) + "-2", MultipartChecksum.multipartEtag(List.of(m1, m2)));
    }

    @Test
    void resolveTypeAppliesS3Defaults() {
        assertNull(MultipartChecksum.resolveType(null, null));
        assertEquals(ChecksumType.COMPOSITE, MultipartChecksum.resolveType("CRC32", null));
        assertEquals(ChecksumType.FULL_OBJECT, MultipartChecksum.resolveType("crc64nvme", null));
        assertEquals(ChecksumType.FULL_OBJECT, MultipartChecksum.resolveType("CRC32C", "FULL_OBJECT"));
    }

    @Test
    void resolveTypeRejectsWhatS3Rejects() {
        AwsException e = assertThrows(AwsException.class, () -> MultipartChecksum.resolveType("SHA256", "FULL_OBJECT"));
        assertEquals("InvalidRequest", e.code());
        assertEquals(
                "The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm.", e.getMessage());
        e = assertThrows(AwsException.class, () -> MultipartChecksum.resolveType("CRC64NVME", "COMPOSITE"));
        assertEquals(
                "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.", e.getMessage());
        e = assertThrows(AwsException.class, () -> MultipartChecksum.resolveType(null, "COMPOSITE"));
        assertEquals(
                "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.",
                e.getMessage());
        e = assertThrows(AwsException.class, () -> MultipartChecksum.resolveType("MD5", null));
        assertEquals(400, e.status());
        e = assertThrows(AwsException.class, () -> MultipartChecksum.resolveType("CRC32", "PARTIAL"));
        assertEquals("Value for x-amz-checksum-type header is invalid.", e.getMessage());
    }
}
