package dev.minicloud.kv.elasticache.internal.api;

import java.util.Map;

/**
 * AddTagsToResource, RemoveTagsFromResource, ListTagsForResource, on clusters, replication groups,
 * subnet groups and parameter groups named by their ARN ({@code arn:aws:elasticache:<region>:<account>:cluster:<id>}).
 */
final class TagOperations {
    void add(Call c) {
        Map<String, String> tags = tags(c);
        Tags.add(tags, Tags.read(c.params()));
        EcXml.tagList(c.out(), tags);
    }

    void remove(Call c) {
        Map<String, String> tags = tags(c);
        for (String key : c.params().list("TagKeys")) {
            if (!tags.containsKey(key)) {
                throw EcErrors.of(404, "TagNotFound", "The requested tag " + key + " was not found on this resource.");
            }
        }
        c.params().list("TagKeys").forEach(tags::remove);
        EcXml.tagList(c.out(), tags);
    }

    void list(Call c) {
        EcXml.tagList(c.out(), tags(c));
    }

    /** The tags of the resource the call's ResourceName names, in the caller's account and region. */
    private static Map<String, String> tags(Call c) {
        String arn = c.params().required("ResourceName");
        String[] parts = arn.split(":", 7);
        if (parts.length != 7 || !parts[0].equals("arn") || !parts[2].equals("elasticache") || parts[6].isEmpty()) {
            throw EcErrors.of(400, "InvalidARN", "The ARN " + arn + " is not valid.");
        }
        if (!parts[3].equals(c.state().region()) || !parts[4].equals(c.state().account())) {
            throw EcErrors.of(400, "InvalidARN", "The ARN " + arn + " is not a resource of this account and region.");
        }
        String name = parts[6];
        return switch (parts[5]) {
            case "cluster" -> ClusterOperations.require(c, name).tags();
            case "replicationgroup" ->
                ReplicationGroupOperations.require(c, name).tags();
            case "subnetgroup" -> SubnetGroupOperations.require(c, name).tags();
            case "parametergroup" -> ParameterGroupOperations.require(c, name).tags();
            case "snapshot" -> SnapshotOperations.require(c, name).tags();
            case "serverlesscache" -> ServerlessOperations.require(c, name).tags();
            case "user" -> UserOperations.requireUser(c, name).tags();
            case "usergroup" -> UserOperations.requireGroup(c, name).tags();
            default -> throw EcErrors.of(400, "InvalidARN", "The ARN " + arn + " is not valid.");
        };
    }
}
