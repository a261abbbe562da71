package dev.minicloud.s3.internal.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minicloud.internal.aws.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PutBucketPolicy document with S3's checks and {@code MalformedPolicy} messages: JSON
 * whose first byte is '{', a {@code Statement} (one or a list), each with an {@code Effect}, a
 * {@code Principal} or {@code NotPrincipal}, {@code s3:} actions and resources inside this bucket,
 * and a {@code Condition} block of IAM's operators ({@link ConditionOperator}) whose values the
 * operator can compare (CIDR ranges, numbers, dates).
 */
public final class PolicyParser {
    /** S3's limit for a bucket policy document. */
    public static final int MAX_BYTES = 20 * 1024;

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern IAM_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):.+");
    private static final List<String> VERSIONS = List.of("2012-10-17", "2008-10-17");

    /** Condition keys with which S3 treats a statement for everyone as not public (lower case). */
    private static final List<String> RESTRICTING_KEYS = List.of(
            "aws:sourceip",
            "aws:sourcearn",
            "aws:sourcevpc",
            "aws:sourcevpce",
            "aws:sourceaccount",
            "aws:sourceowner",
            "aws:principalaccount",
            "aws:principalarn",
            "aws:principalorgid",
            "aws:userid",
            "s3:dataaccesspointarn",
            "s3:dataaccesspointaccount");

    /** Made on the first policy, not at start-up: Jackson's classes cost a cold start about 200 ms. */
    private ObjectMapper json;

    public BucketPolicy parse(String bucket, byte[] body) {
        if (body.length > MAX_BYTES) {
            throw malformed("Policies must not exceed " + MAX_BYTES + " bytes in size");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.stripLeading().startsWith("{")) {
            throw malformed("Policies must be valid JSON and the first byte must be '{'");
        }
        JsonNode root;
        try {
            root = mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed("This policy contains invalid Json");
        }
        JsonNode version = root.get("Version");
        if (version != null && !VERSIONS.contains(version.asText())) {
            throw malformed("The policy must contain a valid version string");
        }
        JsonNode statement = root.get("Statement");
        if (statement == null || statement.isArray() && statement.isEmpty()) {
            throw malformed("Missing required field Statement");
        }
        List<PolicyStatement> statements = new ArrayList<>();
        for (JsonNode s : statement.isArray() ? statement : List.of(statement)) {
            statements.add(statement(bucket, s));
        }
        return new BucketPolicy(text, statements);
    }

    private static PolicyStatement statement(String bucket, JsonNode s) {
        if (!s.isObject()) {
            throw malformed("Statement is not a JSON object");
        }
        String effectText = s.path("Effect").asText(null);
        if (effectText == null) {
            throw malformed("Missing required field Effect");
        }
        PolicyStatement.Effect effect = switch (effectText) {
            case "Allow" -> PolicyStatement.Effect.ALLOW;
            case "Deny" -> PolicyStatement.Effect.DENY;
            default -> throw malformed("Invalid effect: " + effectText);
        };
        boolean notPrincipal = !s.has("Principal") && s.has("NotPrincipal");
        JsonNode principal = notPrincipal ? s.get("NotPrincipal") : s.get("Principal");
        if (principal == null) {
            throw malformed("Missing required field Principal");
        }
        boolean notAction = !s.has("Action") && s.has("NotAction");
        List<String> actions = strings(notAction ? s.get("NotAction") : s.get("Action"), "Action");
        for (String a : actions) {
            if (!S3Actions.isKnown(a)) {
                throw malformed("Policy has invalid action");
            }
        }
        boolean notResource = !s.has("Resource") && s.has("NotResource");
        List<String> resources = strings(notResource ? s.get("NotResource") : s.get("Resource"), "Resource");
        String arn = "arn:aws:s3:::" + bucket;
        for (String r : resources) {
            if (!r.equals(arn) && !r.startsWith(arn + "/")) {
                throw malformed("Policy has invalid resource");
            }
        }
        return new PolicyStatement(
                effect,
                principals(principal),
                notPrincipal,
                actions,
                notAction,
                resources,
                notResource,
                conditions(s.get("Condition")),
                restrictsCaller(s.get("Condition")));
    }

    /**
     * A statement's {@code Condition} block: operator -> key -> value or values. An operator outside
     * IAM's table is S3's "Policy has an invalid condition key"; an address that is no CIDR range
     * "Invalid IP address in Conditions". Condition keys themselves are not checked against a list.
     */
    private static List<Condition> conditions(JsonNode block) {
        if (block == null) {
            return List.of();
        }
        if (!block.isObject()) {
            throw malformed("Invalid Condition in policy");
        }
        List<Condition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = block.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            String name = op.getKey();
            Condition.Qualifier qualifier = Condition.Qualifier.NONE;
            int colon = name.indexOf(':');
            if (colon >= 0) {
                qualifier = switch (name.substring(0, colon).toLowerCase(Locale.ROOT)) {
                    case "foranyvalue" -> Condition.Qualifier.FOR_ANY_VALUE;
                    case "forallvalues" -> Condition.Qualifier.FOR_ALL_VALUES;
                    default -> throw malformed("Policy has an invalid condition key");
                };
                name = name.substring(colon + 1);
            }
            boolean ifExists = name.length() > 8 && name.regionMatches(true, name.length() - 8, "IfExists", 0, 8);
            ConditionOperator operator =
                    ConditionOperator.named(ifExists ? name.substring(0, name.length() - 8) : name);
            if (operator == null
                    || ifExists && operator == ConditionOperator.Null
                    || !op.getValue().isObject()) {
                throw malformed("Policy has an invalid condition key");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<String> values = new ArrayList<>();
                for (JsonNode v : key.getValue().isArray() ? key.getValue() : List.of(key.getValue())) {
                    if (!v.isValueNode() || v.isNull()) {
                        throw malformed("Invalid Condition in policy");
                    }
                    if (!operator.acceptsPolicyValue(v.asText())) {
                        throw malformed(
                                operator.kind() == ConditionOperator.Kind.IP
                                        ? "Invalid IP address in Conditions"
                                        : "Invalid Condition value in policy");
                    }
                    values.add(v.asText());
                }
                if (values.isEmpty()) {
                    throw malformed("Invalid Condition in policy");
                }
                out.add(new Condition(
                        operator, qualifier, ifExists, key.getKey().toLowerCase(Locale.ROOT), List.copyOf(values)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether a condition pins the caller to fixed values (a source IP range, VPC, ARN, account or
     * organization), which is what makes S3 call a statement for {@code "*"} non-public.
     */
    private static boolean restrictsCaller(JsonNode condition) {
        if (condition == null || !condition.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            JsonNode keys = ops.next().getValue();
            if (!keys.isObject()) {
                continue;
            }
            for (Iterator<String> it = keys.fieldNames(); it.hasNext(); ) {
                if (RESTRICTING_KEYS.contains(it.next().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static PolicyStatement.Principals principals(JsonNode principal) {
        if (principal.isTextual()) {
            if (!principal.asText().equals("*")) {
                throw malformed("Invalid principal in policy");
            }
            return new PolicyStatement.Principals(true, List.of(), List.of());
        }
        if (!principal.isObject() || principal.isEmpty()) {
            throw malformed("Invalid principal in policy");
        }
        boolean anyone = false;
        List<String> accounts = new ArrayList<>();
        List<String> canonicalIds = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = principal.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> values = strings(e.getValue(), "Principal");
            switch (e.getKey()) {
                case "AWS" -> {
                    for (String v : values) {
                        Matcher m = IAM_ARN.matcher(v);
                        if (v.equals("*")) {
                            anyone = true;
                        } else if (ACCOUNT.matcher(v).matches()) {
                            accounts.add(v);
                        } else if (m.matches()) {
                            accounts.add(m.group(1));
                        } else {
                            throw malformed("Invalid principal in policy");
                        }
                    }
                }
                case "CanonicalUser" -> canonicalIds.addAll(values);
                case "Service", "Federated" -> {
                    // Valid principals, but none of them is a caller MiniCloud knows.
                }
                default -> throw malformed("Invalid principal in policy");
            }
        }
        return new PolicyStatement.Principals(anyone, List.copyOf(accounts), List.copyOf(canonicalIds));
    }

    private static List<String> strings(JsonNode node, String field) {
        if (node == null) {
            throw malformed("Missing required field " + field);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node.isArray() ? node : List.of(node)) {
            if (!n.isTextual()) {
                throw malformed("Invalid " + field + " in policy");
            }
            out.add(n.asText());
        }
        if (out.isEmpty()) {
            throw malformed("Missing required field " + field);
        }
        return out;
    }

    private static AwsException malformed(String message) {
        return new AwsException(400, "MalformedPolicy", message);
    }

    private synchronized ObjectMapper mapper() {
        if (json == null) {
            json = new ObjectMapper();
        }
        return json;
    }
}
