package dev.minicloud.s3.internal.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minicloud.internal.aws.AwsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The policy document of a browser-based POST upload: its {@code expiration} and
 * {@code conditions} ({@code {"field": "value"}}, {@code ["eq", "$field", "value"]},
 * {@code ["starts-with", "$field", "prefix"]}, {@code ["content-length-range", min, max]}), checked
 * against the form's fields with S3's errors: a malformed document is {@code InvalidPolicyDocument},
 * an expired one, a failed condition or a field no condition names is 403 {@code AccessDenied}
 * "Invalid according to Policy: ...".
 */
public final class PostPolicy {
    /** Fields a policy need not name (S3: the policy, its signature, the file and {@code x-ignore-*}). */
    private static final Set<String> EXEMPT =
            Set.of("policy", "x-amz-signature", "signature", "awsaccesskeyid", "file");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One condition: {@code op} is {@code eq} or {@code starts-with}, on a field named in lower case. */
    record Condition(String op, String field, String value, String shown) {}

    private final Instant expiration;
    private final List<Condition> conditions;
    private final long minLength;
    private final long maxLength;

    private PostPolicy(Instant expiration, List<Condition> conditions, long minLength, long maxLength) {
        this.expiration = expiration;
        this.conditions = conditions;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Decodes the {@code policy} field (base64 JSON); {@code InvalidPolicyDocument} if it is not a policy. */
    public static PostPolicy parse(String base64) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(Base64.getMimeDecoder().decode(base64.trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid("Invalid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("Invalid JSON.");
        }
        JsonNode exp = root.get("expiration");
        if (exp == null) {
            throw invalid("Policy missing expiration.");
        }
        Instant expiration;
        try {
            // S3 reads UTC only: an offset, or a space for the T, is refused.
            if (!exp.isTextual() || !exp.asText().endsWith("Z")) {
                throw new DateTimeParseException("not UTC", exp.asText(), 0);
            }
            expiration = Instant.parse(exp.asText());
        } catch (DateTimeParseException e) {
            throw invalid("Invalid 'expiration' value: '" + exp.asText() + "'");
        }
        JsonNode conds = root.get("conditions");
        if (conds == null) {
            throw invalid("Policy missing conditions.");
        }
        if (!conds.isArray()) {
            throw invalid("Invalid 'conditions' value: must be a list.");
        }
        List<Condition> conditions = new ArrayList<>();
        long min = 0;
        long max = Long.MAX_VALUE;
        for (JsonNode c : conds) {
            if (c.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = c.fields();
                if (!it.hasNext()) {
                    throw invalid(
                            "Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
                }
                Map.Entry<String, JsonNode> e = it.next();
                if (it.hasNext()) {
                    throw invalid(
                            "Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
                }
                if (e.getValue().isNull() || e.getValue().isContainerNode()) {
                    throw invalid("Invalid JSON.");
                }
                if (!e.getValue().isTextual()) {
                    throw invalid("Invalid Simple-Condition: value must be a string.");
                }
                String field = e.getKey().toLowerCase(Locale.ROOT);
                conditions.add(new Condition(
                        "eq",
                        field,
                        e.getValue().asText(),
                        shown("eq", "$" + e.getKey(), e.getValue().asText())));
            } else if (c.isArray()) {
                if (c.isEmpty()) {
                    throw invalid("Invalid Condition: missing operation identifier.");
                }
                String op = c.get(0).asText().toLowerCase(Locale.ROOT);
                if (!op.equals("content-length-range") && !op.equals("eq") && !op.equals("starts-with")) {
                    throw invalid(
                            "Invalid Condition: unknown operation '" + c.get(0).asText() + "'.");
                }
                if (c.size() != 3) {
                    throw invalid("Invalid " + op + ": wrong number of arguments.");
                }
                if (op.equals("content-length-range")) {
                    // S3 takes integers only here: 512.0 is "Invalid JSON." there.
                    if (!c.get(1).isIntegralNumber() || !c.get(2).isIntegralNumber()) {
                        throw invalid("Invalid JSON.");
                    }
                    min = c.get(1).asLong();
                    max = c.get(2).asLong();
                    continue;
                }
                if (!c.get(1).isTextual() || !c.get(2).isTextual()) {
                    throw invalid("Invalid JSON.");
                }
                String name = c.get(1).asText();
                if (!name.startsWith("$")) {
                    throw invalid("Invalid " + op + ": the first argument must name a field with '$'.");
                }
                conditions.add(new Condition(
                        op,
                        name.substring(1).toLowerCase(Locale.ROOT),
                        c.get(2).asText(),
                        shown(op, name, c.get(2).asText())));
            } else {
                throw invalid("Invalid condition test: must be a List or Object.");
            }
        }
        return new PostPolicy(expiration, List.copyOf(conditions), min, max);
    }

    /**
     * Checks the policy against the form's {@code fields} (lower-case names) and the bucket, at
     * {@code now}: not expired, every condition holds, every field is named by a condition.
     */
    public void check(Map<String, String> fields, String bucket, Instant now) {
        if (!now.isBefore(expiration)) {
            throw denied("Policy expired.");
        }
        for (Condition c : conditions) {
            String actual = c.field().equals("bucket") ? bucket : fields.get(c.field());
            boolean holds =
                    actual != null && (c.op().equals("eq") ? actual.equals(c.value()) : actual.startsWith(c.value()));
            if (!holds) {
                throw denied("Policy Condition failed: " + c.shown());
            }
        }
        for (String field : fields.keySet()) {
            if (EXEMPT.contains(field) || field.startsWith("x-ignore-")) {
                continue;
            }
            if (conditions.stream().noneMatch(c -> c.field().equals(field))) {
                throw denied("Extra input fields: " + field);
            }
        }
    }

    /** A condition as S3 prints it in an error: {@code ["eq", "$key", "v"]}, the values JSON-escaped. */
    private static String shown(String op, String field, String value) {
        try {
            return "[" + JSON.writeValueAsString(op) + ", " + JSON.writeValueAsString(field) + ", "
                    + JSON.writeValueAsString(value) + "]";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // strings always serialize
        }
    }

    /** The smallest file the policy allows (0 without a {@code content-length-range}). */
    public long minLength() {
        return minLength;
    }

    /** The largest file the policy allows ({@link Long#MAX_VALUE} without a {@code content-length-range}). */
    public long maxLength() {
        return maxLength;
    }

    private static AwsException invalid(String why) {
        return new AwsException(400, "InvalidPolicyDocument", "Invalid Policy: " + why);
    }

    private static AwsException denied(String why) {
        return new AwsException(403, "AccessDenied", "Invalid according to Policy: " + why);
    }
}
