package dev.minicloud.standalone;

import dev.minicloud.testing.ApiSurface;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The module's public API is the one recorded in api/emulator-standalone.api (see ApiSurface). */
class PublicApiTest {

    @Test
    void publicApiIsTheRecordedOne() throws IOException {
        ApiSurface.assertModuleApiMatches("emulator-standalone");
    }
}
