package dev.minicloud.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One setting a service declares: its flag name (without dashes, e.g. {@code s3-auth}), how its text
 * is parsed, its default and a one-line description. The same declaration checks the value in
 * {@code start()}, gives the service its typed value ({@link dev.minicloud.MiniCloudConfig#get}) and
 * prints the flag in the standalone's {@code --help}.
 *
 * <p>A blank value means the default. A default of {@code null} means "none" or "computed by the
 * service" (say which with {@link #withDefaultText}); read such a setting with
 * {@link dev.minicloud.MiniCloudConfig#find}.
 *
 * @param <T> the type of the parsed value
 */
public final class OptionSpec<T> {
    private final String name;
    private final ValueParser<T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final String standaloneDefault;
    private final String description;

    private OptionSpec(
            String name,
            ValueParser<T> parser,
            T defaultValue,
            String defaultText,
            String standaloneDefault,
            String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.standaloneDefault = standaloneDefault;
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A setting read by {@code parser}, {@code defaultValue} when not given (may be {@code null}). */
    public static <T> OptionSpec<T> of(String name, ValueParser<T> parser, T defaultValue, String description) {
        String text = defaultValue == null ? "none" : parser.format(defaultValue);
        return new OptionSpec<>(name, parser, defaultValue, text, null, description);
    }

    /** A free-text setting. */
    public static OptionSpec<String> text(String name, String defaultValue, String description) {
        return of(name, ValueParsers.text(), defaultValue, description);
    }

    /** The same setting with its default described in words, for a default the service computes. */
    public OptionSpec<T> withDefaultText(String text) {
        return new OptionSpec<>(name, parser, defaultValue, text, standaloneDefault, description);
    }

    /**
     * The same setting with another default for the standalone launcher, e.g. the well-known port
     * 6379 where embedded use binds port 0 so tests never collide.
     */
    public OptionSpec<T> withStandaloneDefault(T value) {
        return new OptionSpec<>(name, parser, defaultValue, defaultText, parser.format(value), description);
    }

    public String name() {
        return name;
    }

    public ValueParser<T> parser() {
        return parser;
    }

    /** The value when the setting is not given; {@code null} for none. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as {@code --help} shows it. */
    public String defaultText() {
        return defaultText;
    }

    /** The text the standalone launcher passes when the flag is not given, if it differs from the default. */
    public Optional<String> standaloneDefault() {
        return Optional.ofNullable(standaloneDefault);
    }

    public String description() {
        return description;
    }

    /**
     * The typed value of {@code text} ({@link #defaultValue()} when blank); an
     * {@link IllegalArgumentException} naming the setting, the value and what was expected if it is bad.
     */
    public T parse(String text) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            String why =
                    e.getMessage() == null || e instanceof NumberFormatException ? "" : " (" + e.getMessage() + ")";
            throw new IllegalArgumentException(
                    "Bad value '" + text + "' for setting '" + name + "': expected " + parser.expected() + why, e);
        }
    }

    @Override
    public String toString() {
        return name + " (default: " + defaultText + ")";
    }
}
