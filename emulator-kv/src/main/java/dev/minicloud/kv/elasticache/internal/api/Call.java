package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.kv.elasticache.internal.model.RegionCaches;
import java.time.Instant;

/**
 * One ElastiCache call being served: its parameters, the caller's state, the answer being written,
 * now, and whether endpoints are answered by DNS name (else by the node's IP address).
 */
record Call(Params params, RegionCaches state, XmlWriter out, Instant now, boolean dnsNames) {}
