package dev.minicloud.s3.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.s3.internal.policy.BucketPolicy.Decision;
import dev.minicloud.s3.internal.service.CanonicalUser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy evaluator alone: a policy document and a request context in, IAM's decision out. */
class BucketPolicyEvaluationTest {
    private static final String ARN = "arn:aws:s3:::b/logs/x";
    private static final String A = "111111111111";
    private static final String B = "222222222222";

    private static BucketPolicy policy(String statements) {
        return new PolicyParser()
                .parse(
                        "b",
                        ("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}")
                                .getBytes(StandardCharsets.UTF_8));
    }

    /** One statement allowing everyone s3:GetObject on b/*, under {@code condition} (a JSON object body). */
    private static BucketPolicy allowGetIf(String condition) {
        return policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{" + condition + "}}");
    }

    /** A request context with fixed key values (keys any case). */
    private static final class Ctx implements RequestContext {
        private final String account;
        private final Map<String, List<String>> values = new HashMap<>();

        Ctx(String account) {
            this.account = account;
        }

        Ctx with(String key, String... v) {
            values.put(key.toLowerCase(Locale.ROOT), List.of(v));
            return this;
        }

        @Override
        public String account() {
            return account;
        }

        @Override
        public List<String> values(String key) {
            return values.get(key);
        }
    }

    private static Decision get(BucketPolicy p, Ctx ctx) {
        return p.evaluate(ctx, "s3:GetObject", ARN);
    }

    @ParameterizedTest
    @CsvSource({
        "*,anything,true",
        "s3:Replicate*,s3:ReplicateObject,true",
        "s3:Replicate*,s3:replicateobject,false",
        "a?c,abc,true",
        "a?c,ac,false",
        "arn:aws:s3:::b/*,arn:aws:s3:::b/k,true",
        "arn:aws:s3:::b/*,arn:aws:s3:::bb/k,false",
        "*a*a*a*a*a*a*b,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,false",
        "**,,true"
    })
    void wildcardsMatchAsIamDoes(String pattern, String value, boolean expected) {
        assertEquals(expected, Wildcards.matches(pattern, value == null ? "" : value));
    }

    @Test
    void anExplicitDenyWinsOverAnAllow() {
        BucketPolicy p = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:ReplicateDelete\",\"Resource\":\"arn:aws:s3:::b/logs/*\"}");
        assertEquals(Decision.ALLOW, p.evaluate(new Ctx(A), "s3:ReplicateObject", ARN));
        assertEquals(Decision.DENY, p.evaluate(new Ctx(A), "s3:ReplicateDelete", ARN));
        assertEquals(
                Decision.NONE, p.evaluate(new Ctx(B), "s3:ReplicateObject", ARN), "no statement names this account");
        assertEquals(
                Decision.ALLOW, p.evaluate(new Ctx(A), "S3:REPLICATEOBJECT", ARN), "actions match whatever their case");
        assertEquals(
                Decision.DENY, p.evaluate(new Ctx(null), "s3:ReplicateDelete", ARN), "* includes anonymous callers");
    }

    @Test
    void principalsNameAccountsByIdRootUserOrRoleArnOrCanonicalId() {
        for (String principal : List.of(
                "\"111111111111\"",
                "\"arn:aws:iam::111111111111:root\"",
                "\"arn:aws:iam::111111111111:user/alice\"",
                "\"arn:aws:iam::111111111111:role/app\"")) {
            BucketPolicy p = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":" + principal + "},"
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
            assertEquals(Decision.ALLOW, get(p, new Ctx(A)), principal);
            assertEquals(Decision.NONE, get(p, new Ctx(B)), principal);
            assertEquals(Decision.NONE, get(p, new Ctx(null)), principal);
        }
        BucketPolicy canonical = policy("{\"Effect\":\"Allow\",\"Principal\":{\"CanonicalUser\":\""
                + CanonicalUser.canonicalId(A) + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertEquals(Decision.ALLOW, get(canonical, new Ctx(A)));
        assertEquals(Decision.NONE, get(canonical, new Ctx(B)));
        BucketPolicy awsStar = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertEquals(Decision.ALLOW, get(awsStar, new Ctx(null)), "{\"AWS\": \"*\"} is everyone, as \"*\" is");
    }

    @Test
    void notPrincipalNotActionAndNotResourceExclude() {
        BucketPolicy p = policy("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},"
                + "\"NotAction\":\"s3:ReplicateTags\",\"NotResource\":\"arn:aws:s3:::b/private/*\"}");
        assertEquals(Decision.ALLOW, p.evaluate(new Ctx(A), "s3:ReplicateObject", ARN));
        assertEquals(
                Decision.ALLOW,
                p.evaluate(new Ctx(null), "s3:GetObject", ARN),
                "anonymous is not the excluded account");
        assertEquals(Decision.NONE, p.evaluate(new Ctx(A), "s3:ReplicateTags", ARN));
        assertEquals(Decision.NONE, p.evaluate(new Ctx(B), "s3:ReplicateObject", ARN));
        assertEquals(Decision.NONE, p.evaluate(new Ctx(A), "s3:GetObject", "arn:aws:s3:::b/private/k"));
    }

    @Test
    void ipAddressMatchesIpv4AndIpv6RangesAndNotIpAddressTheRest() {
        BucketPolicy p =
                allowGetIf("\"IpAddress\":{\"aws:SourceIp\":[\"127.0.0.1/32\",\"10.1.0.0/16\",\"2001:db8::/32\"]}");
        assertEquals(Decision.ALLOW, get(p, new Ctx(null).with("aws:SourceIp", "127.0.0.1")));
        assertEquals(Decision.ALLOW, get(p, new Ctx(null).with("aws:SourceIp", "10.1.200.3")));
        assertEquals(Decision.ALLOW, get(p, new Ctx(null).with("aws:SourceIp", "2001:db8:0:1::5")));
        assertEquals(Decision.NONE, get(p, new Ctx(null).with("aws:SourceIp", "10.2.0.1")));
        assertEquals(Decision.NONE, get(p, new Ctx(null).with("aws:SourceIp", "2001:db9::1")));
        assertEquals(Decision.NONE, get(p, new Ctx(null)), "no source address: a positive operator fails");
        BucketPolicy deny =
                policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/*\","
                        + "\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}");
        assertEquals(Decision.DENY, get(deny, new Ctx(A).with("aws:SourceIp", "127.0.0.1")));
        assertEquals(Decision.NONE, get(deny, new Ctx(A).with("aws:SourceIp", "192.0.2.77")));
    }

    @Test
    void stringOperatorsWithSeveralValuesAndMissingKeys() {
        BucketPolicy like = allowGetIf("\"StringLike\":{\"s3:prefix\":[\"home/*\",\"\"]}");
        assertEquals(Decision.ALLOW, get(like, new Ctx(B).with("s3:prefix", "home/alice/")));
        assertEquals(Decision.ALLOW, get(like, new Ctx(B).with("s3:prefix", "")));
        assertEquals(Decision.NONE, get(like, new Ctx(B).with("s3:prefix", "etc/")));
        BucketPolicy notLike = allowGetIf("\"StringNotLike\":{\"s3:prefix\":\"secret*\"}");
        assertEquals(Decision.ALLOW, get(notLike, new Ctx(B).with("s3:prefix", "public/")));
        assertEquals(Decision.NONE, get(notLike, new Ctx(B).with("s3:prefix", "secret/")));
        assertEquals(Decision.ALLOW, get(notLike, new Ctx(B)), "a negated operator holds without the key");
        BucketPolicy equals = allowGetIf("\"StringEquals\":{\"aws:PrincipalAccount\":\"222222222222\"}");
        assertEquals(Decision.ALLOW, get(equals, new Ctx(B).with("aws:PrincipalAccount", B)));
        assertEquals(Decision.NONE, get(equals, new Ctx(null)));
        BucketPolicy ignoreCase = allowGetIf("\"StringEqualsIgnoreCase\":{\"s3:x-amz-acl\":\"PUBLIC-READ\"}");
        assertEquals(Decision.ALLOW, get(ignoreCase, new Ctx(B).with("s3:x-amz-acl", "public-read")));
        BucketPolicy notEquals =
                allowGetIf("\"StringNotEquals\":{\"s3:x-amz-server-side-encryption\":[\"aws:kms\",\"AES256\"]}");
        assertEquals(Decision.NONE, get(notEquals, new Ctx(B).with("s3:x-amz-server-side-encryption", "AES256")));
        assertEquals(Decision.ALLOW, get(notEquals, new Ctx(B).with("s3:x-amz-server-side-encryption", "none")));
    }

    @Test
    void allConditionsOfAStatementMustHold() {
        BucketPolicy p = allowGetIf("\"Bool\":{\"aws:SecureTransport\":\"false\"},"
                + "\"StringEquals\":{\"s3:authType\":\"REST-HEADER\",\"s3:signatureversion\":\"AWS4-HMAC-SHA256\"}");
        Ctx both = new Ctx(B)
                .with("aws:SecureTransport", "false")
                .with("s3:authType", "REST-HEADER")
                .with("s3:signatureversion", "AWS4-HMAC-SHA256");
        assertEquals(Decision.ALLOW, get(p, both));
        assertEquals(Decision.NONE, get(p, both.with("s3:authType", "REST-QUERY-STRING")));
    }

    @Test
    void boolNullNumericAndDateOperators() {
        assertEquals(
                Decision.DENY,
                get(
                        policy(
                                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                                        + "\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}"),
                        new Ctx(A).with("aws:SecureTransport", "false")));
        BucketPolicy unsignedOnly = allowGetIf("\"Null\":{\"aws:PrincipalAccount\":\"true\"}");
        assertEquals(Decision.ALLOW, get(unsignedOnly, new Ctx(null)));
        assertEquals(Decision.NONE, get(unsignedOnly, new Ctx(A).with("aws:PrincipalAccount", A)));
        BucketPolicy fewKeys = allowGetIf("\"NumericLessThanEquals\":{\"s3:max-keys\":\"10\"}");
        assertEquals(Decision.ALLOW, get(fewKeys, new Ctx(B).with("s3:max-keys", "10")));
        assertEquals(Decision.NONE, get(fewKeys, new Ctx(B).with("s3:max-keys", "11")));
        assertEquals(Decision.NONE, get(fewKeys, new Ctx(B).with("s3:max-keys", "ten")));
        BucketPolicy window = allowGetIf("\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\"},"
                + "\"DateLessThan\":{\"aws:CurrentTime\":\"2026-02-01T00:00:00Z\"}");
        assertEquals(Decision.ALLOW, get(window, new Ctx(B).with("aws:CurrentTime", "2026-01-15T12:00:00Z")));
        assertEquals(Decision.NONE, get(window, new Ctx(B).with("aws:CurrentTime", "2026-02-01T00:00:01Z")));
    }

    @Test
    void setQualifiersAndIfExists() {
        BucketPolicy anyTag =
                allowGetIf("\"ForAnyValue:StringEquals\":{\"s3:RequestObjectTagKeys\":[\"team\",\"env\"]}");
        assertEquals(Decision.ALLOW, get(anyTag, new Ctx(B).with("s3:RequestObjectTagKeys", "owner", "env")));
        assertEquals(Decision.NONE, get(anyTag, new Ctx(B).with("s3:RequestObjectTagKeys", "owner")));
        assertEquals(Decision.NONE, get(anyTag, new Ctx(B)), "ForAnyValue without the key fails");
        BucketPolicy allTags =
                allowGetIf("\"ForAllValues:StringEquals\":{\"s3:RequestObjectTagKeys\":[\"team\",\"env\"]}");
        assertEquals(Decision.ALLOW, get(allTags, new Ctx(B).with("s3:RequestObjectTagKeys", "team", "env")));
        assertEquals(Decision.NONE, get(allTags, new Ctx(B).with("s3:RequestObjectTagKeys", "team", "owner")));
        assertEquals(Decision.ALLOW, get(allTags, new Ctx(B)), "ForAllValues without the key holds");
        BucketPolicy ifExists = allowGetIf("\"StringEqualsIfExists\":{\"s3:x-amz-acl\":\"private\"}");
        assertEquals(Decision.ALLOW, get(ifExists, new Ctx(B)));
        assertEquals(Decision.ALLOW, get(ifExists, new Ctx(B).with("s3:x-amz-acl", "private")));
        assertEquals(Decision.NONE, get(ifExists, new Ctx(B).with("s3:x-amz-acl", "public-read")));
    }

    @Test
    void requestContextOfAnAccountGivesPrincipalKeysAndTime() {
        RequestContext replication = RequestContext.ofAccount(A, Instant.parse("2026-03-01T00:00:00Z"));
        BucketPolicy p = policy(
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"s3:ReplicateObject\","
                        + "\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"111111111111\"},"
                        + "\"DateLessThan\":{\"aws:CurrentTime\":\"2027-01-01\"}}}");
        assertEquals(Decision.ALLOW, p.evaluate(replication, "s3:ReplicateObject", ARN));
        assertEquals(
                Decision.NONE,
                p.evaluate(
                        RequestContext.ofAccount(A, Instant.parse("2027-03-01T00:00:00Z")), "s3:ReplicateObject", ARN));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"StringEqualz\":{\"s3:prefix\":\"a\"}|Policy has an invalid condition key",
                "\"ForSomeValues:StringEquals\":{\"s3:prefix\":\"a\"}|Policy has an invalid condition key",
                "\"NullIfExists\":{\"s3:prefix\":\"true\"}|Policy has an invalid condition key",
                "\"IpAddress\":{\"aws:SourceIp\":\"not-an-ip\"}|Invalid IP address in Conditions",
                "\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}|Invalid IP address in Conditions"
            })
    void putBucketPolicyRefusesUnknownOperatorsAndBadAddresses(String condition, String message) {
        AwsException e = assertThrows(AwsException.class, () -> allowGetIf(condition));
        assertEquals("MalformedPolicy", e.code());
        assertEquals(message, e.getMessage());
    }
}
