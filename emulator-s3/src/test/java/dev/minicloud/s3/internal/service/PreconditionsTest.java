package dev.minicloud.s3.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import dev.minicloud.s3.internal.store.ObjectVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 7232 precedence as S3 applies it to reads, copy sources and writes. */
class PreconditionsTest {
    private static final ObjectVersion V = new ObjectVersion(
            "k",
            "null",
            false,
            ObjectData.EMPTY,
            "abc",
            Instant.parse("2026-06-01T12:00:00.500Z"),
            ObjectMetadata.EMPTY,
            Map.of(),
            "STANDARD",
            null,
            List.of(),
            List.of(),
            null,
            null,
            null);
    private static final String BEFORE = "Mon, 01 Jun 2026 11:00:00 GMT";
    private static final String SAME_SECOND = "Mon, 01 Jun 2026 12:00:00 GMT";

    private static Preconditions.Outcome read(String ifMatch, String ifNoneMatch, String ims, String ius) {
        return new Preconditions(ifMatch, ifNoneMatch, ims, ius).evaluateRead(V);
    }

    @Test
    void readConditions() {
        assertEquals(Preconditions.Outcome.PROCEED, read("\"abc\"", null, null, null));
        assertEquals(Preconditions.Outcome.PROCEED, read("\"x\", \"abc\"", null, null, null));
        assertEquals(
                412,
                assertThrows(AwsException.class, () -> read("\"x\"", null, null, null))
                        .status());
        assertEquals(Preconditions.Outcome.NOT_MODIFIED, read(null, "\"abc\"", null, null));
        assertEquals(Preconditions.Outcome.NOT_MODIFIED, read(null, "*", null, null));
        assertEquals(Preconditions.Outcome.NOT_MODIFIED, read(null, null, SAME_SECOND, null));
        assertEquals(Preconditions.Outcome.PROCEED, read(null, null, BEFORE, null));
        assertEquals(
                412,
                assertThrows(AwsException.class, () -> read(null, null, null, BEFORE))
                        .status());
        assertEquals(Preconditions.Outcome.PROCEED, read("\"abc\"", null, null, BEFORE), "If-Match wins");
        assertEquals(Preconditions.Outcome.PROCEED, read(null, "\"x\"", SAME_SECOND, null), "If-None-Match wins");
        assertEquals(Preconditions.Outcome.PROCEED, read(null, null, "not a date", null));
    }

    @Test
    void copySourceFailuresAreAll412() {
        assertThrows(AwsException.class, () -> new Preconditions(null, "\"abc\"", null, null).evaluateCopySource(V));
        assertThrows(AwsException.class, () -> new Preconditions(null, null, SAME_SECOND, null).evaluateCopySource(V));
        new Preconditions("\"abc\"", null, null, BEFORE).evaluateCopySource(V);
    }

    @Test
    void writeConditions() {
        Preconditions none = new Preconditions(null, "*", null, null);
        none.evaluateWrite("k", null);
        assertEquals(
                412,
                assertThrows(AwsException.class, () -> none.evaluateWrite("k", V))
                        .status());
        Preconditions match = new Preconditions("\"abc\"", null, null, null);
        match.evaluateWrite("k", V);
        assertEquals(
                404,
                assertThrows(AwsException.class, () -> match.evaluateWrite("k", null))
                        .status());
    }
}
