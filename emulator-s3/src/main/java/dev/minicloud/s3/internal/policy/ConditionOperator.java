package dev.minicloud.s3.internal.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * IAM's condition operators, each as the positive test of one request value against one policy
 * value; the {@code Not...} operators are the same tests negated (see {@link Condition} for how
 * negation, {@code ForAnyValue:}/{@code ForAllValues:} and {@code ...IfExists} combine). A name
 * outside this table makes PutBucketPolicy answer {@code MalformedPolicy}, as S3 does.
 */
enum ConditionOperator {
    StringEquals(false, Kind.STRING),
    StringNotEquals(true, Kind.STRING),
    StringEqualsIgnoreCase(false, Kind.STRING_IGNORE_CASE),
    StringNotEqualsIgnoreCase(true, Kind.STRING_IGNORE_CASE),
    StringLike(false, Kind.LIKE),
    StringNotLike(true, Kind.LIKE),
    NumericEquals(false, Kind.NUMERIC_EQ),
    NumericNotEquals(true, Kind.NUMERIC_EQ),
    NumericLessThan(false, Kind.NUMERIC_LT),
    NumericLessThanEquals(false, Kind.NUMERIC_LE),
    NumericGreaterThan(false, Kind.NUMERIC_GT),
    NumericGreaterThanEquals(false, Kind.NUMERIC_GE),
    DateEquals(false, Kind.DATE_EQ),
    DateNotEquals(true, Kind.DATE_EQ),
    DateLessThan(false, Kind.DATE_LT),
    DateLessThanEquals(false, Kind.DATE_LE),
    DateGreaterThan(false, Kind.DATE_GT),
    DateGreaterThanEquals(false, Kind.DATE_GE),
    Bool(false, Kind.BOOL),
    BinaryEquals(false, Kind.STRING),
    IpAddress(false, Kind.IP),
    NotIpAddress(true, Kind.IP),
    ArnEquals(false, Kind.LIKE),
    ArnLike(false, Kind.LIKE),
    ArnNotEquals(true, Kind.LIKE),
    ArnNotLike(true, Kind.LIKE),
    /** Tests presence, not values: handled by {@link Condition} itself. */
    Null(false, Kind.NULL);

    /** How a request value is compared with a policy value. */
    enum Kind {
        STRING,
        STRING_IGNORE_CASE,
        LIKE,
        NUMERIC_EQ,
        NUMERIC_LT,
        NUMERIC_LE,
        NUMERIC_GT,
        NUMERIC_GE,
        DATE_EQ,
        DATE_LT,
        DATE_LE,
        DATE_GT,
        DATE_GE,
        BOOL,
        IP,
        NULL
    }

    private final boolean negated;
    private final Kind kind;

    ConditionOperator(boolean negated, Kind kind) {
        this.negated = negated;
        this.kind = kind;
    }

    boolean negated() {
        return negated;
    }

    Kind kind() {
        return kind;
    }

    /** The operator named {@code name}, any case, or {@code null}. */
    static ConditionOperator named(String name) {
        for (ConditionOperator o : values()) {
            if (o.name().equalsIgnoreCase(name)) {
                return o;
            }
        }
        return null;
    }

    /** Whether a policy value is one this operator can compare with (checked at PutBucketPolicy). */
    boolean acceptsPolicyValue(String value) {
        return switch (kind) {
            case IP -> Cidr.parse(value) != null;
            case NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE -> number(value) != null;
            case DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE -> date(value) != null;
            default -> true;
        };
    }

    /** The positive test ({@code negated} not applied) of one request value against one policy value. */
    boolean test(String requestValue, String policyValue) {
        return switch (kind) {
            case STRING -> requestValue.equals(policyValue);
            case STRING_IGNORE_CASE -> requestValue.equalsIgnoreCase(policyValue);
            case LIKE -> Wildcards.matches(policyValue, requestValue);
            case BOOL -> requestValue.equalsIgnoreCase(policyValue.toLowerCase(Locale.ROOT));
            case IP -> {
                Cidr range = Cidr.parse(policyValue);
                byte[] address = Cidr.bytes(requestValue);
                yield range != null && address != null && range.contains(address);
            }
            case NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE -> {
                BigDecimal r = number(requestValue);
                BigDecimal p = number(policyValue);
                yield r != null && p != null && ordered(r.compareTo(p));
            }
            case DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE -> {
                Instant r = date(requestValue);
                Instant p = date(policyValue);
                yield r != null && p != null && ordered(r.compareTo(p));
            }
            case NULL -> throw new IllegalStateException("Null tests presence, not values");
        };
    }

    private boolean ordered(int comparison) {
        return switch (kind) {
            case NUMERIC_EQ, DATE_EQ -> comparison == 0;
            case NUMERIC_LT, DATE_LT -> comparison < 0;
            case NUMERIC_LE, DATE_LE -> comparison <= 0;
            case NUMERIC_GT, DATE_GT -> comparison > 0;
            case NUMERIC_GE, DATE_GE -> comparison >= 0;
            default -> false;
        };
    }

    private static BigDecimal number(String s) {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An ISO 8601 date-time (with offset or {@code Z}), a date alone (midnight UTC), or epoch seconds. */
    static Instant date(String s) {
        String t = s.trim();
        if (!t.isEmpty() && t.length() <= 12 && t.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
