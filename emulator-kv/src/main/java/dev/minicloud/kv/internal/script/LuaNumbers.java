package dev.minicloud.kv.internal.script;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;

/**
 * Numbers passed to {@code redis.call} become arguments the way Redis formats them: C's
 * {@code %.17g} (so {@code 10} is {@code "10"} and {@code 0.1} is {@code "0.10000000000000001"}),
 * not Lua's lossy {@code %.14g}.
 */
final class LuaNumbers {
    private LuaNumbers() {}

    static byte[] g17(double d) {
        return format(d).getBytes(StandardCharsets.US_ASCII);
    }

    static String format(double d) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return Long.toString((long) d);
        }
        BigDecimal b = new BigDecimal(d).round(new MathContext(17));
        int exp = b.precision() - b.scale() - 1;
        if (exp < -4 || exp >= 17) {
            BigDecimal mantissa = b.movePointLeft(exp).stripTrailingZeros();
            String m = mantissa.toPlainString();
            String e = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
            return m + "e" + e;
        }
        return b.stripTrailingZeros().toPlainString();
    }
}
