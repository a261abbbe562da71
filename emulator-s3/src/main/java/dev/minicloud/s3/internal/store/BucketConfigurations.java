package dev.minicloud.s3.internal.store;

import dev.minicloud.internal.xml.XmlElement;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A bucket's configuration documents that MiniCloud stores and returns but does not act on
 * (logging, notifications, request payment, acceleration, and the analytics, inventory, metrics and
 * intelligent-tiering configurations by id), kept as the validated XML trees that were put.
 * Sub-resources are S3's query names ({@code logging}, {@code analytics}).
 */
public final class BucketConfigurations {
    private final Map<String, XmlElement> single = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<String, XmlElement>> byId = new ConcurrentHashMap<>();

    /** The document of {@code subResource}, or {@code null}. */
    public XmlElement get(String subResource) {
        return single.get(subResource);
    }

    public void put(String subResource, XmlElement document) {
        single.put(subResource, document);
    }

    public void remove(String subResource) {
        single.remove(subResource);
    }

    /** The configurations of {@code subResource} by id, in id order (S3 lists them so). */
    public NavigableMap<String, XmlElement> byId(String subResource) {
        return byId.computeIfAbsent(subResource, k -> new ConcurrentSkipListMap<>());
    }
}
