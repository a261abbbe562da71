package dev.minicloud.kv.internal.command;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

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
    private static final double MERCATOR_MAX = 20037726.37;

    private GeoHash() {}

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

    /**
     * The score ranges {@code [min, max)} a search scans, in Redis' order (geohashGetAreasByShapeWGS84
     * and membersOfAllNeighbors): the centre cell at the step the search size calls for, then north,
     * south, east, west, north-east, north-west, south-east, south-west, leaving out cells the
     * bounding box cannot reach and a cell equal to the one scanned before it. All sizes in metres.
     */
    static List<long[]> cells(double lon, double lat, boolean box, double radius, double width, double height) {
        double halfHeight = box ? height / 2 : radius;
        double halfWidth = box ? width / 2 : radius;
        double latDelta = Math.toDegrees(halfHeight / EARTH_RADIUS_IN_METERS);
        double lonDeltaTop =
                Math.toDegrees(halfWidth / EARTH_RADIUS_IN_METERS / Math.cos(Math.toRadians(lat + latDelta)));
        double lonDeltaBottom =
                Math.toDegrees(halfWidth / EARTH_RADIUS_IN_METERS / Math.cos(Math.toRadians(lat - latDelta)));
        boolean south = lat < 0;
        double minLon = south ? lon - lonDeltaBottom : lon - lonDeltaTop;
        double maxLon = south ? lon + lonDeltaBottom : lon + lonDeltaTop;
        double minLat = lat - latDelta;
        double maxLat = lat + latDelta;
        double sizeForStep = box ? Math.sqrt((width / 2) * (width / 2) + (height / 2) * (height / 2)) : radius;

        int step = estimateSteps(sizeForStep, lat);
        long hash = encodeStep(lon, lat, step);
        long[] n = neighbors(hash, step);
        // the estimated step may leave the box's edge outside the neighbours: one step coarser then
        if (step > 1
                && (area(n[0], step)[3] < maxLat
                        || area(n[1], step)[2] > minLat
                        || area(n[2], step)[1] < maxLon
                        || area(n[3], step)[0] > minLon)) {
            step--;
            hash = encodeStep(lon, lat, step);
            n = neighbors(hash, step);
        }
        double[] a = area(hash, step);
        // north, south, east, west, north-east, north-west, south-east, south-west
        boolean[] skip = new boolean[8];
        if (step >= 2) {
            if (a[2] < minLat) {
                skip[1] = skip[7] = skip[6] = true;
            }
            if (a[3] > maxLat) {
                skip[0] = skip[4] = skip[5] = true;
            }
            if (a[0] < minLon) {
                skip[3] = skip[7] = skip[5] = true;
            }
            if (a[1] > maxLon) {
                skip[2] = skip[6] = skip[4] = true;
            }
        }
        long[] order = {hash, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]};
        boolean[] zero = new boolean[9];
        for (int i = 0; i < 8; i++) {
            zero[i + 1] = skip[i];
        }
        List<long[]> ranges = new ArrayList<>(9);
        int last = 0;
        int shift = 52 - step * 2;
        for (int i = 0; i < 9; i++) {
            if (zero[i] || (last != 0 && order[i] == order[last])) {
                continue;
            }
            ranges.add(new long[] {order[i] << shift, (order[i] + 1) << shift});
            last = i;
        }
        return ranges;
    }

    /** geohashEstimateStepsByRadius. */
    private static int estimateSteps(double meters, double lat) {
        if (meters == 0) {
            return 26;
        }
        int step = 1;
        while (meters < MERCATOR_MAX) {
            meters *= 2;
            step++;
        }
        step -= 2;
        if (lat > 66 || lat < -66) {
            step--;
            if (lat > 80 || lat < -80) {
                step--;
            }
        }
        return Math.max(1, Math.min(26, step));
    }

    private static long encodeStep(double lon, double lat, int step) {
        double latOffset = (lat - LAT_MIN) / (LAT_MAX - LAT_MIN) * (1L << step);
        double lonOffset = (lon - LONG_MIN) / (LONG_MAX - LONG_MIN) * (1L << step);
        return interleave((long) latOffset & 0xFFFFFFFFL, (long) lonOffset & 0xFFFFFFFFL);
    }

    /** {lonMin, lonMax, latMin, latMax} of a cell. */
    private static double[] area(long bits, int step) {
        long sep = deinterleave(bits);
        long ilat = sep & 0xFFFFFFFFL;
        long ilon = sep >>> 32;
        double latScale = LAT_MAX - LAT_MIN;
        double lonScale = LONG_MAX - LONG_MIN;
        return new double[] {
            LONG_MIN + (ilon * 1.0 / (1L << step)) * lonScale,
            LONG_MIN + ((ilon + 1) * 1.0 / (1L << step)) * lonScale,
            LAT_MIN + (ilat * 1.0 / (1L << step)) * latScale,
            LAT_MIN + ((ilat + 1) * 1.0 / (1L << step)) * latScale,
        };
    }

    /** north, south, east, west, north-east, north-west, south-east, south-west (geohashNeighbors). */
    private static long[] neighbors(long hash, int step) {
        long north = moveY(hash, step, 1);
        long south = moveY(hash, step, -1);
        return new long[] {
            north,
            south,
            moveX(hash, step, 1),
            moveX(hash, step, -1),
            moveX(north, step, 1),
            moveX(north, step, -1),
            moveX(south, step, 1),
            moveX(south, step, -1)
        };
    }

    private static long moveX(long bits, int step, int d) {
        long x = bits & 0xaaaaaaaaaaaaaaaaL;
        long y = bits & 0x5555555555555555L;
        long zz = 0x5555555555555555L >>> (64 - step * 2);
        if (d > 0) {
            x = x + (zz + 1);
        } else {
            x = x | zz;
            x = x - (zz + 1);
        }
        x &= 0xaaaaaaaaaaaaaaaaL >>> (64 - step * 2);
        return x | y;
    }

    private static long moveY(long bits, int step, int d) {
        long x = bits & 0xaaaaaaaaaaaaaaaaL;
        long y = bits & 0x5555555555555555L;
        long zz = 0xaaaaaaaaaaaaaaaaL >>> (64 - step * 2);
        if (d > 0) {
            y = y + (zz + 1);
        } else {
            y = y | zz;
            y = y - (zz + 1);
        }
        y &= 0x5555555555555555L >>> (64 - step * 2);
        return x | y;
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
