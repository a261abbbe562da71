package dev.minicloud.s3.internal.replication;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which objects and delete markers a rule covers, as AWS decides it. */
class ReplicationRuleTest {
    private static final ReplicationDestination DEST =
            new ReplicationDestination("arn:aws:s3:::d", null, null, null, null, null, null, null, null);

    private static ReplicationRule v2(RuleFilter filter, String deleteMarkers) {
        return new ReplicationRule("r", 1, true, null, filter, deleteMarkers, DEST, null, null, null);
    }

    @Test
    void andFilterNeedsThePrefixAndEveryTag() {
        ReplicationRule rule = v2(new RuleFilter("logs/", Map.of("team", "a", "env", "prod"), true), "Disabled");
        assertTrue(rule.matches("logs/x", Map.of("team", "a", "env", "prod", "extra", "1")));
        assertFalse(rule.matches("logs/x", Map.of("team", "a")));
        assertFalse(rule.matches("data/x", Map.of("team", "a", "env", "prod")));
    }

    @Test
    void deleteMarkersFollowV1RulesAndEnabledUntaggedV2RulesOnly() {
        ReplicationRule v1 = new ReplicationRule("r", null, true, "logs/", null, null, DEST, null, null, null);
        assertTrue(v1.replicatesDeleteMarker("logs/x"));
        assertFalse(v1.replicatesDeleteMarker("data/x"));
        assertTrue(v2(new RuleFilter("logs/", Map.of(), false), "Enabled").replicatesDeleteMarker("logs/x"));
        assertFalse(v2(new RuleFilter("logs/", Map.of(), false), "Disabled").replicatesDeleteMarker("logs/x"));
        assertFalse(v2(new RuleFilter(null, Map.of("k", "v"), false), "Enabled").replicatesDeleteMarker("logs/x"));
    }

    @Test
    void disabledRuleReplicatesNoDeleteMarker() {
        ReplicationRule off = new ReplicationRule(
                "r", 1, false, null, new RuleFilter(null, Map.of(), false), "Enabled", DEST, null, null, null);
        assertFalse(off.replicatesDeleteMarker("any"));
    }
}
