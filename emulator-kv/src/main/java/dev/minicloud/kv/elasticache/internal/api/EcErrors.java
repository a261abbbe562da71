package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.internal.aws.AwsException;

/**
 * ElastiCache's errors: the query protocol's {@code <ErrorResponse><Error><Type>Sender</Type>} shape
 * (rendered by core's {@code QUERY_XML}) with ElastiCache's own codes and HTTP statuses, as the
 * AWS SDK maps them (e.g. {@code CacheClusterNotFound} is 404, {@code CacheSubnetGroupNotFoundFault} 400).
 */
final class EcErrors {
    private EcErrors() {}

    static AwsException of(int status, String code, String message) {
        return new AwsException(status, code, message);
    }

    static AwsException invalidParameterValue(String message) {
        return of(400, "InvalidParameterValue", message);
    }

    static AwsException invalidParameterCombination(String message) {
        return of(400, "InvalidParameterCombination", message);
    }

    static AwsException missingParameter(String name) {
        return of(400, "MissingParameter", "The request must contain the parameter " + name);
    }

    static AwsException clusterNotFound(String id) {
        return of(404, "CacheClusterNotFound", "CacheCluster not found: " + id);
    }

    static AwsException replicationGroupNotFound(String id) {
        return of(404, "ReplicationGroupNotFoundFault", "ReplicationGroup not found: " + id);
    }

    static AwsException subnetGroupNotFound(String name) {
        return of(400, "CacheSubnetGroupNotFoundFault", "CacheSubnetGroup not found: " + name);
    }

    static AwsException parameterGroupNotFound(String name) {
        return of(404, "CacheParameterGroupNotFound", "CacheParameterGroup not found: " + name);
    }

    static AwsException invalidClusterState(String message) {
        return of(400, "InvalidCacheClusterState", message);
    }

    static AwsException invalidReplicationGroupState(String message) {
        return of(400, "InvalidReplicationGroupState", message);
    }
}
