package dev.minicloud.internal.admin;

import java.util.Map;

/** An admin answer: an HTTP status and a value Jackson serializes to JSON (maps, lists, records). */
public record AdminResponse(int status, Object body) {

    public static AdminResponse ok(Object body) {
        return new AdminResponse(200, body);
    }

    public static AdminResponse error(int status, String message) {
        return new AdminResponse(status, Map.of("error", message));
    }
}
