package dev.minicloud.s3.internal.policy;

import java.util.List;

/**
 * One test of a statement's {@code Condition} block: an operator ({@code StringLike}), its set
 * qualifier ({@code ForAnyValue:}/{@code ForAllValues:}) and {@code IfExists}, one condition key
 * (lower case) and the policy's values for it. A statement applies only when all its conditions
 * hold. IAM's rules, which this follows:
 * <ul>
 *   <li>several policy values: the request value must match any of them (a negated operator: none);
 *   <li>a key the request lacks: a positive operator fails, a negated one holds; with
 *       {@code IfExists} every operator holds; {@code Null} tests exactly this presence;
 *   <li>{@code ForAnyValue:} holds when some request value matches (false without the key);
 *       {@code ForAllValues:} when every request value matches (true without the key).
 * </ul>
 */
record Condition(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String key, List<String> values) {

    /** A set operator's qualifier, for keys with several values in one request (tag keys). */
    enum Qualifier {
        NONE,
        FOR_ANY_VALUE,
        FOR_ALL_VALUES
    }

    boolean holds(RequestContext context) {
        List<String> requestValues = context.values(key);
        if (operator == ConditionOperator.Null) {
            boolean absent = requestValues == null || requestValues.isEmpty();
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v.trim()) == absent);
        }
        if (requestValues == null || requestValues.isEmpty()) {
            return ifExists
                    || switch (qualifier) {
                        case FOR_ALL_VALUES -> true;
                        case FOR_ANY_VALUE -> false;
                        case NONE -> operator.negated();
                    };
        }
        return switch (qualifier) {
            case FOR_ALL_VALUES -> requestValues.stream().allMatch(this::valueHolds);
            case FOR_ANY_VALUE -> requestValues.stream().anyMatch(this::valueHolds);
            // A single-valued operator over several request values: any of them matching counts.
            case NONE ->
                operator.negated()
                        ? requestValues.stream().allMatch(this::valueHolds)
                        : requestValues.stream().anyMatch(this::valueHolds);
        };
    }

    /** One request value: it matches some policy value (negated operators: it matches none). */
    private boolean valueHolds(String requestValue) {
        boolean matched = false;
        for (String v : values) {
            if (operator.test(requestValue, v)) {
                matched = true;
                break;
            }
        }
        return matched != operator.negated();
    }
}
