package dev.minicloud.s3.internal.policy;

import java.time.Instant;
import java.util.List;

/**
 * What a bucket policy is evaluated against: who calls (an account, or anonymous), and the values
 * the request gives each condition key ({@code aws:SourceIp}, {@code s3:prefix}, ...). Keys are
 * asked for in lower case (IAM's keys are case-insensitive); a key the request does not carry is
 * {@code null}, which IAM's operators treat differently from an empty value.
 */
public interface RequestContext {
    /** The calling account, or {@code null} for an anonymous (unsigned) request. */
    String account();

    /** The request's values for {@code lowerCaseKey}, or {@code null} when the request has none. */
    List<String> values(String lowerCaseKey);

    /**
     * A request MiniCloud makes on an account's behalf (a replication copy): only the principal keys
     * and the time have values, as for S3's own service calls.
     */
    static RequestContext ofAccount(String account, Instant now) {
        return new RequestContext() {
            @Override
            public String account() {
                return account;
            }

            @Override
            public List<String> values(String key) {
                return switch (key) {
                    case "aws:principalaccount", "aws:userid" -> List.of(account);
                    case "aws:principalarn" -> List.of("arn:aws:iam::" + account + ":root");
                    case "aws:principaltype" -> List.of("Account");
                    case "aws:currenttime" -> List.of(now.toString());
                    case "aws:epochtime" -> List.of(Long.toString(now.getEpochSecond()));
                    default -> null;
                };
            }
        };
    }
}
