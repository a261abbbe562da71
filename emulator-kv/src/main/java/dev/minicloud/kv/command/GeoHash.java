package dev.minicloud.kv.command;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Redis' geohash arithmetic (geohash.c, geohash_helper.c): positions are 52-bit interleaved hashes
 * (26 bits of latitude in the even bits, 26 of longitude in the odd ones) stored as sorted-set
 * scores; decoding gives the centre of the cell, distances are haversine on Redis' earth radius.
 * Everything is computed as Redis computes it, so positions, distances and hashes print the same.
 */
final class GeoHash {
    static final double LONG_MIN = -180;
    static final double LONG_MAX = 180;
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;
    private static final int STEP = 26;
    private static final double EARTH_RADIUS_IN_METERS = 6372797.560856;
    private static final char[] ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz".toCharArray();

    private GeoHash() {
    }

    static boolean valid(double lon, double lat) {
        return lon >= LONG_MIN && lon <= LONG_MAX && lat >= LAT_MIN && lat <= LAT_MAX;
    }

    /** The 52-bit hash of a (valid) position in Redis' Web-Mercator latitude range. */
    static long encode(double lon, double lat) {
        return encode(lon, lat, LAT_MIN, LAT_MAX);
    }

    private static long encode(double lon, double lat, double latMin, double latMax) {
        double latOffset = (lat - latMin) / (latMax - latMin) * (1L << STEP);
        double lonOffset = (lon - LONG_MIN) / (LONG_MAX - LONG_MIN) * (1L << STEP);
        return interleave((long) latOffset & 0xFFFFFFFFL, (long) lonOffset & 0xFFFFFFFFL);
    }

    /** {lon, lat}: the centre of the hash's cell, clamped to the valid range. */
    static double[] decode(long bits) {
        long sep = deinterleave(bits);
        long ilat = sep & 0xFFFFFFFFL;
        long ilon = sep >>> 32;
        double latScale = LAT_MAX - LAT_MIN;
        double lonScale = LONG_MAX - LONG_MIN;
        double latMin = LAT_MIN + (ilat * 1.0 / (1L << STEP)) * latScale;
        double latMax = LAT_MIN + ((ilat + 1) * 1.0 / (1L << STEP)) * latScale;
        double lonMin = LONG_MIN + (ilon * 1.0 / (1L << STEP)) * lonScale;
        double lonMax = LONG_MIN + ((ilon + 1) * 1.0 / (1L << STEP)) * lonScale;
        double lon = Math.max(LONG_MIN, Math.min(LONG_MAX, (lonMin + lonMax) / 2));
        double lat = Math.max(LAT_MIN, Math.min(LAT_MAX, (latMin + latMax) / 2));
        return new double[] {lon, lat};
    }

    /** The standard 11-character geohash (latitude -90..90) of a stored score, as GEOHASH prints it. */
    static String standard(long bits) {
        double[] xy = decode(bits);
        long hash = encode(xy[0], xy[1], -90, 90);
        char[] out = new char[11];
        for (int i = 0; i < 11; i++) {
            // 52 bits make ten and a bit characters; Redis pads the eleventh with zero
            int idx = i == 10 ? 0 : (int) ((hash >>> (52 - ((i + 1) * 5))) & 0x1f);
            out[i] = ALPHABET[idx];
        }
        return new String(out);
    }

    static double distance(double lon1, double lat1, double lon2, double lat2) {
        double lat1r = Math.toRadians(lat1);
        double lon1r = Math.toRadians(lon1);
        double lat2r = Math.toRadians(lat2);
        double lon2r = Math.toRadians(lon2);
        double v = Math.sin((lon2r - lon1r) / 2);
        if (v == 0.0) {
            return latDistance(lat1, lat2);
        }
        double u = Math.sin((lat2r - lat1r) / 2);
        double a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
    }

    static double latDistance(double lat1, double lat2) {
        return EARTH_RADIUS_IN_METERS * Math.abs(Math.toRadians(lat2) - Math.toRadians(lat1));
    }

    /** Redis' addReplyHumanLongDouble: {@code %.17Lf} of the exact value, trailing zeros cut. */
    static String human(double v) {
        String s = new BigDecimal(v).setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s.equals("-0") ? "0" : s;
    }

    /** Redis' distance replies: four decimals of the exact value. */
    static String fourDecimals(double v) {
        return new BigDecimal(v).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static long interleave(long x, long y) {
        return spread(x) | (spread(y) << 1);
    }

    private static long spread(long v) {
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v << 2)) & 0x3333333333333333L;
        v = (v | (v << 1)) & 0x5555555555555555L;
        return v;
    }

    /** Even bits to the low word, odd bits to the high word. */
    private static long deinterleave(long v) {
        return compact(v) | (compact(v >>> 1) << 32);
    }

    private static long compact(long v) {
        v &= 0x5555555555555555L;
        v = (v | (v >>> 1)) & 0x3333333333333333L;
        v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
        return v;
    }
}
