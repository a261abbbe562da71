package dev.minicloud.kv.elasticache.internal.model;

import java.time.Instant;

/** One entry of {@code DescribeEvents}: what happened to which source, when (by the MiniCloud clock). */
public record Event(String sourceIdentifier, String sourceType, String message, Instant date) {}
