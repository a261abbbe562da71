package dev.minicloud.s3.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BucketPolicyEvaluationTest {
    private static final String ARN = "arn:aws:s3:::b/logs/x";

    private static BucketPolicy policy(String statements) {
        return new PolicyParser().parse("b", ("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"*,anything,true", "s3:Replicate*,s3:ReplicateObject,true", "s3:Replicate*,s3:replicateobject,false", "a?c,abc,true", "a?c,ac,false",
            "arn:aws:s3:::b/*,arn:aws:s3:::b/k,true", "arn:aws:s3:::b/*,arn:aws:s3:::bb/k,false",
            "*a*a*a*a*a*a*b,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,false", "**,,true"})
    void wildcardsMatchAsIamDoes(String pattern, String value, boolean expected) {
        assertEquals(expected, Wildcards.matches(pattern, value == null ? "" : value));
    }

    @Test
    void anExplicitDenyWinsOverAnAllow() {
        BucketPolicy p = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:ReplicateDelete\",\"Resource\":\"arn:aws:s3:::b/logs/*\"}");
        assertTrue(p.allows("111111111111", "s3:ReplicateObject", ARN));
        assertFalse(p.allows("111111111111", "s3:ReplicateDelete", ARN));
        assertFalse(p.allows("222222222222", "s3:ReplicateObject", ARN), "no statement names this account");
        assertTrue(p.allows("111111111111", "S3:REPLICATEOBJECT", ARN), "actions match whatever their case");
    }

    @Test
    void conditionsAreNotEvaluatedSoTheyNeverGrantAndAlwaysDeny() {
        String condition = ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111111111111\"}}";
        assertFalse(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/*\""
                + condition + "}").allows("111111111111", "s3:ReplicateObject", ARN));
        assertFalse(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/*\""
                + condition + "}").allows("111111111111", "s3:ReplicateObject", ARN));
    }

    @Test
    void notPrincipalAndNotActionExclude() {
        BucketPolicy p = policy("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},"
                + "\"NotAction\":\"s3:ReplicateTags\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertTrue(p.allows("111111111111", "s3:ReplicateObject", ARN));
        assertFalse(p.allows("111111111111", "s3:ReplicateTags", ARN));
        assertFalse(p.allows("222222222222", "s3:ReplicateObject", ARN));
    }
}
