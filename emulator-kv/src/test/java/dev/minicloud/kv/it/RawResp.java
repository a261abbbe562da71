package dev.minicloud.kv.it;

import dev.minicloud.junit.MiniCloudExtension;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare socket speaking RESP byte for byte, for what no client library lets a test do: send
 * malformed input, pipeline raw bytes, and see the exact reply type markers ({@code %}, {@code ~},
 * {@code >}, {@code _}). Replies are rendered as compact text, e.g. {@code *[$a, :1]}.
 */
final class RawResp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A connection to the KV port of the MiniCloud that {@code cloud} started. */
    static RawResp toKv(MiniCloudExtension cloud) {
        return new RawResp(cloud.getMiniCloud().address("kv").orElseThrow());
    }

    RawResp(InetSocketAddress address) {
        this(address, 0);
    }

    /** With {@code receiveBuffer} > 0, a small socket receive buffer: a slow reader's replies pile up in the server. */
    RawResp(InetSocketAddress address, int receiveBuffer) {
        try {
            socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(address);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$')
                    .append(a.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(a)
                    .append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    RawResp send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawResp sendRaw(String s) {
        return send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends a command and returns its rendered reply. */
    String call(String... args) {
        send(encode(args));
        return read();
    }

    String read() {
        try {
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next protocol line as sent, without its CRLF: for replies nested too deep to render
     * recursively, or too long to render at all (a 2^63-element header).
     */
    String readLine() {
        try {
            return line();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the server closed the connection (EOF) before sending anything more. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false; // still open, just silent
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Sends without failing when the server has closed the connection; false then. */
    boolean trySend(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the server closed the connection, after discarding whatever replies were still queued for it. */
    boolean closedByServerAfterDraining() {
        byte[] sink = new byte[64 * 1024];
        try {
            while (in.read(sink) >= 0) {
                // replies the server had already handed to the kernel
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            b.write(c);
        }
        if (in.read() != '\n') {
            throw new IOException("expected LF");
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private String reply() throws IOException {
        String l = line();
        char t = l.charAt(0);
        switch (t) {
            case '$', '=' -> {
                int n = Integer.parseInt(l.substring(1));
                if (n < 0) {
                    return l;
                }
                byte[] d = in.readNBytes(n + 2);
                return t + new String(d, 0, n, StandardCharsets.UTF_8);
            }
            case '*', '~', '>', '%' -> {
                int n = Integer.parseInt(l.substring(1));
                if (n < 0) {
                    return l;
                }
                int k = t == '%' ? n * 2 : n;
                StringBuilder b = new StringBuilder().append(t).append('[');
                for (int i = 0; i < k; i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    b.append(reply());
                }
                return b.append(']').toString();
            }
            default -> {
                return l;
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
