package dev.minicloud.s3.internal.api;

/**
 * Who makes an S3 request, as strict mode authorizes it: the account of the verified access key,
 * or nobody (an unsigned request), and how the request was authenticated (the {@code s3:authType}
 * condition key).
 *
 * @param account the caller's account, {@code null} when anonymous
 */
record S3Caller(String account, AuthType authType) {
    static final S3Caller ANONYMOUS = new S3Caller(null, AuthType.ANONYMOUS);
    /** Lenient mode's caller: never consulted, since lenient mode lets everyone in. */
    static final S3Caller UNVERIFIED = new S3Caller(null, AuthType.ANONYMOUS);

    /** {@code s3:authType}'s values; an anonymous request has none. */
    enum AuthType {
        REST_HEADER("REST-HEADER"),
        REST_QUERY_STRING("REST-QUERY-STRING"),
        POST("POST"),
        ANONYMOUS(null);

        private final String conditionValue;

        AuthType(String conditionValue) {
            this.conditionValue = conditionValue;
        }

        String conditionValue() {
            return conditionValue;
        }
    }

    boolean anonymous() {
        return account == null;
    }
}
