package dev.minicloud.s3.internal.store;

/**
 * A bucket's versioning state. Buckets start {@link #UNVERSIONED}; once enabled they can only be
 * suspended, never unversioned again (S3's rule). Writes in {@code UNVERSIONED} and
 * {@code SUSPENDED} replace the {@code null} version.
 */
public enum VersioningState {
    UNVERSIONED,
    ENABLED,
    SUSPENDED;

    /** Whether a new write gets a fresh version id rather than replacing the {@code null} version. */
    public boolean assignsVersionIds() {
        return this == ENABLED;
    }
}
