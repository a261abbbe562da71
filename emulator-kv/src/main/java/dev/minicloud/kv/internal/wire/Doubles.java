package dev.minicloud.kv.internal.wire;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Formats and parses doubles the way Redis 7 does on the wire: shortest round-trip digits,
 * {@code inf}/{@code -inf}, integers without a fractional part, exponents as {@code 1e+20}.
 */
public final class Doubles {
    private Doubles() {}

    /** The reply text of a double (ZSCORE, HINCRBYFLOAT results). */
    public static String format(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e17) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** INCRBYFLOAT's human-friendly form: plain digits, no exponent, no trailing zeros. */
    public static String formatHuman(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e17) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * Parses a Redis float argument ({@code 1.5}, {@code -inf}, {@code +inf}, {@code 1e3});
     * {@code null} when it is not one (no spaces, no NaN, no hex).
     */
    public static Double parse(byte[] b) {
        if (b.length == 0 || b.length > 5 * 1024) { // Redis' MAX_LONG_DOUBLE_CHARS
            return null;
        }
        // fast path: a plain integer score such as "0" or "42", the common case
        if (b.length < 16) {
            long v = 0;
            int i = b[0] == '-' ? 1 : 0;
            boolean digits = i < b.length;
            for (int k = i; k < b.length && digits; k++) {
                int d = b[k] - '0';
                digits = d >= 0 && d <= 9;
                v = v * 10 + d;
            }
            if (digits) {
                return (double) (i == 1 ? -v : v);
            }
        }
        String s = new String(b, StandardCharsets.US_ASCII);
        switch (s.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {}
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return null;
            }
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isNaN(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
