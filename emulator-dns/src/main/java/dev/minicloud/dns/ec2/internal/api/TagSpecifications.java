package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.dns.ec2.internal.model.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tags given at creation ({@code TagSpecification.N.ResourceType} + {@code .Tag.M.Key/Value}) and by CreateTags. */
final class TagSpecifications {
    private static final int MAX_TAGS = 50;

    private TagSpecifications() {}

    /** The tags the request's specifications give a new resource of {@code resourceType}. */
    static Map<String, String> forType(Ec2Request request, String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Ec2Request spec : request.members("TagSpecification")) {
            String type = spec.required("ResourceType");
            if (!type.equals(resourceType)) {
                throw Ec2Errors.invalidParameterValue(
                        "'" + type + "' is not a valid taggable resource type for this operation.");
            }
            tags.putAll(tags(spec));
        }
        return tags;
    }

    /** {@code Tag.N.Key} / {@code Tag.N.Value}, validated as EC2 does. */
    static Map<String, String> tags(Ec2Request request) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Ec2Request t : request.members("Tag")) {
            String key = t.string("Key");
            String value = t.string("Value") == null ? "" : t.string("Value");
            validate(key, value);
            tags.put(key, value);
        }
        return tags;
    }

    static void validate(String key, String value) {
        if (key == null || key.isEmpty()) {
            throw Ec2Errors.invalidParameterValue("Tag key must not be empty");
        }
        if (key.length() > 128) {
            throw Ec2Errors.invalidParameterValue("Tag key exceeds the maximum length of 128 characters");
        }
        if (value.length() > 256) {
            throw Ec2Errors.invalidParameterValue("Tag value exceeds the maximum length of 256 characters");
        }
        if (key.startsWith("aws:")) {
            throw Ec2Errors.invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
        }
    }

    /** Adds tags to a resource, refusing to go past EC2's 50 per resource. */
    static void apply(Resource r, Map<String, String> tags) {
        Map<String, String> merged = new LinkedHashMap<>(r.tags());
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw Ec2Errors.of("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
        }
        r.tags().putAll(tags);
    }
}
