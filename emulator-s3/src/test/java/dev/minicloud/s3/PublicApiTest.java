package dev.minicloud.s3;

import dev.minicloud.testing.ApiSurface;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The module's public API is the one recorded in api/emulator-s3.api (see ApiSurface). */
class PublicApiTest {

    @Test
    void publicApiIsTheRecordedOne() throws IOException {
        ApiSurface.assertModuleApiMatches("emulator-s3");
    }
}
