package dev.minicloud.spi;

/**
 * Turns the text of a setting (a flag, an environment variable, a builder call) into a typed value.
 * The shared parsers are in {@link ValueParsers}; a service may write its own for a value only it
 * understands.
 *
 * @param <T> the type of the parsed value
 */
public interface ValueParser<T> {

    /** Parses {@code text}; throws {@link IllegalArgumentException} (optionally saying why) when it is not valid. */
    T parse(String text);

    /** What a valid value looks like, completing "expected ...": {@code "a port 0-65535"}. */
    String expected();

    /** Writes a value back as the text this parser reads, for {@code --help} defaults. */
    default String format(T value) {
        return String.valueOf(value);
    }
}
