package dev.minicloud.dns.internal.zones;

/**
 * The {@code GeoProximityLocation} of a geoproximity record set: exactly one of an AWS region, a
 * Local Zone group or coordinates (kept as sent, so they are listed back unchanged), and a bias
 * from -99 to 99 (null when not given).
 */
public record GeoProximity(String awsRegion, String localZoneGroup, String latitude, String longitude, Integer bias) {

    /** The region the location stands for: its own, or the Local Zone group's parent ({@code us-east-1-bue-1} -> {@code us-east-1}). */
    public String region() {
        if (awsRegion != null) {
            return awsRegion;
        }
        if (localZoneGroup != null) {
            String[] parts = localZoneGroup.split("-");
            return parts.length >= 3 ? parts[0] + "-" + parts[1] + "-" + parts[2] : localZoneGroup;
        }
        return null;
    }
}
