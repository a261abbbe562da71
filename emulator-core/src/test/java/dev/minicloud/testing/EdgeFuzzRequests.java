package dev.minicloud.testing;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Builds one edge HTTP request from fuzzer data (method, a path and query drawn from a service's
 * vocabulary with fuzzed parts, a few fuzzed headers, a fuzzed body with a true
 * {@code Content-Length}, {@code Connection: close}), sends it on a fresh connection and reads the
 * whole answer. The oracle of the HTTP fuzz tests: the server answers every request with a status
 * line, never a {@code 500}, within {@link #READ_TIMEOUT_MILLIS} (a hang fails), and keeps serving.
 *
 * @param paths   path templates; {@code {}} is replaced by fuzzed text
 * @param queries query strings (without {@code ?}) to start from; fuzzed text is appended
 * @param headers header names to give fuzzed or typical values
 * @param values  typical header values to pick from
 */
public record EdgeFuzzRequests(String[] paths, String[] queries, String[] headers, String[] values) {
    public static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH"};

    /** The request the fuzzer data describes, as bytes. */
    public byte[] build(FuzzedDataProvider data) {
        String method = data.pickValue(METHODS);
        String path = data.pickValue(paths).replace("{}", data.consumeString(60));
        String query = data.pickValue(queries) + data.consumeString(80);
        StringBuilder head = new StringBuilder(method).append(' ').append(path);
        if (!query.isEmpty()) {
            head.append('?').append(query);
        }
        head.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
            String value = data.consumeBoolean() ? data.pickValue(values) : data.consumeString(120);
            head.append(data.pickValue(headers)).append(": ").append(value).append("\r\n");
        }
        byte[] body = data.consumeRemainingAsBytes();
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[h.length + body.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        return request;
    }

    /**
     * Sends {@code request} to the edge port and returns the status code of the answer, after
     * reading it to the end (the server closes the connection). Throws {@link AssertionError} when
     * there is no answer in time.
     */
    public static int exchange(int port, byte[] request) {
        // Jazzer's SSRF detector flags every connection; these go to the instance under test only
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections((host, p) -> p == port);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer 4xx and close before taking a large body: read what it said
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete answer within " + READ_TIMEOUT_MILLIS + " ms", e);
            } catch (IOException e) {
                // reset after the answer
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
                throw new AssertionError("no status line, got: " + text.substring(0, Math.min(200, text.length())));
            }
            return Integer.parseInt(text.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
