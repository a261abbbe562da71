package dev.minicloud.dns.internal.zones;

/** The {@code AliasTarget} of an alias record set: the zone and name it points at. */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {}
