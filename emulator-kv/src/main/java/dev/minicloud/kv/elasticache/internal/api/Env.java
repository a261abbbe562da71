package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.kv.elasticache.internal.nodes.NodeLauncher;
import dev.minicloud.spi.VpcDirectory;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the operations need besides the caller's state: the node launcher, how long a status such
 * as {@code creating} lasts by the clock, and the VPC owner (EC2), looked up when a call needs it.
 */
public record Env(NodeLauncher launcher, Duration transitionDelay, Supplier<Optional<VpcDirectory>> vpcs) {}
