package dev.minicloud.kv.internal.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc64JonesTest {
    @Test
    void checkValueOfRedisCrc64() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xe9c6d914c4b8d9caL, Crc64Jones.of(b, 0, b.length));
    }
}
