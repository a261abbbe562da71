package dev.minicloud.spi;

/**
 * How a service checks request signatures ({@code s3-auth}, {@code dns-auth}): one enum so every
 * service reads {@code lenient}/{@code strict} with the same rules ({@link ValueParsers#enumOf}).
 */
public enum AuthMode {
    /** Any credentials are accepted; the account comes from the access key. */
    LENIENT,
    /** SigV4 is verified against the configured credentials and failures answer as AWS does. */
    STRICT
}
