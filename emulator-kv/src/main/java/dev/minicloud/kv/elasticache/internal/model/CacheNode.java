package dev.minicloud.kv.elasticache.internal.model;

import dev.minicloud.kv.KvNode;
import java.time.Instant;

/** One node of a cache cluster ({@code 0001}): the running KV server behind it and where it is. */
public record CacheNode(String id, Instant created, String availabilityZone, KvNode server) {}
