package dev.minicloud.internal.aws.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

class ChecksumAlgorithmTest {

    static String sdk(ChecksumAlgorithm a, byte[] data) {
        SdkChecksum c = SdkChecksum.forAlgorithm(
                switch (a) {
                    case CRC32 -> DefaultChecksumAlgorithm.CRC32;
                    case CRC32C -> DefaultChecksumAlgorithm.CRC32C;
                    case CRC64NVME -> DefaultChecksumAlgorithm.CRC64NVME;
                    case SHA1 -> DefaultChecksumAlgorithm.SHA1;
                    case SHA256 -> DefaultChecksumAlgorithm.SHA256;
                });
        c.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(c.getChecksumBytes());
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void matchesTheSdkForManySizes(ChecksumAlgorithm a) {
        for (int n : new int[] {0, 1, 7, 8, 9, 63, 64, 1000, 65_537}) {
            byte[] data = random(n, n);
            assertEquals(sdk(a, data), a.base64Of(data), a + " over " + n + " bytes");
            assertEquals(a.digestLength(), a.newChecksummer().update(data).digest().length);
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void byteBufUpdatesMatchArrayUpdatesForHeapDirectAndComposite(ChecksumAlgorithm a) {
        byte[] data = random(10_001, 42);
        String expected = a.base64Of(data);

        ByteBuf heap = Unpooled.wrappedBuffer(data, 3, data.length - 3);
        Checksummer c1 = a.newChecksummer().update(data, 0, 3).update(heap);
        assertEquals(expected, c1.base64());
        assertEquals(0, heap.readerIndex(), "reader index untouched");

        ByteBuf direct = Unpooled.directBuffer(data.length).writeBytes(data);
        try {
            assertEquals(expected, a.newChecksummer().update(direct).base64());
        } finally {
            direct.release();
        }

        CompositeByteBuf composite = Unpooled.compositeBuffer();
        composite.addComponent(true, Unpooled.wrappedBuffer(data, 0, 5));
        ByteBuf mid = Unpooled.directBuffer().writeBytes(data, 5, 4000);
        composite.addComponent(true, mid);
        composite.addComponent(true, Unpooled.wrappedBuffer(data, 4005, data.length - 4005));
        try {
            assertEquals(expected, a.newChecksummer().update(composite).base64());
        } finally {
            composite.release();
        }
    }

    @Test
    void crc64NvmeHasTheCatalogueCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(check, 0, check.length);
        assertEquals(0xAE8B14860A799888L, crc.getValue());
    }

    @Test
    void crc64NvmeReadsDirectBuffersInPlaceFromTheirPosition() {
        byte[] data = random(5000, 5);
        for (int from : new int[] {0, 1, 3, 15, 17}) {
            for (int to : new int[] {from, from + 1, from + 16, from + 33, 5000}) {
                ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data);
                direct.position(from).limit(to);
                Crc64Nvme viaBuffer = new Crc64Nvme();
                viaBuffer.update(direct);
                assertEquals(to, direct.position(), "consumed");
                Crc64Nvme viaArray = new Crc64Nvme();
                viaArray.update(data, from, to - from);
                assertEquals(viaArray.getValue(), viaBuffer.getValue(), from + ".." + to);
            }
        }
    }

    @Test
    void knownS3ValuesForShortStrings() {
        // Values S3 returns for these bodies (as published in S3-compatible test suites).
        assertEquals("M3eFcAZSQlc=", ChecksumAlgorithm.CRC64NVME.base64Of(ascii("hello")));
        assertEquals("jSnVw/bqjr4=", ChecksumAlgorithm.CRC64NVME.base64Of(ascii("hello world")));
        assertEquals("MSpqpg==", ChecksumAlgorithm.CRC32.base64Of(ascii("abcdefg")));
        assertEquals("5if0QQ==", ChecksumAlgorithm.CRC32C.base64Of(ascii("abcdefg")));
        assertEquals("SmzZ/LTp1CA=", ChecksumAlgorithm.CRC64NVME.base64Of(ascii("abcdefg")));
        assertEquals("L7XhNBn8iSRoZeejJPR27GJOh0A=", ChecksumAlgorithm.SHA1.base64Of(ascii("abcdefg")));
        assertEquals(
                "fRpUEnsiJQL1t5tfsIAwYRUqRPkrN+I8ZSe69mXU2po=", ChecksumAlgorithm.SHA256.base64Of(ascii("abcdefg")));
    }

    @Test
    void namesAndHeadersAreSpelledAsAwsSpellsThem() {
        assertEquals("x-amz-checksum-crc64nvme", ChecksumAlgorithm.CRC64NVME.headerName());
        assertEquals("ChecksumCRC32C", ChecksumAlgorithm.CRC32C.xmlElementName());
        assertSame(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.fromName("crc32c"));
        assertSame(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.fromHeaderName("X-Amz-Checksum-SHA256"));
        assertNull(ChecksumAlgorithm.fromName("md5"));
        assertNull(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-type"));
    }

    @Test
    void decodeValueRejectsBadBase64AndWrongLengths() {
        assertArrayEquals(new byte[] {0x31, 0x2a, 0x6a, (byte) 0xa6}, ChecksumAlgorithm.CRC32.decodeValue("MSpqpg=="));
        assertNull(ChecksumAlgorithm.CRC32.decodeValue("not base64!"));
        assertNull(ChecksumAlgorithm.CRC32.decodeValue("SmzZ/LTp1CA="), "8 bytes is not a CRC32");
        assertNull(ChecksumAlgorithm.SHA1.decodeValue(""));
    }

    @Test
    void typeRulesFollowS3() {
        assertTrue(ChecksumAlgorithm.CRC32.supports(ChecksumType.COMPOSITE));
        assertTrue(ChecksumAlgorithm.CRC32C.supports(ChecksumType.FULL_OBJECT));
        assertFalse(ChecksumAlgorithm.CRC64NVME.supports(ChecksumType.COMPOSITE));
        assertFalse(ChecksumAlgorithm.SHA256.supports(ChecksumType.FULL_OBJECT));
        assertEquals(ChecksumType.FULL_OBJECT, ChecksumAlgorithm.CRC64NVME.defaultType());
        assertEquals(ChecksumType.COMPOSITE, ChecksumAlgorithm.SHA1.defaultType());
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
