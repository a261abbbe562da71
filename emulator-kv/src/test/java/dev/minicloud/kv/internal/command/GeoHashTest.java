package dev.minicloud.kv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The nine-cell scan never misses a point that the exact shape contains (it only narrows candidates). */
class GeoHashTest {

    @Test
    void cellsCoverEveryPointInsideTheCircleOrBox() {
        Random random = new Random(42);
        List<Long> points = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // clustered around a few centres, like real data, plus some anywhere
            double lon = i % 3 == 0 ? random.nextDouble() * 360 - 180 : 13 + random.nextGaussian() * 2;
            double lat = i % 3 == 0 ? random.nextDouble() * 170 - 85 : 38 + random.nextGaussian() * 2;
            points.add(GeoHash.encode(lon, lat));
        }
        points.sort(null);
        for (int s = 0; s < 300; s++) {
            double lon = s % 2 == 0 ? 13 + random.nextGaussian() * 3 : random.nextDouble() * 360 - 180;
            double lat = s % 2 == 0 ? 38 + random.nextGaussian() * 3 : random.nextDouble() * 170 - 85;
            boolean box = s % 3 == 0;
            double size = Math.pow(10, 2 + random.nextDouble() * 5); // 100 m to 10,000 km
            double width = size * (0.5 + random.nextDouble());
            double height = size * (0.5 + random.nextDouble());
            TreeSet<Long> exact = new TreeSet<>();
            for (long p : points) {
                if (inside(p, lon, lat, box, size, width, height)) {
                    exact.add(p);
                }
            }
            TreeSet<Long> scanned = new TreeSet<>();
            for (long[] cell : GeoHash.cells(lon, lat, box, size, width, height)) {
                for (long p : points) {
                    if (p >= cell[0] && p < cell[1] && inside(p, lon, lat, box, size, width, height)) {
                        assertTrue(scanned.add(p), "a point was scanned twice: cells overlap");
                    }
                }
            }
            assertEquals(
                    exact, scanned, "search " + s + " at " + lon + "," + lat + (box ? " box " : " radius ") + size);
        }
    }

    private static boolean inside(
            long hash, double lon, double lat, boolean box, double radius, double width, double height) {
        double[] p = GeoHash.decode(hash);
        if (box) {
            return GeoHash.latDistance(p[1], lat) <= height / 2 && GeoHash.distance(p[0], p[1], lon, p[1]) <= width / 2;
        }
        return GeoHash.distance(lon, lat, p[0], p[1]) <= radius;
    }
}
