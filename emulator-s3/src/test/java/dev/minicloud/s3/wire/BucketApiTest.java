package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.internal.service.CanonicalUser;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** Bucket operations through the SDK: regions, ListBuckets paging, location and tagging. */
class BucketApiTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @Test
    void bucketLivesInItsLocationConstraintRegion() {
        s3.createBucket(b -> b.bucket("in-ireland")
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        s3.createBucket(b -> b.bucket("in-virginia"));
        HeadBucketResponse head = s3.headBucket(b -> b.bucket("in-ireland"));
        assertEquals("eu-west-1", head.bucketRegion());
        assertEquals(
                "eu-west-1", s3.getBucketLocation(b -> b.bucket("in-ireland")).locationConstraintAsString());
        assertEquals("", s3.getBucketLocation(b -> b.bucket("in-virginia")).locationConstraintAsString());
        assertEquals("us-east-1", s3.headBucket(b -> b.bucket("in-virginia")).bucketRegion());
    }

    @Test
    void listBucketsPagesWithPrefixAndContinuationToken() {
        for (String n : List.of("alpha-1", "alpha-2", "alpha-3", "beta-1", "alpha-4")) {
            s3.createBucket(b -> b.bucket(n));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListBucketsResponse page =
                    s3.listBuckets(b -> b.prefix("alpha").maxBuckets(3).continuationToken(t));
            page.buckets().forEach(bk -> names.add(bk.name()));
            token = page.continuationToken();
            pages++;
        } while (token != null);
        assertEquals(List.of("alpha-1", "alpha-2", "alpha-3", "alpha-4"), names);
        assertEquals(2, pages);
        assertEquals(5, s3.listBuckets().buckets().size());
        assertEquals("us-east-1", s3.listBuckets().buckets().get(0).bucketRegion());
    }

    @Test
    void bucketTaggingRoundTripsAndDeletes() {
        s3.createBucket(b -> b.bucket("tagged"));
        S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketTagging(b -> b.bucket("tagged")));
        assertEquals("NoSuchTagSet", none.awsErrorDetails().errorCode());
        s3.putBucketTagging(b -> b.bucket("tagged")
                .tagging(t -> t.tagSet(
                        Tag.builder().key("team").value("core").build(),
                        Tag.builder().key("env").value("").build())));
        Map<String, String> tags = s3.getBucketTagging(b -> b.bucket("tagged")).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Map.of("team", "core", "env", ""), tags);
        s3.deleteBucketTagging(b -> b.bucket("tagged"));
        assertThrows(S3Exception.class, () -> s3.getBucketTagging(b -> b.bucket("tagged")));
    }

    @Test
    void deletedBucketIsGoneAndItsNameFree() {
        s3.createBucket(b -> b.bucket("short-lived"));
        s3.deleteBucket(b -> b.bucket("short-lived"));
        assertThrows(S3Exception.class, () -> s3.headBucket(b -> b.bucket("short-lived")));
        s3.createBucket(b -> b.bucket("short-lived"));
        assertEquals(1, s3.listBuckets().buckets().size());
    }

    @Test
    void accountsDoNotSeeEachOthersBuckets() throws Exception {
        s3.createBucket(b -> b.bucket("private-to-default"));
        try (S3Client other = TestS3.accountClient(cloud.getMiniCloud(), "111122223333", Region.US_EAST_1)) {
            assertTrue(other.listBuckets().buckets().isEmpty());
            other.createBucket(b -> b.bucket("private-to-default"));
            assertEquals(
                    CanonicalUser.canonicalId("111122223333"),
                    other.listBuckets().owner().id());
        }
        HttpResponse<String> list = raw.get("/");
        assertTrue(
                list.body()
                        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListAllMyBucketsResult "
                                + "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"),
                list.body());
        assertNull(list.headers().firstValue("Transfer-Encoding").orElse(null));
    }
}
