package dev.minicloud.dns.internal.server;

import java.util.Map;

/**
 * Approximate coordinates (latitude, longitude in degrees) of the AWS regions, near the city each is
 * named for: where geoproximity routing places a region's resources and a client whose region is
 * known. Great-circle distances between them stand in for Route 53's measured geography.
 */
final class RegionCoordinates {
    private static final Map<String, double[]> REGIONS = Map.ofEntries(
            Map.entry("us-east-1", new double[] {38.9, -77.4}),
            Map.entry("us-east-2", new double[] {40.0, -83.0}),
            Map.entry("us-west-1", new double[] {37.4, -121.9}),
            Map.entry("us-west-2", new double[] {45.8, -119.7}),
            Map.entry("ca-central-1", new double[] {45.5, -73.6}),
            Map.entry("ca-west-1", new double[] {51.0, -114.1}),
            Map.entry("sa-east-1", new double[] {-23.5, -46.6}),
            Map.entry("eu-west-1", new double[] {53.3, -6.3}),
            Map.entry("eu-west-2", new double[] {51.5, -0.1}),
            Map.entry("eu-west-3", new double[] {48.9, 2.4}),
            Map.entry("eu-central-1", new double[] {50.1, 8.7}),
            Map.entry("eu-central-2", new double[] {47.4, 8.5}),
            Map.entry("eu-north-1", new double[] {59.3, 18.1}),
            Map.entry("eu-south-1", new double[] {45.5, 9.2}),
            Map.entry("eu-south-2", new double[] {41.6, -0.9}),
            Map.entry("me-south-1", new double[] {26.1, 50.6}),
            Map.entry("me-central-1", new double[] {24.5, 54.4}),
            Map.entry("il-central-1", new double[] {32.1, 34.8}),
            Map.entry("af-south-1", new double[] {-33.9, 18.4}),
            Map.entry("ap-east-1", new double[] {22.3, 114.2}),
            Map.entry("ap-south-1", new double[] {19.1, 72.9}),
            Map.entry("ap-south-2", new double[] {17.4, 78.5}),
            Map.entry("ap-northeast-1", new double[] {35.7, 139.7}),
            Map.entry("ap-northeast-2", new double[] {37.6, 127.0}),
            Map.entry("ap-northeast-3", new double[] {34.7, 135.5}),
            Map.entry("ap-southeast-1", new double[] {1.4, 103.8}),
            Map.entry("ap-southeast-2", new double[] {-33.9, 151.2}),
            Map.entry("ap-southeast-3", new double[] {-6.2, 106.8}),
            Map.entry("ap-southeast-4", new double[] {-37.8, 145.0}),
            Map.entry("cn-north-1", new double[] {39.9, 116.4}),
            Map.entry("cn-northwest-1", new double[] {38.5, 106.2}),
            Map.entry("us-gov-west-1", new double[] {45.6, -122.7}),
            Map.entry("us-gov-east-1", new double[] {40.0, -83.0}));

    private RegionCoordinates() {}

    /** {latitude, longitude} of a region, or {@code null} for a name we do not know. */
    static double[] of(String region) {
        return region == null ? null : REGIONS.get(region);
    }

    /** Great-circle distance in kilometres (haversine). */
    static double distanceKm(double[] a, double[] b) {
        double lat1 = Math.toRadians(a[0]);
        double lat2 = Math.toRadians(b[0]);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b[1] - a[1]);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
