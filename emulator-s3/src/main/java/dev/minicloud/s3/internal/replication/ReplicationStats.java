package dev.minicloud.s3.internal.replication;

/**
 * A snapshot of the replication engine for tests and the admin API: writes still queued or being
 * copied, copies made and copies failed since start (one per destination), and whether the engine
 * is paused.
 */
public record ReplicationStats(long outstanding, long replicated, long failed, boolean paused) {}
