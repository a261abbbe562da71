package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesParts;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * GetObjectAttributes on multipart objects, as S3 answers it: a COMPOSITE checksum without its
 * {@code -N} suffix and its parts listed with their checksums under {@code ObjectParts} (paged by
 * max-parts and part-number-marker); FULL_OBJECT objects and those without a checksum only count
 * their parts; single-part objects have no {@code ObjectParts}.
 */
class ObjectAttributesTest extends S3WireTest {
    private static final int PART = 5 * 1024 * 1024;

    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private final byte[][] parts = {TestBytes.random(PART, 1), TestBytes.random(PART, 2), TestBytes.random(999, 3)};

    @BeforeEach
    void createBucket() {
        s3.createBucket(b -> b.bucket("attrs"));
    }

    /** Uploads {@link #parts} with CRC32 part checksums (the default client's) and completes. */
    private void upload(String key, ChecksumAlgorithm algorithm, ChecksumType type) {
        String id = s3.createMultipartUpload(b ->
                        b.bucket("attrs").key(key).checksumAlgorithm(algorithm).checksumType(type))
                .uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int n = i + 1;
            UploadPartResponse r = s3.uploadPart(
                    b -> b.bucket("attrs")
                            .key(key)
                            .uploadId(id)
                            .partNumber(n)
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                    RequestBody.fromBytes(parts[n - 1]));
            done.add(CompletedPart.builder()
                    .partNumber(n)
                    .eTag(r.eTag())
                    .checksumCRC32(algorithm == null ? null : r.checksumCRC32())
                    .build());
        }
        s3.completeMultipartUpload(b -> b.bucket("attrs").key(key).uploadId(id).multipartUpload(m -> m.parts(done)));
    }

    private GetObjectAttributesResponse attributes(String key, Integer maxParts, Integer marker) {
        return s3.getObjectAttributes(b -> b.bucket("attrs")
                .key(key)
                .maxParts(maxParts)
                .partNumberMarker(marker)
                .objectAttributes(ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_PARTS));
    }

    private String compositeCrc32() {
        ByteBuffer raw = ByteBuffer.allocate(4 * parts.length);
        for (byte[] p : parts) {
            raw.put(Base64.getDecoder().decode(TestBytes.crc32(p)));
        }
        return TestBytes.crc32(raw.array());
    }

    private void assertPart(ObjectPart part, int number) {
        assertEquals(number, part.partNumber());
        assertEquals(parts[number - 1].length, part.size());
        assertEquals(TestBytes.crc32(parts[number - 1]), part.checksumCRC32());
    }

    @Test
    void compositeObjectAnswersItsChecksumWithoutPartCountAndListsItsParts() {
        upload("composite", ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
        GetObjectAttributesResponse a = attributes("composite", null, null);
        assertEquals(compositeCrc32(), a.checksum().checksumCRC32());
        assertEquals(ChecksumType.COMPOSITE, a.checksum().checksumType());
        GetObjectAttributesParts op = a.objectParts();
        assertEquals(3, op.totalPartsCount());
        assertEquals(1000, op.maxParts());
        assertFalse(op.isTruncated());
        assertEquals(3, op.parts().size());
        for (int n = 1; n <= 3; n++) {
            assertPart(op.parts().get(n - 1), n);
        }
        assertEquals(
                compositeCrc32() + "-3",
                s3.headObject(b -> b.bucket("attrs").key("composite").checksumMode(ChecksumMode.ENABLED))
                        .checksumCRC32(),
                "HEAD keeps the part count");
    }

    @Test
    void compositePartsArePagedWithMaxPartsAndPartNumberMarker() {
        upload("paged", ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
        GetObjectAttributesParts first = attributes("paged", 2, null).objectParts();
        assertEquals(3, first.totalPartsCount());
        assertEquals(2, first.maxParts());
        assertTrue(first.isTruncated());
        assertEquals(2, first.nextPartNumberMarker());
        assertEquals(2, first.parts().size());
        assertPart(first.parts().get(0), 1);
        assertPart(first.parts().get(1), 2);

        GetObjectAttributesParts second =
                attributes("paged", 2, first.nextPartNumberMarker()).objectParts();
        assertEquals(2, second.partNumberMarker());
        assertFalse(second.isTruncated());
        assertEquals(3, second.nextPartNumberMarker());
        assertEquals(1, second.parts().size());
        assertPart(second.parts().get(0), 3);
    }

    @Test
    void fullObjectAndUnchecksummedMultipartObjectsOnlyCountTheirParts() {
        upload("full", ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT);
        GetObjectAttributesResponse full = attributes("full", null, null);
        byte[] whole = TestBytes.concat(TestBytes.concat(parts[0], parts[1]), parts[2]);
        assertEquals(TestBytes.crc32(whole), full.checksum().checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, full.checksum().checksumType());
        assertEquals(3, full.objectParts().totalPartsCount());
        assertFalse(full.objectParts().hasParts());

        upload("none", null, null);
        GetObjectAttributesResponse none = attributes("none", null, null);
        assertNull(none.checksum());
        assertEquals(3, none.objectParts().totalPartsCount());
        assertFalse(none.objectParts().hasParts());
    }

    @Test
    void singlePartObjectHasNoObjectParts() {
        s3.putObject(b -> b.bucket("attrs").key("single"), RequestBody.fromBytes(parts[2]));
        GetObjectAttributesResponse a = attributes("single", null, null);
        assertNull(a.objectParts());
        assertEquals(TestBytes.crc32(parts[2]), a.checksum().checksumCRC32());
    }
}
