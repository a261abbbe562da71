package dev.minicloud.internal.http;

import dev.minicloud.internal.aws.AwsProtocol;
import java.util.Set;

/**
 * How the edge router reaches one service: the SigV4 signing names it answers to ({@code s3},
 * {@code route53}), an optional path prefix ({@code /2013-04-01/}), whether it takes every request
 * nothing else claims (S3 does), and the error protocol used when the request fails before it
 * reaches the handler.
 */
public record EdgeRoute(
        String service,
        Set<String> signingNames,
        String pathPrefix,
        boolean fallback,
        AwsProtocol errorProtocol,
        EdgeHandler handler) {
    /** The admin API's route: it applies its own, stricter browser rules ({@code AdminGuard}). */
    public static final String ADMIN = "admin";
}
