package dev.minicloud.kv.elasticache.internal.api;

import java.util.Locale;

/**
 * ElastiCache's naming rules. Cluster, replication group and parameter group names: a letter first,
 * then ASCII letters, digits and hyphens, no two hyphens in a row, no hyphen at the end; clusters up
 * to 50 characters, replication groups 40, parameter and subnet groups 255. Names are stored in
 * lower case, as ElastiCache does.
 */
final class Names {
    private Names() {}

    static String identifier(String parameter, String value, int maxLength) {
        if (value.length() > maxLength
                || !value.matches("[A-Za-z][A-Za-z0-9-]*")
                || value.contains("--")
                || value.endsWith("-")) {
            throw EcErrors.invalidParameterValue("The parameter " + parameter
                    + " is not a valid identifier. Identifiers "
                    + "must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end "
                    + "with a hyphen or contain two consecutive hyphens"
                    + (value.length() > maxLength ? "; and must be at most " + maxLength + " characters long." : "."));
        }
        return value.toLowerCase(Locale.ROOT);
    }

    static String subnetGroupName(String value) {
        if (value.length() > 255 || !value.matches("[A-Za-z0-9-]+")) {
            throw EcErrors.invalidParameterValue("The parameter CacheSubnetGroupName must contain no more than 255 "
                    + "alphanumeric characters or hyphens.");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
