package dev.minicloud.s3.internal.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An account as S3 shows it wherever it names an owner, an initiator or a grantee: a canonical user
 * id of 64 lowercase hex characters and a display name. Both are derived from the account id alone
 * (SHA-256 of a fixed prefix and the id), so they are the same in every instance and every run,
 * and SDK clients that compare owner ids across calls see one identity.
 */
public record CanonicalUser(String account, String id, String displayName) {
    private static final String DERIVATION = "minicloud-s3-canonical-user:";

    public static CanonicalUser of(String account) {
        return new CanonicalUser(account, canonicalId(account), "minicloud-" + account);
    }

    /** The canonical user id of {@code account}. */
    public static String canonicalId(String account) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((DERIVATION + account).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
