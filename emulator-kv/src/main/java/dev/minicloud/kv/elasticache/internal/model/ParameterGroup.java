package dev.minicloud.kv.elasticache.internal.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** A cache parameter group: a family's defaults plus the values set with {@code ModifyCacheParameterGroup}. */
public final class ParameterGroup {
    private final String name;
    private final String family;
    private final String description;
    private final boolean isDefault;
    private final String arn;
    private final Map<String, String> userValues = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    public ParameterGroup(String name, String family, String description, boolean isDefault, String arn) {
        this.name = name;
        this.family = family;
        this.description = description;
        this.isDefault = isDefault;
        this.arn = arn;
    }

    public String name() {
        return name;
    }

    public String family() {
        return family;
    }

    public String description() {
        return description;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public String arn() {
        return arn;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** The value in force: the user's, else the family default. */
    public String value(Parameters.Definition d) {
        return userValues.getOrDefault(d.name(), d.defaultValue());
    }

    public boolean isUserSet(String parameter) {
        return userValues.containsKey(parameter);
    }

    public void set(String parameter, String value) {
        userValues.put(parameter, value);
    }

    public void reset(String parameter) {
        userValues.remove(parameter);
    }

    public void resetAll() {
        userValues.clear();
    }
}
