package dev.minicloud.s3.internal.lock;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import dev.minicloud.s3.internal.store.ObjectVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Object Lock rules alone: protection by time and hold, removal, retention changes, defaults. */
class ObjectLocksTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant UNTIL = T0.plus(Duration.ofDays(1));

    private static ObjectVersion version(VersionLock lock) {
        return new ObjectVersion(
                "k",
                "v1",
                false,
                ObjectData.EMPTY,
                "e",
                T0,
                ObjectMetadata.EMPTY,
                Map.of(),
                "STANDARD",
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                lock);
    }

    @Test
    void aVersionIsProtectedWhileRetainedOrHeld() {
        ObjectVersion retained = version(new VersionLock(RetentionMode.GOVERNANCE, UNTIL, null));
        assertTrue(ObjectLocks.isProtected(retained, T0));
        assertTrue(ObjectLocks.isProtected(retained, UNTIL.minusMillis(1)));
        assertFalse(ObjectLocks.isProtected(retained, UNTIL));
        ObjectVersion held = version(new VersionLock(null, null, true));
        assertTrue(ObjectLocks.isProtected(held, UNTIL.plus(Duration.ofDays(9999))));
        assertFalse(ObjectLocks.isProtected(version(new VersionLock(null, null, false)), T0));
        assertFalse(ObjectLocks.isProtected(version(null), T0));
        assertFalse(ObjectLocks.isProtected(ObjectVersion.deleteMarker("k", "m", T0), T0));
    }

    @Test
    void bypassLiftsGovernanceButNeverComplianceOrAHold() {
        ObjectVersion governance = version(new VersionLock(RetentionMode.GOVERNANCE, UNTIL, null));
        ObjectVersion compliance = version(new VersionLock(RetentionMode.COMPLIANCE, UNTIL, null));
        assertThrows(AwsException.class, () -> ObjectLocks.checkRemoval(governance, false, T0));
        assertDoesNotThrow(() -> ObjectLocks.checkRemoval(governance, true, T0));
        assertEquals(
                403,
                assertThrows(AwsException.class, () -> ObjectLocks.checkRemoval(compliance, true, T0))
                        .status());
        assertDoesNotThrow(() -> ObjectLocks.checkRemoval(compliance, false, UNTIL));
        assertThrows(
                AwsException.class,
                () -> ObjectLocks.checkRemoval(
                        version(new VersionLock(RetentionMode.GOVERNANCE, UNTIL, true)), true, UNTIL));
    }

    @Test
    void retentionMayOnlyGrowUnlessGovernanceIsBypassed() {
        VersionLock compliance = new VersionLock(RetentionMode.COMPLIANCE, UNTIL, null);
        VersionLock governance = new VersionLock(RetentionMode.GOVERNANCE, UNTIL, null);
        Instant later = UNTIL.plusSeconds(1);
        Instant sooner = UNTIL.minusSeconds(1);
        assertDoesNotThrow(
                () -> ObjectLocks.checkRetentionChange(compliance, RetentionMode.COMPLIANCE, later, false, T0));
        assertThrows(
                AwsException.class,
                () -> ObjectLocks.checkRetentionChange(compliance, RetentionMode.COMPLIANCE, sooner, true, T0));
        assertThrows(
                AwsException.class,
                () -> ObjectLocks.checkRetentionChange(compliance, RetentionMode.GOVERNANCE, later, true, T0));
        assertThrows(
                AwsException.class,
                () -> ObjectLocks.checkRetentionChange(governance, RetentionMode.COMPLIANCE, later, false, T0));
        assertThrows(AwsException.class, () -> ObjectLocks.checkRetentionChange(governance, null, null, false, T0));
        assertDoesNotThrow(() -> ObjectLocks.checkRetentionChange(governance, null, null, true, T0));
        assertDoesNotThrow(
                () -> ObjectLocks.checkRetentionChange(compliance, RetentionMode.GOVERNANCE, sooner, false, UNTIL));
    }

    @Test
    void newVersionsTakeTheRequestsRetentionElseTheDefault() {
        ObjectLockConfiguration days =
                new ObjectLockConfiguration(new DefaultRetention(RetentionMode.COMPLIANCE, 2, 0));
        VersionLock byDefault = ObjectLocks.forNewVersion(days, null, T0);
        assertEquals(new VersionLock(RetentionMode.COMPLIANCE, T0.plus(Duration.ofDays(2)), null), byDefault);
        VersionLock hold = ObjectLocks.forNewVersion(days, new VersionLock(null, null, true), T0);
        assertEquals(new VersionLock(RetentionMode.COMPLIANCE, T0.plus(Duration.ofDays(2)), true), hold);
        VersionLock own = new VersionLock(RetentionMode.GOVERNANCE, UNTIL, null);
        assertEquals(own, ObjectLocks.forNewVersion(days, own, T0));
        assertNull(ObjectLocks.forNewVersion(ObjectLockConfiguration.ENABLED, null, T0));
        assertNull(ObjectLocks.forNewVersion(null, own, T0));
        // Years are calendar years: a leap day's retention ends on the next year's last day of February.
        assertEquals(
                Instant.parse("2029-02-28T08:00:00Z"),
                new DefaultRetention(RetentionMode.GOVERNANCE, 0, 1)
                        .retainUntil(Instant.parse("2028-02-29T08:00:00Z")));
    }
}
