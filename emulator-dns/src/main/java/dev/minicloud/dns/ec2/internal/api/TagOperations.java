package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.dns.ec2.internal.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** CreateTags, DeleteTags, DescribeTags over every taggable resource of the region. */
final class TagOperations {
    /** One tag of one resource, the unit DescribeTags lists and filters. */
    private record TagEntry(Resource resource, String key, String value) {}

    private static final Filters<TagEntry> FILTERS = Filters.of(Map.<String, Function<TagEntry, List<String>>>of(
            "resource-id", t -> List.of(t.resource().id()),
            "resource-type", t -> List.of(t.resource().resourceType()),
            "key", t -> List.of(t.key()),
            "tag-key", t -> List.of(t.key()),
            "value", t -> List.of(t.value()),
            "tag-value", t -> List.of(t.value())));

    void create(Call c) {
        List<Resource> targets = resources(c);
        Map<String, String> tags = TagSpecifications.tags(c.params());
        if (tags.isEmpty()) {
            throw Ec2Errors.missingParameter("Tag");
        }
        for (Resource r : targets) {
            TagSpecifications.apply(r, tags);
        }
        c.out().element("return", true);
    }

    void delete(Call c) {
        List<Resource> targets = resources(c);
        List<Ec2Request> tags = c.params().members("Tag");
        for (Resource r : targets) {
            if (tags.isEmpty()) {
                r.tags().clear(); // DeleteTags without Tag.N removes every tag, as on EC2
            }
            for (Ec2Request t : tags) {
                String key = t.required("Key");
                String value = t.string("Value");
                if (value == null || value.equals(r.tags().get(key))) {
                    r.tags().remove(key);
                }
            }
        }
        c.out().element("return", true);
    }

    void describe(Call c) {
        Predicate<TagEntry> filter = FILTERS.parse(c.params());
        List<TagEntry> all = new ArrayList<>();
        for (Resource r : c.state().resources()) {
            r.tags().forEach((k, v) -> all.add(new TagEntry(r, k, v)));
        }
        all.removeIf(filter.negate());
        Paging.Page<TagEntry> page = Paging.page(c.params(), all, 5, 1000, "", false);
        c.out().start("tagSet");
        for (TagEntry t : page.items()) {
            c.out()
                    .start("item")
                    .element("resourceId", t.resource().id())
                    .element("resourceType", t.resource().resourceType())
                    .element("key", t.key())
                    .element("value", t.value())
                    .end();
        }
        c.out().end();
        c.out().element("nextToken", page.nextToken());
    }

    private static List<Resource> resources(Call c) {
        List<String> ids = c.params().list("ResourceId");
        if (ids.isEmpty()) {
            throw Ec2Errors.missingParameter("resourceIdSet");
        }
        List<Resource> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Resource r = c.state().resource(id);
            if (r == null) {
                throw notFound(id);
            }
            out.add(r);
        }
        return out;
    }

    private static RuntimeException notFound(String id) {
        if (id.startsWith("vpc-")) {
            return Ec2Errors.vpcNotFound(id);
        }
        if (id.startsWith("subnet-")) {
            return Ec2Errors.subnetNotFound(id);
        }
        if (id.startsWith("sg-")) {
            return Ec2Errors.groupNotFound(id);
        }
        return Ec2Errors.of("InvalidID", "The ID '" + id + "' is not valid");
    }
}
