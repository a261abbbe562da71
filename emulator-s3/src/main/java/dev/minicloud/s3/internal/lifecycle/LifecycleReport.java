package dev.minicloud.s3.internal.lifecycle;

/**
 * What one lifecycle pass did (the admin endpoint answers it as JSON).
 *
 * @param objectsScanned keys looked at
 * @param expired current versions expired (removed, or given a delete marker in a versioned bucket)
 * @param noncurrentRemoved noncurrent versions and noncurrent delete markers removed
 * @param deleteMarkersRemoved expired object delete markers removed
 * @param transitioned versions moved to another storage class
 * @param uploadsAborted incomplete multipart uploads aborted
 * @param restoresExpired restored copies of archived objects that expired
 */
public record LifecycleReport(
        long objectsScanned,
        long expired,
        long noncurrentRemoved,
        long deleteMarkersRemoved,
        long transitioned,
        long uploadsAborted,
        long restoresExpired) {}
