package dev.minicloud.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, for what an HTTP client will not send
 * (a forged {@code Host}, undecodable URIs, broken chunked framing, a body that stops half-way).
 * Every read is bounded by a socket timeout, so a test never hangs.
 */
public final class RawHttpConnection implements AutoCloseable {
    /** The bound on any single wait for the server. */
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A parsed response: status, headers (lower-case names) and body. */
    public record Response(int status, Map<String, String> headers, String body) {}

    public RawHttpConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends raw bytes (a request or part of one). */
    public RawHttpConnection send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttpConnection send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /** Sends a request and reads its response (a HEAD's has no body, whatever its length says). */
    public Response exchange(String raw) throws IOException {
        send(raw);
        return readResponse(raw.startsWith("HEAD "));
    }

    /** Reads one response framed by {@code Content-Length}. */
    public Response readResponse() throws IOException {
        return readResponse(false);
    }

    private Response readResponse(boolean bodiless) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        int length = bodiless ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Waits (bounded by the read timeout) until the server closes the connection, discarding
     * whatever it still sends; fails if it does not close in time.
     */
    public void awaitClosedByServer() throws IOException {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // drain until end of stream
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the server did not close the connection within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            // a reset is a close too
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
