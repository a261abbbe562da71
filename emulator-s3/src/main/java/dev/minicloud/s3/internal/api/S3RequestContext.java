package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.s3.internal.policy.RequestContext;
import dev.minicloud.s3.internal.service.TagSets;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.VersionChain;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The condition keys of one edge request, computed only when a policy statement asks for them:
 * the global keys ({@code aws:SourceIp} is the TCP peer's address, {@code aws:SecureTransport}
 * whether the connection is TLS, the principal keys from the verified caller, {@code aws:CurrentTime}
 * from the instance's clock) and S3's ({@code s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys},
 * {@code s3:VersionId}, {@code s3:authType}, {@code s3:signatureversion}, every {@code s3:x-amz-*}
 * request header by its name, {@code s3:ExistingObjectTag/<key>}, {@code s3:RequestObjectTag/<key>}
 * and {@code s3:RequestObjectTagKeys}).
 */
final class S3RequestContext implements RequestContext {
    private static final String EXISTING_TAG = "s3:existingobjecttag/";
    private static final String REQUEST_TAG = "s3:requestobjecttag/";

    private final EdgeRequest request;
    private final S3Caller caller;
    private final String action;
    private final Bucket bucket;
    private final String key;
    private final String versionId;
    private final Instant now;
    private Map<String, String> requestTags;

    S3RequestContext(
            EdgeRequest request,
            S3Caller caller,
            String action,
            Bucket bucket,
            String key,
            String versionId,
            Instant now) {
        this.request = request;
        this.caller = caller;
        this.action = action;
        this.bucket = bucket;
        this.key = key;
        this.versionId = versionId;
        this.now = now;
    }

    @Override
    public String account() {
        return caller.account();
    }

    @Override
    public List<String> values(String k) {
        if (k.startsWith("s3:x-amz-")) {
            return one(request.header(k.substring(3)));
        }
        if (k.startsWith(EXISTING_TAG)) {
            return existingTag(k.substring(EXISTING_TAG.length()));
        }
        if (k.startsWith(REQUEST_TAG)) {
            Map<String, String> tags = requestTags();
            return tags == null ? null : one(tagValue(tags, k.substring(REQUEST_TAG.length())));
        }
        return switch (k) {
            case "aws:sourceip" -> one(sourceIp());
            case "aws:securetransport" ->
                List.of(Boolean.toString(request.ctx().pipeline().get(SslHandler.class) != null));
            case "aws:principalaccount" -> one(caller.account());
            case "aws:principalarn" ->
                caller.anonymous() ? null : List.of("arn:aws:iam::" + caller.account() + ":root");
            case "aws:userid" -> List.of(caller.anonymous() ? "anonymous" : caller.account());
            case "aws:principaltype" -> List.of(caller.anonymous() ? "Anonymous" : "Account");
            case "aws:currenttime" -> List.of(now.toString());
            case "aws:epochtime" -> List.of(Long.toString(now.getEpochSecond()));
            case "aws:referer" -> one(request.header("Referer"));
            case "aws:useragent" -> one(request.header("User-Agent"));
            case "aws:resourceaccount" -> List.of(bucket.owner());
            // A listing without a prefix has the empty prefix (AWS's examples allow "" for the root).
            case "s3:prefix" -> listing() ? List.of(orEmpty(request.queryParameter("prefix"))) : null;
            case "s3:delimiter" -> listing() ? one(request.queryParameter("delimiter")) : null;
            case "s3:max-keys" -> listing() ? one(request.queryParameter("max-keys")) : null;
            case "s3:versionid" -> one(versionId);
            case "s3:authtype" -> one(caller.authType().conditionValue());
            case "s3:signatureversion" -> caller.anonymous() ? null : List.of("AWS4-HMAC-SHA256");
            case "s3:requestobjecttagkeys" -> {
                Map<String, String> tags = requestTags();
                yield tags == null ? null : List.copyOf(tags.keySet());
            }
            default -> null;
        };
    }

    private boolean listing() {
        return action.equals("s3:ListBucket") || action.equals("s3:ListBucketVersions");
    }

    private String sourceIp() {
        SocketAddress peer = request.ctx().channel().remoteAddress();
        if (!(peer instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return null;
        }
        String ip = inet.getAddress().getHostAddress();
        int zone = ip.indexOf('%');
        return zone < 0 ? ip : ip.substring(0, zone);
    }

    private List<String> existingTag(String tagKey) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        VersionChain chain = bucket.chain(key);
        ObjectVersion v = chain == null ? null : versionId != null ? chain.find(versionId) : chain.latest();
        if (v == null || v.deleteMarker()) {
            return null;
        }
        return one(tagValue(v.tags(), tagKey));
    }

    /** The tags of {@code x-amz-tagging}, or {@code null} without one (or when it is malformed: the handler answers that). */
    private Map<String, String> requestTags() {
        if (requestTags == null) {
            String header = request.header("x-amz-tagging");
            if (header == null) {
                return null;
            }
            try {
                requestTags = TagSets.parseHeader(header);
            } catch (AwsException e) {
                return null;
            }
        }
        return requestTags;
    }

    /** Condition keys are case-insensitive, tag keys are not: the policy's key was lower-cased, so compare so. */
    private static String tagValue(Map<String, String> tags, String lowerCaseKey) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey().equalsIgnoreCase(lowerCaseKey)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static List<String> one(String value) {
        return value == null ? null : List.of(value);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
