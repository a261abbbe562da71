package dev.minicloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The MiniCloud version, filtered into a resource by the build. */
public final class MiniCloudVersion {
    private MiniCloudVersion() {}

    public static String get() {
        try (InputStream in = MiniCloudVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MiniCloud's version resource", e);
        }
    }
}
