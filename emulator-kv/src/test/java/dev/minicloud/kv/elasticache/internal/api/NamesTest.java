package dev.minicloud.kv.elasticache.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.internal.aws.AwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @Test
    void identifiersAreStoredInLowerCase() {
        assertEquals("my-cache-01", Names.identifier("CacheClusterId", "My-Cache-01", 50));
        assertEquals("a".repeat(50), Names.identifier("CacheClusterId", "a".repeat(50), 50));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1abc", "-abc", "abc-", "a--b", "a_b", "a.b", "caché"})
    void identifiersBreakingElastiCachesRulesAreRefused(String name) {
        AwsException e = assertThrows(AwsException.class, () -> Names.identifier("CacheClusterId", name, 50));
        assertEquals("InvalidParameterValue", e.code());
    }

    @Test
    void tooLongIdentifiersAreRefused() {
        assertThrows(AwsException.class, () -> Names.identifier("ReplicationGroupId", "a".repeat(41), 40));
    }
}
