package dev.minicloud.s3.internal.service;

import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.MultipartChecksum;
import dev.minicloud.s3.internal.store.MultipartUpload;
import dev.minicloud.s3.internal.store.StoredChecksum;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * S3's default integrity checksum (since December 2024): a FULL_OBJECT CRC64NVME for what is
 * uploaded without a checksum. As S3 answers it:
 * <ul>
 *   <li>PutObject without a checksum (also with only {@code Content-MD5}): stored like a client's
 *       checksum, so PUT, HEAD/GET ({@code x-amz-checksum-mode: ENABLED}) and GetObjectAttributes
 *       return it;</li>
 *   <li>a multipart upload created without an algorithm: CreateMultipartUpload and ListParts name
 *       none, UploadPart reports each part's CRC64NVME (when the client sent no checksum of its own),
 *       and CompleteMultipartUpload answers the whole object's, combined from the parts', as
 *       FULL_OBJECT; the object itself keeps none (HEAD, GET and GetObjectAttributes show no
 *       checksum);</li>
 *   <li>CopyObject of a source without a checksum: the copy gets one, computed over the data.</li>
 * </ul>
 */
public final class DefaultChecksum {
    public static final ChecksumAlgorithm ALGORITHM = ChecksumAlgorithm.CRC64NVME;

    private DefaultChecksum() {}

    /**
     * The FULL_OBJECT CRC64NVME of an object made of {@code parts}, from their default checksums
     * and sizes (no pass over the data); {@code null} if a part has none.
     */
    public static StoredChecksum ofParts(List<MultipartUpload.Part> parts) {
        List<MultipartChecksum.Part> crcs = new ArrayList<>();
        for (MultipartUpload.Part p : parts) {
            if (p.defaultChecksum() == null) {
                return null;
            }
            crcs.add(new MultipartChecksum.Part(
                    Base64.getDecoder().decode(p.defaultChecksum().value()), p.size()));
        }
        return new StoredChecksum(
                ALGORITHM.algorithmName(), MultipartChecksum.fullObject(ALGORITHM, crcs), "FULL_OBJECT");
    }
}
