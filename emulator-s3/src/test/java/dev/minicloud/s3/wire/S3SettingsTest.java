package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MiniCloudStartException;
import dev.minicloud.s3.S3Service;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The s3-* settings: JVM-style sizes, auth modes in any case, and one clear refusal of bad values. */
class S3SettingsTest {

    /** The message of the start-up failure that setting {@code name} to {@code value} causes. */
    private static String refusal(String name, String value) {
        return assertThrows(
                        MiniCloudStartException.class,
                        () -> MiniCloud.builder()
                                .services("s3")
                                .setting(name, value)
                                .start())
                .getMessage();
    }

    @Test
    void memoryLimitSizesAre1024BasedLikeXmx() {
        try (MiniCloud c = MiniCloud.builder()
                .services("s3")
                .setting("s3-memory-limit", "3M")
                .start()) {
            assertEquals(
                    3L * 1024 * 1024,
                    c.service(S3Service.class).orElseThrow().store().quota().limit());
        }
    }

    @Test
    void authModeIsReadInAnyCase() throws Exception {
        try (MiniCloud c =
                MiniCloud.builder().services("s3").setting("s3-auth", "STRICT").start()) {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(c.endpoint().resolve("/")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), "strict: an anonymous request is refused");
            assertTrue(r.body().contains("<Code>AccessDenied</Code>"), r.body());
        }
    }

    @Test
    void badValuesStopStartupNamingTheSettingAndWhatItExpects() {
        String size = refusal("s3-memory-limit", "512mb");
        assertEquals(
                "Bad value '512mb' for setting 's3-memory-limit': expected a size such as 1048576, 512m or 2g "
                        + "(JVM units, 1024-based: k, m, g, t)",
                size);
        String auth = refusal("s3-atuh", "strict");
        assertTrue(auth.startsWith("Unknown setting 's3-atuh'; did you mean 's3-auth'? Known settings: "), auth);
        String delay = refusal("s3-replication-delay", "soon");
        assertEquals(
                "Bad value 'soon' for setting 's3-replication-delay': expected a duration such as 500ms, 2s, 1m or 1h "
                        + "(a plain number is millis)",
                delay);
    }
}
