package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.StoredChecksum;
import java.util.List;
import java.util.Set;

/**
 * The body of a GetObjectAttributes answer, shaped as S3 shapes it:
 * <ul>
 *   <li>{@code Checksum}: a multipart object's COMPOSITE value without its {@code -N} suffix (HEAD and
 *       GET keep the suffix);</li>
 *   <li>{@code ObjectParts} (multipart objects only): {@code PartsCount}, and for a COMPOSITE object
 *       also one {@code Part} per part ({@code PartNumber}, {@code Size}, its checksum), paged like
 *       ListParts by {@code x-amz-max-parts} and {@code x-amz-part-number-marker}. A FULL_OBJECT object
 *       or one without a checksum lists no parts.</li>
 * </ul>
 * Parts are numbered 1..N in object order, as {@code ?partNumber=} reads number them.
 */
final class ObjectAttributes {
    private ObjectAttributes() {}

    static XmlWriter render(ObjectVersion v, Set<String> wanted, int maxParts, int partNumberMarker) {
        XmlWriter x = S3Xml.document("GetObjectAttributesResponse");
        if (wanted.contains("ETag")) {
            x.element("ETag", v.etag());
        }
        StoredChecksum checksum = v.checksum();
        if (wanted.contains("Checksum") && checksum != null) {
            x.start("Checksum")
                    .element(checksum.xmlName(), withoutPartCount(checksum.value()))
                    .element("ChecksumType", checksum.type())
                    .end();
        }
        if (wanted.contains("ObjectParts") && v.partsCount() > 0) {
            objectParts(x, v, maxParts, partNumberMarker);
        }
        if (wanted.contains("StorageClass")) {
            x.element("StorageClass", v.storageClass());
        }
        if (wanted.contains("ObjectSize")) {
            x.element("ObjectSize", v.size());
        }
        return x;
    }

    private static void objectParts(XmlWriter x, ObjectVersion v, int maxParts, int marker) {
        x.start("ObjectParts");
        List<String> checksums = v.partChecksums();
        if (!checksums.isEmpty()) {
            int count = v.partsCount();
            int first = (int) Math.min((long) marker + 1, count + 1L);
            int last = (int) Math.min((long) marker + maxParts, count);
            boolean truncated = last < count;
            x.element("PartNumberMarker", marker)
                    .element("NextPartNumberMarker", last >= first ? last : 0)
                    .element("MaxParts", maxParts)
                    .element("IsTruncated", truncated);
            String checksumElement = v.checksum().xmlName();
            for (int n = first; n <= last; n++) {
                x.start("Part")
                        .element("PartNumber", n)
                        .element("Size", v.partSizes().get(n - 1))
                        .element(checksumElement, checksums.get(n - 1))
                        .end();
            }
        }
        x.element("PartsCount", v.partsCount());
        x.end();
    }

    /** {@code "abc=-3"} -> {@code "abc="}; a value without a part count is returned as is. */
    private static String withoutPartCount(String value) {
        int dash = value.lastIndexOf('-');
        return dash < 0 ? value : value.substring(0, dash);
    }
}
