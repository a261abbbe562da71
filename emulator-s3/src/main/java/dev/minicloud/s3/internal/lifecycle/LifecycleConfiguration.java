package dev.minicloud.s3.internal.lifecycle;

import java.util.List;

/**
 * A bucket's lifecycle configuration: its rules in document order and the
 * {@code x-amz-transition-default-minimum-object-size} it was put with.
 */
public record LifecycleConfiguration(List<LifecycleRule> rules, MinimumObjectSize minimumObjectSize) {

    public LifecycleConfiguration {
        rules = List.copyOf(rules);
    }

    /**
     * {@code x-amz-transition-default-minimum-object-size}: since September 2024 objects under 128 KiB
     * are never transitioned ({@code all_storage_classes_128K}, the default); the older behaviour
     * keeps that minimum for the infrequent-access classes only.
     */
    public enum MinimumObjectSize {
        ALL_STORAGE_CLASSES_128K("all_storage_classes_128K"),
        VARIES_BY_STORAGE_CLASS("varies_by_storage_class");

        /** 128 KiB: the smallest object a transition moves under the default. */
        static final long MIN_BYTES = 128 * 1024;

        private final String header;

        MinimumObjectSize(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }

        /** The value of the header, or {@code null} if S3 defines no such value. */
        static MinimumObjectSize fromHeader(String value) {
            for (MinimumObjectSize m : values()) {
                if (m.header.equals(value)) {
                    return m;
                }
            }
            return null;
        }

        /** Whether an object of {@code size} bytes may move to {@code storageClass} by a rule without a size filter. */
        boolean allows(long size, String storageClass) {
            if (size >= MIN_BYTES) {
                return true;
            }
            return this == VARIES_BY_STORAGE_CLASS
                    && !storageClass.equals("STANDARD_IA")
                    && !storageClass.equals("ONEZONE_IA");
        }
    }
}
