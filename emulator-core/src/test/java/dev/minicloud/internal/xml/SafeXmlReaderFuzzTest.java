package dev.minicloud.internal.xml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the hardened XML reader every S3 and Route 53 control body goes through: any bytes
 * either parse or fail with {@link MalformedXmlException}, in bounded time and memory (depth and
 * element limits; no DTDs, so no entity expansion). Seeds: {@code SafeXmlReaderFuzzTestInputs}.
 */
class SafeXmlReaderFuzzTest {
    private final SafeXmlReader reader = new SafeXmlReader();

    @FuzzTest(maxDuration = "8s")
    @Timeout(30) // per input when fuzzing: a hang fails (Jazzer passes it to libFuzzer as -timeout)
    void readsOrRefusesAnyBody(byte[] body) {
        try {
            reader.read(body);
        } catch (MalformedXmlException expected) {
            // S3's MalformedXML / Route 53's InvalidInput
        }
    }
}
