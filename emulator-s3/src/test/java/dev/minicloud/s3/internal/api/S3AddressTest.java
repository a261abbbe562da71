package dev.minicloud.s3.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.internal.aws.AwsException;
import org.junit.jupiter.api.Test;

/** Addressing from the Host header and path, and the byte-range rules. */
class S3AddressTest {

    @Test
    void virtualHostedHostsNameTheBucket() {
        assertEquals("my-bucket", S3Address.bucketFromHost("my-bucket.localhost:4566"));
        assertEquals("my-bucket", S3Address.bucketFromHost("my-bucket.s3.localhost:4566"));
        assertEquals("my-bucket", S3Address.bucketFromHost("my-bucket.s3.eu-west-1.localhost"));
        assertEquals("my.dotted.bucket", S3Address.bucketFromHost("my.dotted.bucket.s3.amazonaws.com"));
        assertEquals("b", S3Address.bucketFromHost("B.s3.us-west-2.amazonaws.com"));
        assertEquals("b", S3Address.bucketFromHost("b.s3-us-west-2.amazonaws.com"));
        assertEquals("b", S3Address.bucketFromHost("b.s3.localhost.localstack.cloud:4566"));
    }

    @Test
    void endpointHostsMeanPathStyle() {
        for (String host : new String[] {
            "localhost:4566",
            "127.0.0.1:4566",
            "s3.localhost",
            "s3.us-east-1.localhost",
            "s3.amazonaws.com",
            "s3.eu-west-1.amazonaws.com",
            "[::1]:4566",
            "",
            "example.com"
        }) {
            assertNull(S3Address.bucketFromHost(host), host);
        }
        assertNull(S3Address.bucketFromHost(null));
    }

    @Test
    void pathStyleSplitsBucketAndKey() {
        assertEquals(new S3Address(null, "", false), S3Address.parse("localhost", "/"));
        assertEquals(new S3Address("b", "", false), S3Address.parse("localhost", "/b"));
        assertEquals(new S3Address("b", "", false), S3Address.parse("localhost", "/b/"));
        assertEquals(new S3Address("b", "dir/key/", false), S3Address.parse("localhost", "/b/dir/key/"));
        assertEquals(new S3Address("b", "/leading", true), S3Address.parse("b.localhost", "//leading"));
    }

    @Test
    void rangesFollowS3() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-1000", 100));
        assertEquals(new ByteRange(80, 99), ByteRange.parse("bytes=-20", 100));
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-200", 100));
        assertNull(ByteRange.parse("bytes=5-1", 100));
        assertNull(ByteRange.parse("bytes=0-1,5-6", 100));
        assertNull(ByteRange.parse("items=0-1", 100));
        assertThrows(AwsException.class, () -> ByteRange.parse("bytes=100-", 100));
        assertThrows(AwsException.class, () -> ByteRange.parse("bytes=0-", 0));
    }
}
