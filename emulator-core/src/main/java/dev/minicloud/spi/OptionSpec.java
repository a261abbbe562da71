package dev.minicloud.spi;

/**
 * A setting a service reads from {@link dev.minicloud.MiniCloudConfig#setting}: its flag name
 * (without dashes), default shown in {@code --help}, and a one-line description.
 */
public record OptionSpec(String name, String defaultValue, String description) {
}
