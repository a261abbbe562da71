package dev.minicloud.s3.internal.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import dev.minicloud.s3.internal.store.ObjectVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ListObjectVersions' walk over the store alone: order, IsLatest, common prefixes and resuming. */
class VersionListingTest {
    private final VersionListing listing = new VersionListing();
    private final Bucket bucket = new Bucket("b", "us-east-1", "000000000000", Instant.EPOCH);

    private void add(String key, String versionId) {
        bucket.mutate(key, c -> {
            c.add(new ObjectVersion(
                    key,
                    versionId,
                    false,
                    ObjectData.EMPTY,
                    "e",
                    Instant.EPOCH,
                    ObjectMetadata.EMPTY,
                    Map.of(),
                    "STANDARD",
                    null,
                    List.of(),
                    List.of(),
                    null,
                    null,
                    null));
            return null;
        });
    }

    private static List<String> ids(VersionListing.Page page) {
        return page.entries().stream()
                .map(e -> e.version().key() + ":" + e.version().versionId())
                .toList();
    }

    @Test
    void versionsComeNewestFirstPerKeyAndOnlyTheFirstIsLatest() {
        add("a", "1");
        add("a", "2");
        add("b", "3");
        VersionListing.Page page = listing.list(bucket, null, null, null, null, 1000);
        assertEquals(List.of("a:2", "a:1", "b:3"), ids(page));
        assertEquals(
                List.of(true, false, true),
                page.entries().stream().map(VersionListing.Entry::latest).toList());
        assertFalse(page.truncated());
    }

    @Test
    void commonPrefixesCountAsOneEntryAndAreNotRepeatedOnTheNextPage() {
        add("a/1", "x");
        add("a/2", "y");
        add("b", "z");
        add("c/1", "w");
        List<String> seen = new ArrayList<>();
        String km = null;
        String vm = null;
        while (true) {
            VersionListing.Page page = listing.list(bucket, null, "/", km, vm, 1);
            seen.addAll(ids(page));
            seen.addAll(page.commonPrefixes());
            if (!page.truncated()) {
                break;
            }
            km = page.nextKeyMarker();
            vm = page.nextVersionIdMarker();
        }
        assertEquals(List.of("a/", "b:z", "c/"), seen);
    }

    @Test
    void keyMarkerAloneSkipsEveryVersionOfThatKey() {
        add("a", "1");
        add("a", "2");
        add("b", "3");
        assertEquals(List.of("b:3"), ids(listing.list(bucket, null, null, "a", null, 1000)));
    }

    @Test
    void keyAndVersionMarkerResumeInsideTheKey() {
        add("a", "1");
        add("a", "2");
        add("a", "3");
        VersionListing.Page page = listing.list(bucket, null, null, "a", "3", 1);
        assertEquals(List.of("a:2"), ids(page));
        assertTrue(page.truncated());
        assertEquals("a", page.nextKeyMarker());
        assertEquals("2", page.nextVersionIdMarker());
    }
}
