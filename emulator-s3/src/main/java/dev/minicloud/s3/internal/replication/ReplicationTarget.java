package dev.minicloud.s3.internal.replication;

/**
 * One destination a write goes to: the destination bucket (by account and name, resolved again
 * when the copy runs, so a bucket deleted meanwhile fails the copy instead of receiving it) and the
 * storage class the rule asks for ({@code null}: keep the source's).
 */
record ReplicationTarget(String account, String bucket, String storageClass) {}
