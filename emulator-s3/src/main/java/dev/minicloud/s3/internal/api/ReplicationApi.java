package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.s3.internal.replication.ReplicationConfigs;
import dev.minicloud.s3.internal.replication.ReplicationConfiguration;
import dev.minicloud.s3.internal.replication.ReplicationValidator;
import dev.minicloud.s3.internal.service.S3Ids;
import dev.minicloud.s3.internal.store.Bucket;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Put/Get/DeleteBucketReplication on the wire: the document is parsed by {@link ReplicationXml},
 * checked by {@link ReplicationValidator} and stored whole; GET answers it back or
 * {@code ReplicationConfigurationNotFoundError}; DELETE is 204 and idempotent.
 */
final class ReplicationApi {
    private final ReplicationConfigs configs;
    private final ReplicationValidator validator;
    private final S3Ids ids;

    ReplicationApi(ReplicationConfigs configs, ReplicationValidator validator, S3Ids ids) {
        this.configs = configs;
        this.validator = validator;
        this.ids = ids;
    }

    BodyHandler put(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            ReplicationConfiguration config = ReplicationXml.parse(xml, ids);
            validator.validate(b.owner(), b, config); // the source account is the bucket owner's, whoever calls
            configs.put(b, config);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    void get(EdgeRequest r, Bucket b) {
        ReplicationConfiguration config = configs.get(b);
        if (config == null) {
            throw new AwsException(
                            404, "ReplicationConfigurationNotFoundError", "The replication configuration was not found")
                    .with("BucketName", b.name());
        }
        r.respond(HttpResponseStatus.OK, "application/xml", ReplicationXml.render(config));
    }

    /** Drops a deleted bucket's configuration (it would otherwise keep the dead bucket reachable). */
    void forget(Bucket b) {
        configs.remove(b);
    }

    void delete(EdgeRequest r, Bucket b) {
        configs.remove(b);
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }
}
