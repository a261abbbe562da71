package dev.minicloud.dns.internal.health;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Probes one endpoint the way a Route 53 health checker does, with blocking sockets (it runs on a
 * worker thread, never an event loop):
 * <ul>
 *   <li>TCP: the connection must be established within 10 seconds;</li>
 *   <li>HTTP(S): connected within 4 seconds, then a status line within 2 seconds; 2xx and 3xx pass;
 *       {@code _STR_MATCH} kinds also need {@code SearchString} (case-sensitive) in the first 5,120
 *       bytes of the body, which must also arrive within those 2 seconds. TLS certificates are not
 *       validated, as Route 53 does not; SNI carries {@code FullyQualifiedDomainName} with
 *       {@code EnableSNI}.</li>
 * </ul>
 * A target that hangs, resets or sends garbage fails the probe; nothing here throws. {@link #close()}
 * closes every socket in use, so a closing instance never waits for a slow target.
 */
final class EndpointProber implements AutoCloseable {
    static final int TCP_CONNECT_MILLIS = 10_000;
    static final int HTTP_CONNECT_MILLIS = 4_000;
    static final int HTTP_RESPONSE_MILLIS = 2_000;
    static final int SEARCH_BYTES = 5_120;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final String USER_AGENT =
            "Amazon-Route53-Health-Check-Service (ref %s; report http://amzn.to/1vsZADi)";

    private final Clock clock;
    /** Resolves a FullyQualifiedDomainName to an IPv4 address (our zones first), or {@code null}. */
    private final Function<String, InetAddress> resolver;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EndpointProber(Clock clock, Function<String, InetAddress> resolver) {
        this.clock = clock;
        this.resolver = resolver;
    }

    Observation probe(HealthCheck check) {
        HealthCheckConfig c = check.config();
        InetAddress address;
        if (c.ipAddress() != null) {
            try {
                address = InetAddress.getByName(c.ipAddress()); // a literal: no lookup
            } catch (IOException e) {
                return Observation.failure("The IP address " + c.ipAddress() + " is not valid.", clock.instant());
            }
        } else {
            address = resolver.apply(c.fullyQualifiedDomainName());
            if (address == null) {
                return Observation.failure("DNS resolution failed.", clock.instant());
            }
        }
        InetSocketAddress target = new InetSocketAddress(address, c.port());
        try (Socket socket = new Socket()) {
            open.add(socket);
            if (closed) {
                return Observation.failure("The health checker stopped.", clock.instant());
            }
            try {
                return c.type().isHttp() ? http(check, socket, target) : tcp(socket, target);
            } finally {
                open.remove(socket);
            }
        } catch (IOException e) {
            return Observation.failure("The connection could not be closed cleanly.", clock.instant());
        }
    }

    private Observation tcp(Socket socket, InetSocketAddress target) {
        String failure = connect(socket, target, TCP_CONNECT_MILLIS);
        return failure != null
                ? Observation.failure(failure, clock.instant())
                : Observation.success("TCP connection established to " + describe(target) + ".", clock.instant());
    }

    private Observation http(HealthCheck check, Socket plain, InetSocketAddress target) {
        HealthCheckConfig c = check.config();
        String failure = connect(plain, target, HTTP_CONNECT_MILLIS);
        if (failure != null) {
            return Observation.failure(failure, clock.instant());
        }
        // Network time limits are real time (a socket waits in real time), unlike the probe schedule.
        long deadline = System.nanoTime() + HTTP_RESPONSE_MILLIS * 1_000_000L;
        try {
            Socket socket = c.type().isTls() ? tls(plain, c) : plain;
            socket.setSoTimeout(HTTP_RESPONSE_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request(check, target).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            HttpResponseReader response = new HttpResponseReader(socket, deadline);
            int status = response.readHead();
            String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
            String code = "HTTP Status Code " + status + ", " + reason;
            if (status < 200 || status >= 400) {
                return Observation.failure(code + ".", clock.instant());
            }
            if (c.type().isStringMatch()) {
                byte[] body = response.readBody(SEARCH_BYTES);
                if (!new String(body, StandardCharsets.UTF_8).contains(c.searchString())
                        && !new String(body, StandardCharsets.ISO_8859_1).contains(c.searchString())) {
                    return Observation.failure(
                            code + ". The search string '" + c.searchString() + "' was not found in the first "
                                    + SEARCH_BYTES + " bytes of the response body.",
                            clock.instant());
                }
            }
            return Observation.success(code, clock.instant());
        } catch (SocketTimeoutException e) {
            return Observation.failure(
                    "The endpoint did not send a complete response within the timeout limit of "
                            + HTTP_RESPONSE_MILLIS / 1000 + " seconds.",
                    clock.instant());
        } catch (MalformedResponse e) {
            return Observation.failure(
                    "The endpoint sent a response that is not valid HTTP: " + e.getMessage(), clock.instant());
        } catch (SSLException e) {
            return Observation.failure("The TLS handshake with the endpoint failed.", clock.instant());
        } catch (IOException e) {
            return Observation.failure(
                    "The connection was reset by the endpoint before a complete response arrived.", clock.instant());
        }
    }

    /** Connects; {@code null} on success, else the failure text. */
    private String connect(Socket socket, InetSocketAddress target, int millis) {
        try {
            socket.connect(target, millis);
            return null;
        } catch (SocketTimeoutException e) {
            return "The health checker could not establish a connection within the timeout limit.";
        } catch (ConnectException e) {
            return "Connection refused by " + describe(target) + ".";
        } catch (IOException e) {
            return "The health checker could not connect to " + describe(target) + ".";
        }
    }

    private static Socket tls(Socket plain, HealthCheckConfig c) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TRUST_ALL}, null);
        } catch (GeneralSecurityException e) {
            throw new SSLException("no TLS", e);
        }
        String host = c.fullyQualifiedDomainName();
        SSLSocket s = (SSLSocket)
                context.getSocketFactory().createSocket(plain, host == null ? c.ipAddress() : host, c.port(), true);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(
                Boolean.TRUE.equals(c.enableSni()) && host != null
                        ? List.of(new SNIHostName(stripDot(host)))
                        : List.of());
        s.setSSLParameters(p);
        s.setSoTimeout(HTTP_RESPONSE_MILLIS);
        s.startHandshake();
        return s;
    }

    /** The request Route 53 sends, with its Host header rule: the port is added unless it is the scheme's own. */
    static String request(HealthCheck check, InetSocketAddress target) {
        HealthCheckConfig c = check.config();
        String host = c.fullyQualifiedDomainName() != null
                ? stripDot(c.fullyQualifiedDomainName())
                : target.getAddress() instanceof Inet6Address ? "[" + c.ipAddress() + "]" : c.ipAddress();
        if (c.port() != c.type().defaultPort()) {
            host = host + ":" + c.port();
        }
        String path = c.resourcePath() == null || c.resourcePath().isEmpty()
                ? "/"
                : c.resourcePath().startsWith("/") ? c.resourcePath() : "/" + c.resourcePath();
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + String.format(USER_AGENT, check.id())
                + "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String describe(InetSocketAddress target) {
        return target.getAddress().getHostAddress() + ":" + target.getPort();
    }

    @Override
    public void close() {
        closed = true;
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing to unblock a probe: nothing more to do
            }
        }
    }

    /** A response that is not HTTP: the probe fails with this text. */
    static final class MalformedResponse extends IOException {
        MalformedResponse(String message) {
            super(message);
        }
    }

    /** Reads a status line, headers and the start of the body, never past the deadline or the size bounds. */
    static final class HttpResponseReader {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private long contentLength = -1;
        private boolean chunked;

        HttpResponseReader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        /** The status code; headers are read too (Content-Length, Transfer-Encoding). */
        int readHead() throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
                throw new MalformedResponse("the status line is '" + truncate(statusLine) + "'");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new MalformedResponse("the status code is '" + truncate(parts[1]) + "'");
            }
            int headerBytes = statusLine.length();
            for (String h = line(); !h.isEmpty(); h = line()) {
                headerBytes += h.length();
                if (headerBytes > MAX_HEADER_BYTES) {
                    throw new MalformedResponse("the headers are longer than " + MAX_HEADER_BYTES + " bytes");
                }
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new MalformedResponse("a header line is '" + truncate(h) + "'");
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new MalformedResponse("Content-Length is '" + truncate(value) + "'");
                    }
                } else if (name.equals("transfer-encoding")
                        && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            return status;
        }

        /** Up to {@code max} bytes of the body (de-chunked); fewer if the body is shorter. */
        byte[] readBody(int max) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                while (body.size() < max) {
                    String size = line();
                    int semi = size.indexOf(';');
                    long n;
                    try {
                        n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    } catch (NumberFormatException e) {
                        throw new MalformedResponse("a chunk size is '" + truncate(size) + "'");
                    }
                    if (n == 0) {
                        break;
                    }
                    copy(body, Math.min(n, max - body.size()));
                    if (n > max - body.size()) {
                        break;
                    }
                    line();
                }
            } else {
                copy(body, contentLength < 0 ? max : Math.min(contentLength, max));
            }
            return body.toByteArray();
        }

        private void copy(ByteArrayOutputStream body, long n) throws IOException {
            byte[] buf = new byte[1024];
            long left = n;
            while (left > 0) {
                arm();
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    return; // the body ended (connection closed) before max bytes: search what came
                }
                body.write(buf, 0, r);
                left -= r;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            while (true) {
                arm();
                int c = in.read();
                if (c < 0) {
                    throw new MalformedResponse("the connection closed in the middle of the response head");
                }
                if (c == '\n') {
                    int len = b.length();
                    return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
                }
                if (b.length() > MAX_HEADER_BYTES) {
                    throw new MalformedResponse("a line is longer than " + MAX_HEADER_BYTES + " bytes");
                }
                b.append((char) c);
            }
        }

        /** Each read may wait only for what is left of the response time limit. */
        private void arm() throws IOException {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("response time limit");
            }
            socket.setSoTimeout((int) Math.max(1, left));
        }

        private static String truncate(String s) {
            String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
            return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
        }
    }

    /** Route 53 does not validate endpoint certificates: any certificate is accepted. */
    private static final TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
