package dev.minicloud.s3.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import dev.minicloud.s3.internal.store.ObjectVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listing semantics without the wire: prefixes, delimiters, resumption, every entry exactly once. */
class ListingServiceTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final ObjectService objects = new ObjectService(clock);
    private final ListingService listing = new ListingService();

    private Bucket bucket(String... keys) {
        Bucket b = new Bucket("b", "us-east-1", "000000000000", clock.instant());
        for (String k : keys) {
            objects.commit(
                    b,
                    new NewObject(
                            k,
                            ObjectData.EMPTY,
                            "d41d8cd98f00b204e9800998ecf8427e",
                            ObjectMetadata.EMPTY,
                            Map.of(),
                            null,
                            null,
                            List.of(),
                            List.of(),
                            null,
                            null),
                    Preconditions.NONE);
        }
        return b;
    }

    private List<String> all(Bucket b, String prefix, String delimiter, int pageSize) {
        List<String> out = new ArrayList<>();
        String after = null;
        while (true) {
            ListingService.Page p = listing.list(b, prefix, delimiter, after, pageSize);
            p.objects().forEach(v -> out.add(v.key()));
            out.addAll(p.commonPrefixes());
            assertTrue(p.objects().size() + p.commonPrefixes().size() <= pageSize);
            if (!p.truncated()) {
                return out;
            }
            after = p.lastEntry();
        }
    }

    @Test
    void everyPageSizeYieldsEveryEntryOnce() {
        Bucket b = bucket("a/1", "a/2", "a/b/3", "b", "c/1", "c/2", "d", "e/f/g");
        for (int size = 1; size <= 9; size++) {
            List<String> got = all(b, null, "/", size);
            got.sort(null);
            assertEquals(List.of("a/", "b", "c/", "d", "e/"), got, "page size " + size);
            assertEquals(List.of("a/1", "a/2", "a/b/3", "b", "c/1", "c/2", "d", "e/f/g"), all(b, null, null, size));
        }
    }

    @Test
    void prefixAndDelimiterGroupBelowThePrefix() {
        Bucket b = bucket("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg", "docs/x");
        ListingService.Page p = listing.list(b, "photos/", "/", null, 1000);
        assertEquals(List.of("photos/2024/", "photos/2025/"), p.commonPrefixes());
        assertEquals(
                List.of("photos/top.jpg"),
                p.objects().stream().map(ObjectVersion::key).toList());
        assertFalse(p.truncated());
    }

    @Test
    void multiCharacterDelimiterAndDeletedKeys() {
        Bucket b = bucket("x--1", "x--2", "y", "z");
        objects.delete(b, "y", null);
        ListingService.Page p = listing.list(b, null, "--", null, 1000);
        assertEquals(List.of("x--"), p.commonPrefixes());
        assertEquals(List.of("z"), p.objects().stream().map(ObjectVersion::key).toList());
    }

    @Test
    void zeroMaxKeysIsAnEmptyUntruncatedPage() {
        ListingService.Page p = listing.list(bucket("a"), null, null, null, 0);
        assertTrue(p.objects().isEmpty());
        assertFalse(p.truncated());
    }
}
