package dev.minicloud.s3.internal.api;

import dev.minicloud.s3.internal.service.S3Errors;

/**
 * A single HTTP byte range resolved against an object's size: {@code bytes=a-b}, {@code bytes=a-}
 * or {@code bytes=-n}. Like S3, a header it cannot read (or a multi-range) is ignored and the
 * whole object returned; a range starting beyond the end is 416 {@code InvalidRange}.
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** The range to serve, or {@code null} for the whole object. */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw S3Errors.invalidRange(size, header);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (!b.isEmpty() && last < first) {
                return null;
            }
            if (first >= size) {
                throw S3Errors.invalidRange(size, header); // also any range of an empty object, as on S3
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
