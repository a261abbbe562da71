package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the S3 route table ({@link S3RequestHandler}): which requests it takes (method, level,
 * sub-resource query parameters, query values, distinguishing headers) and the S3 operation, by
 * AWS's name, that serves them. A row without a handler is an operation of S3's model we do not
 * serve: it answers {@code 501 NotImplemented}.
 *
 * @param operation the operation's name in AWS's S3 model ({@code PutBucketAcl})
 * @param queries query parameters that must be present ({@code acl}, {@code uploadId})
 * @param queryValues {@code name=value} pairs that must be present exactly ({@code list-type=2})
 * @param headers request headers that must be present ({@code x-amz-copy-source})
 * @param headerPrefixes {@code name: prefix} pairs a header must start with, any case
 *     ({@code Content-Type: multipart/form-data})
 * @param alsoAt a second level the row takes, or {@code null} (a CORS preflight may name a bucket or an object)
 * @param bucketName for a route on a fixed path rather than a bucket ({@code /WriteGetObjectResponse})
 * @param iam the IAM action strict mode authorizes ({@code null} only for {@code NotImplemented} rows)
 * @param handler what serves the operation, {@code null} for {@code NotImplemented}
 */
record S3Route(
        String operation,
        HttpMethod method,
        Level level,
        Level alsoAt,
        List<String> queries,
        List<String> queryValues,
        List<String> headers,
        List<String> headerPrefixes,
        String bucketName,
        IamAction iam,
        Handler handler) {

    /** What a request addresses: the service (no bucket), a bucket, or an object. */
    enum Level {
        SERVICE,
        BUCKET,
        OBJECT
    }

    /** Serves one matched request; returns how its body is consumed ({@link BodyHandler#DISCARD} if unread). */
    @FunctionalInterface
    interface Handler {
        BodyHandler serve(S3Call call);
    }

    /** A handler that answers from the request head alone. */
    @FunctionalInterface
    interface HeadOnly {
        void serve(S3Call call);
    }

    static Builder on(HttpMethod method, Level level, String operation) {
        return new Builder(method, level, operation);
    }

    /** Whether this row is served ({@code false}: {@code 501 NotImplemented}). */
    boolean served() {
        return handler != null;
    }

    /** The sub-resource named in a {@code NotImplemented} answer: {@code ?cors}, or the operation. */
    String subResource() {
        return queries.isEmpty() ? operation : "?" + queries.get(0);
    }

    boolean matches(EdgeRequest r, Level at, String bucket) {
        if (!method.equals(r.method()) || level != at && alsoAt != at) {
            return false;
        }
        if (bucketName != null && !bucketName.equals(bucket)) {
            return false;
        }
        for (String q : queries) {
            if (!r.hasQueryParameter(q)) {
                return false;
            }
        }
        for (String qv : queryValues) {
            int eq = qv.indexOf('=');
            if (!qv.substring(eq + 1).equals(r.queryParameter(qv.substring(0, eq)))) {
                return false;
            }
        }
        for (String h : headers) {
            if (r.header(h) == null) {
                return false;
            }
        }
        for (String hp : headerPrefixes) {
            int colon = hp.indexOf(':');
            String value = r.header(hp.substring(0, colon));
            if (value == null || !value.toLowerCase(Locale.ROOT).startsWith(hp.substring(colon + 1))) {
                return false;
            }
        }
        return true;
    }

    /** Builds one row: conditions first, then {@link #to}, {@link #head} or {@link #notImplemented}. */
    static final class Builder {
        private final HttpMethod method;
        private final Level level;
        private final String operation;
        private final List<String> queries = new ArrayList<>();
        private final List<String> queryValues = new ArrayList<>();
        private final List<String> headers = new ArrayList<>();
        private final List<String> headerPrefixes = new ArrayList<>();
        private String bucketName;
        private Level alsoAt;
        private IamAction iam;

        private Builder(HttpMethod method, Level level, String operation) {
            this.method = method;
            this.level = level;
            this.operation = operation;
        }

        /** Query parameters that must be present, any value. */
        Builder query(String... names) {
            queries.addAll(List.of(names));
            return this;
        }

        /** A query parameter that must have exactly this value. */
        Builder queryValue(String name, String value) {
            queryValues.add(name + "=" + value);
            return this;
        }

        /** Headers that must be present. */
        Builder header(String... names) {
            headers.addAll(List.of(names));
            return this;
        }

        /** A header that must start with {@code prefix} (lower case), any case. */
        Builder headerPrefix(String name, String prefix) {
            headerPrefixes.add(name + ":" + prefix);
            return this;
        }

        /** A second level this row takes. */
        Builder orAt(Level other) {
            alsoAt = other;
            return this;
        }

        /**
         * The IAM action, checked against the row's level: the account for {@link Level#SERVICE}, else
         * the addressed bucket or object; {@code versionAction} instead when the request names a {@code versionId}.
         */
        Builder iam(String action, String versionAction) {
            iam = new IamAction(
                    action,
                    versionAction,
                    switch (level) {
                        case SERVICE -> IamAction.Scope.ACCOUNT;
                        case BUCKET -> IamAction.Scope.BUCKET;
                        case OBJECT -> IamAction.Scope.OBJECT;
                    });
            return this;
        }

        /** The IAM action, the same with or without {@code versionId}. */
        Builder iam(String action) {
            return iam(action, (String) null);
        }

        /** An IAM action checked against another scope than the row's level (CreateBucket: the account). */
        Builder iam(String action, IamAction.Scope scope) {
            iam = new IamAction(action, null, scope);
            return this;
        }

        /** No IAM action: a request anyone may make (a CORS preflight; the bucket's CORS rules decide). */
        Builder noIamAction() {
            iam = new IamAction(null, null, IamAction.Scope.UNCHECKED);
            return this;
        }

        /** A fixed first path segment instead of a bucket name. */
        Builder path(String firstSegment) {
            bucketName = firstSegment;
            return this;
        }

        S3Route to(Handler handler) {
            return build(handler);
        }

        S3Route head(HeadOnly handler) {
            return build(c -> {
                handler.serve(c);
                return BodyHandler.DISCARD;
            });
        }

        S3Route notImplemented() {
            return build(null);
        }

        private S3Route build(Handler handler) {
            if (handler != null && iam == null) {
                throw new IllegalStateException(operation + ": a served row names its IAM action");
            }
            return new S3Route(
                    operation,
                    method,
                    level,
                    alsoAt,
                    List.copyOf(queries),
                    List.copyOf(queryValues),
                    List.copyOf(headers),
                    List.copyOf(headerPrefixes),
                    bucketName,
                    iam,
                    handler);
        }
    }
}
