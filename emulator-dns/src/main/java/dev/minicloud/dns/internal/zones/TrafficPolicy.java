package dev.minicloud.dns.internal.zones;

/** One version of a traffic policy: its id (shared by all versions), version, name, DNS type, document and comment. */
public record TrafficPolicy(
        String id, int version, String account, String name, String type, String document, String comment) {
    public TrafficPolicy withComment(String newComment) {
        return new TrafficPolicy(id, version, account, name, type, document, newComment);
    }
}
