package dev.minicloud.internal.aws.checksum;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.internal.aws.AwsException;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContentMd5Test {

    @Test
    void malformedHeaderIsInvalidDigestNamingTheValue() {
        for (String bad : new String[] {"dummy", "", "AAAA", "5eb63bbbe01eeed093cb22bb8f5acdc3"}) {
            AwsException e = assertThrows(AwsException.class, () -> ContentMd5.parse(bad));
            assertEquals(400, e.status());
            assertEquals("InvalidDigest", e.code());
            assertEquals("The Content-MD5 you specified was invalid.", e.getMessage());
            assertEquals(bad, e.fields().get("Content-MD5"));
        }
    }

    @Test
    void mismatchIsBadDigestWithBothDigests() throws Exception {
        byte[] actual = MessageDigest.getInstance("MD5").digest(new byte[0]);
        byte[] expected = ContentMd5.parse("XrY7u+Ae7tCTyyK7j1rNww==");
        AwsException e = assertThrows(AwsException.class, () -> ContentMd5.verify(expected, actual));
        assertEquals("BadDigest", e.code());
        assertEquals("The Content-MD5 you specified did not match what we received.", e.getMessage());
        assertEquals("1B2M2Y8AsgTpgAmY7PhCfg==", e.fields().get("CalculatedDigest"));
        assertEquals("XrY7u+Ae7tCTyyK7j1rNww==", e.fields().get("ExpectedDigest"));
    }

    @Test
    void matchingAndAbsentHeadersPass() throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(new byte[] {1, 2, 3});
        assertDoesNotThrow(
                () -> ContentMd5.verify(ContentMd5.parse(Base64.getEncoder().encodeToString(md5)), md5));
        assertNull(ContentMd5.parse(null));
        assertDoesNotThrow(() -> ContentMd5.verify(null, md5));
    }

    @Test
    void hexIsLowerCase() {
        assertEquals(
                "d41d8cd98f00b204e9800998ecf8427e",
                ContentMd5.hex(Checksummer.md5().digest()));
    }
}
