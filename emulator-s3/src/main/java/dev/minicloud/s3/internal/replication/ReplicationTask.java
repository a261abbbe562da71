package dev.minicloud.s3.internal.replication;

import dev.minicloud.s3.internal.service.ObjectWriteListener;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectVersion;
import java.util.List;

/**
 * One queued replication: the source version as committed, the destinations it goes to, what kind
 * of write it was, and an owning handle on the version's data ({@code data}), taken at commit so
 * the bytes outlive a delete of the source version before the copy runs. Released exactly once,
 * by whoever finishes or drops the task. A class, not a record: two tasks are never "equal" (two
 * {@code null}-version delete markers written at the same instant are still two tasks to count).
 */
final class ReplicationTask {
    private final Bucket source;
    private final ObjectVersion version;
    private final List<ReplicationTarget> targets;
    private final ObjectWriteListener.Kind kind;
    private final ObjectData data;
    private final long generation;

    ReplicationTask(
            Bucket source,
            ObjectVersion version,
            List<ReplicationTarget> targets,
            ObjectWriteListener.Kind kind,
            ObjectData data,
            long generation) {
        this.generation = generation;
        this.source = source;
        this.version = version;
        this.targets = List.copyOf(targets);
        this.kind = kind;
        this.data = data;
    }

    Bucket source() {
        return source;
    }

    ObjectVersion version() {
        return version;
    }

    List<ReplicationTarget> targets() {
        return targets;
    }

    ObjectWriteListener.Kind kind() {
        return kind;
    }

    ObjectData data() {
        return data;
    }

    /** The engine's reset generation when queued: a task from before a reset is dropped, not run. */
    long generation() {
        return generation;
    }
}
