package dev.minicloud.dns.internal.zones;

import java.time.Instant;

/** A submitted change ({@code /change/C...}) and its status at the moment it was looked at. */
public record ChangeInfo(String id, String status, Instant submittedAt, String comment) {}
