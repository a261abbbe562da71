package dev.minicloud.dns.internal.zones;

/** A query logging configuration: the public zone whose queries are logged and the log group they go to. */
public record QueryLoggingConfig(String id, String hostedZoneId, String logGroupArn) {}
