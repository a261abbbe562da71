package dev.minicloud.dns.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Loopback targets for health checks, on port 0: an HTTP server whose answer a test sets, and raw TCP servers. */
final class ProbeTargets {
    private ProbeTargets() {}

    /** An HTTP server answering every request with the current status and body; counts requests. */
    static final class Http implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger status = new AtomicInteger(200);
        private final AtomicReference<String> body = new AtomicReference<>("ok");
        final AtomicInteger requests = new AtomicInteger();
        final List<String> hostHeaders = new CopyOnWriteArrayList<>();
        final List<String> userAgents = new CopyOnWriteArrayList<>();

        Http() {
            this(null);
        }

        /** Over TLS when {@code tls} is given (a context with a key), else plain HTTP. */
        Http(SSLContext tls) {
            try {
                InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
                if (tls == null) {
                    server = HttpServer.create(any, 0);
                } else {
                    com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(any, 0);
                    https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
                    server = https;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
                userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
                byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), b.length == 0 ? -1 : b.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(b);
                }
            });
            server.start();
        }

        Http answer(int code, String text) {
            status.set(code);
            body.set(text);
            return this;
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * A TLS context with a fresh self-signed key for {@code localhost}, made with the JDK's keytool
     * (the JDK has no public API to make a certificate).
     */
    static SSLContext selfSignedTls(Path dir) throws Exception {
        Path store = dir.resolve("probe-target.p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(
                        keytool,
                        "-genkeypair",
                        "-keyalg",
                        "EC",
                        "-alias",
                        "target",
                        "-dname",
                        "CN=localhost",
                        "-validity",
                        "2",
                        "-keystore",
                        store.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        byte[] output = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A TCP server that does {@code behaviour} with each accepted connection, on a thread of its own. */
    static final class Tcp implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        Tcp(Consumer<Socket> behaviour) {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread t = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                Socket s = socket.accept();
                                accepted.add(s);
                                behaviour.accept(s);
                            } catch (IOException e) {
                                return; // closed
                            }
                        }
                    },
                    "probe-target-" + socket.getLocalPort());
            t.setDaemon(true);
            t.start();
        }

        /** Accepts and keeps the connection open, saying nothing. */
        static Tcp silent() {
            return new Tcp(s -> {});
        }

        /** Accepts, writes {@code bytes} and closes. */
        static Tcp writing(String bytes) {
            return new Tcp(s -> {
                try (s) {
                    s.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    // the prober may have gone already
                }
            });
        }

        /** Accepts and resets the connection (RST, not FIN). */
        static Tcp resetting() {
            return new Tcp(s -> {
                try {
                    s.setSoLinger(true, 0);
                    s.close();
                } catch (IOException e) {
                    // nothing to reset
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
