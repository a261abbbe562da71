package dev.minicloud.dns.internal.zones;

/** The {@code CidrRoutingConfig} of an IP-based record set: a CIDR collection and one of its locations, or {@code *} (the default). */
public record CidrRouting(String collectionId, String locationName) {
    public boolean isDefault() {
        return "*".equals(locationName);
    }
}
