package dev.minicloud.dns.internal.zones;

import java.util.Random;

/**
 * Route 53 identifiers: hosted zones {@code Z} + 20 characters and changes {@code C} + 20, written
 * with their {@code /hostedzone/} or {@code /change/} prefix in bodies and accepted bare or prefixed
 * in requests.
 */
public final class ZoneIds {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private ZoneIds() {}

    public static String newId(char prefix, Random random) {
        char[] out = new char[21];
        out[0] = prefix;
        for (int i = 1; i < out.length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** Strips {@code /hostedzone/}, {@code hostedzone/}, {@code /change/} (and URL-decoded variants) from an id. */
    public static String bare(String id) {
        if (id == null) {
            return null;
        }
        String s = id.trim();
        int slash = s.lastIndexOf('/');
        return slash >= 0 ? s.substring(slash + 1) : s;
    }
}
