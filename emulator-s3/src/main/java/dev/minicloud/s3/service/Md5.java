package dev.minicloud.s3.service;

import dev.minicloud.s3.store.ObjectData;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 helpers for ETags: a fresh digest, hex output, and the digest of stored object data. */
public final class Md5 {
    private Md5() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by the Java platform", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static String hexOf(ObjectData data) {
        MessageDigest md = newDigest();
        for (ObjectData.Slice s : data.slices()) {
            md.update(s.page(), s.offset(), s.length());
        }
        return hex(md.digest());
    }
}
