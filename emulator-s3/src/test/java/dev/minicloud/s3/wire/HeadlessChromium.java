package dev.minicloud.s3.wire;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium as a test's browser: pages are served from a throwaway HTTP server (their
 * own origin, on a free port), Chromium loads one, runs its script and prints the DOM, and the test
 * reads the {@code RESULT:...} line the script wrote. The script gets virtual time to finish its
 * {@code fetch} calls; nothing here waits on wall-clock time beyond the process timeout.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern RESULT = Pattern.compile("RESULT:([^<]*)");

    private final HttpServer pages;
    private final Path profile;

    /** Serves {@code pages} (path -> HTML) on a free port of 127.0.0.1. */
    HeadlessChromium(Map<String, String> html) {
        try {
            profile = Files.createTempDirectory("chromium-profile");
            pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        html.forEach((path, body) -> pages.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }));
        pages.start();
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The origin the pages are served from, e.g. {@code http://127.0.0.1:41234}. */
    String origin() {
        return "http://127.0.0.1:" + pages.getAddress().getPort();
    }

    /** Loads a page of ours and returns what its script wrote after {@code RESULT:}. */
    String run(String path) {
        return runUrl(origin() + path);
    }

    /** Loads any URL (Chromium resolves {@code *.localhost} to loopback itself) and returns the page's {@code RESULT:}. */
    String runUrl(String url) {
        List<String> command = List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=20000",
                "--dump-dom",
                url);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish with " + url);
            }
            String dom = new String(out, StandardCharsets.UTF_8);
            Matcher m = RESULT.matcher(dom);
            if (!m.find()) {
                throw new AssertionError("the page wrote no RESULT; chromium printed: " + dom
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return m.group(1).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        pages.stop(0);
    }
}
