package dev.minicloud;

import dev.minicloud.testing.ApiSurface;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The module's public API is the one recorded in api/emulator-core.api (see ApiSurface). */
class PublicApiTest {

    @Test
    void publicApiIsTheRecordedOne() throws IOException {
        ApiSurface.assertModuleApiMatches("emulator-core");
    }
}
