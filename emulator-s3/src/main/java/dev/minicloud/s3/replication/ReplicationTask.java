package dev.minicloud.s3.replication;

import dev.minicloud.s3.service.ObjectWriteListener;
import dev.minicloud.s3.store.Bucket;
import dev.minicloud.s3.store.ObjectData;
import dev.minicloud.s3.store.ObjectVersion;
import java.util.List;

/**
 * One queued replication: the source version as committed, the destinations it goes to, what kind
 * of write it was, and an owning handle on the version's data ({@code data}), taken at commit so
 * the bytes outlive a delete of the source version before the copy runs. Released exactly once,
 * by whoever finishes or drops the task.
 */
record ReplicationTask(Bucket source, ObjectVersion version, List<ReplicationTarget> targets,
                       ObjectWriteListener.Kind kind, ObjectData data) {

    ReplicationTask {
        targets = List.copyOf(targets);
    }
}
