package dev.minicloud.kv.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code kv-cases/<family>.txt} file: command cases written as a redis-cli session with
 * the exact RESP reply under each command. The format:
 *
 * <pre>
 * # a comment ('#' alone or followed by a space; RESP3 booleans are '#t' and '#f')
 * ### SET with EX sets a TTL            a case: its title; each case runs on a fresh server
 * &gt; SET k v EX 10                       a command on connection 1 ('&gt;' and a space; a RESP3 push is '&gt;3')
 * +OK                                   the reply, one RESP line per line; CRLF is implied
 * 2&gt; GET k                              a command on connection 2 (opened on first use)
 * $1                                    after a '$', '=' or '!' length line the next line is
 * v                                     always the payload, whatever it starts with
 * &gt; BLPOP q 0
 * (no reply)                            nothing written back (yet)
 * 1&lt;                                    what connection 1 received since its last step
 * clock +10s                            moves the clock (ms, s, m) and runs one cron cycle
 * raw&gt; PING\r\n                        bytes sent as they are (after unescaping), e.g. inline commands
 * match \*2\r\n.*                       instead of exact lines: a regex (DOTALL) over the reply as text
 * </pre>
 *
 * <p>Arguments split as {@code redis-cli} splits them: blanks separate, {@code "..."} takes
 * {@code \n \r \t \" \\ \xHH}, {@code '...'} takes {@code \'}. Expected lines take the same
 * backslash escapes (a bulk payload holding CRLF is written on one line as {@code a\r\nb}).
 * Replies are compared byte for byte, so a case states the exact type markers and lengths.
 */
record CaseFile(String name, List<Case> cases) {
    private static final Pattern COMMAND = Pattern.compile("^(\\d*)> (.*)$");
    private static final Pattern READ = Pattern.compile("^(\\d+)<\\s*$");
    private static final Pattern CLOCK = Pattern.compile("^clock \\+(\\d+)(ms|s|m)$");
    private static final Pattern BULK_HEADER = Pattern.compile("^[$=!]\\d+$");

    /** One case: a title, where it starts, and its steps in order. */
    record Case(String file, int line, String title, List<Step> steps) {
        @Override
        public String toString() {
            return title + " (" + file + ":" + line + ")";
        }
    }

    /** One thing a case does. */
    sealed interface Step permits Send, Read, Clock {
        int line();
    }

    /** Sends {@code request} on {@code connection}; {@code args} is null for a {@code raw>} step. */
    record Send(int line, int connection, List<byte[]> args, byte[] request, Expect expect) implements Step {}

    /** Checks what {@code connection} received since its last step. */
    record Read(int line, int connection, Expect expect) implements Step {}

    record Clock(int line, Duration by) implements Step {}

    /** The expected reply: exact bytes, or a regex over the reply read as ISO-8859-1 text. */
    record Expect(byte[] bytes, Pattern regex) {
        boolean matches(byte[] actual) {
            if (regex != null) {
                return regex.matcher(new String(actual, StandardCharsets.ISO_8859_1))
                        .matches();
            }
            return Arrays.equals(bytes, actual);
        }

        String describe() {
            return regex != null ? "match " + regex.pattern() : render(bytes);
        }
    }

    static CaseFile read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CaseFile parse(String name, List<String> lines) {
        List<Case> cases = new ArrayList<>();
        List<Step> steps = null;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            int lineNo = i + 1;
            i++;
            if (line.isBlank() || line.equals("#") || line.startsWith("# ")) {
                continue;
            }
            if (line.startsWith("### ")) {
                steps = new ArrayList<>();
                cases.add(new Case(name, lineNo, line.substring(4).trim(), steps));
                continue;
            }
            if (steps == null) {
                throw error(name, lineNo, "a step before the first '### title'");
            }
            Matcher m;
            if (line.startsWith("raw>")) {
                List<String> expected = expectedLines(lines, i);
                i += expected.size();
                steps.add(new Send(
                        lineNo, 1, null, unescape(line.substring(4).stripLeading()), expect(name, lineNo, expected)));
            } else if ((m = COMMAND.matcher(line)).matches()) {
                List<byte[]> args = split(m.group(2), name, lineNo);
                if (args.isEmpty()) {
                    throw error(name, lineNo, "an empty command");
                }
                List<String> expected = expectedLines(lines, i);
                i += expected.size();
                int conn = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
                steps.add(new Send(lineNo, conn, args, encode(args), expect(name, lineNo, expected)));
            } else if ((m = READ.matcher(line)).matches()) {
                List<String> expected = expectedLines(lines, i);
                i += expected.size();
                steps.add(new Read(lineNo, Integer.parseInt(m.group(1)), expect(name, lineNo, expected)));
            } else if ((m = CLOCK.matcher(line)).matches()) {
                long n = Long.parseLong(m.group(1));
                Duration by = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    default -> Duration.ofMinutes(n);
                };
                steps.add(new Clock(lineNo, by));
            } else {
                throw error(name, lineNo, "not a step: " + line);
            }
        }
        return new CaseFile(name, cases);
    }

    /** The reply lines that follow a step, up to the next step, title, comment or blank line. */
    private static List<String> expectedLines(List<String> lines, int from) {
        List<String> out = new ArrayList<>();
        boolean payloadNext = false;
        for (int i = from; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!payloadNext
                    && (l.isBlank()
                            || l.equals("#")
                            || l.startsWith("# ")
                            || l.startsWith("### ")
                            || l.startsWith("raw>")
                            || COMMAND.matcher(l).matches()
                            || READ.matcher(l).matches()
                            || CLOCK.matcher(l).matches())) {
                break;
            }
            out.add(l);
            payloadNext = !payloadNext && BULK_HEADER.matcher(l).matches() && !l.equals("$-1");
        }
        return out;
    }

    private static Expect expect(String file, int line, List<String> expected) {
        if (expected.isEmpty()) {
            throw error(file, line, "no expected reply (write '(no reply)' if none is due)");
        }
        if (expected.size() == 1 && expected.get(0).equals("(no reply)")) {
            return new Expect(new byte[0], null);
        }
        if (expected.get(0).startsWith("match ")) {
            if (expected.size() != 1) {
                throw error(file, line, "'match' takes the whole reply on one line");
            }
            return new Expect(null, Pattern.compile(expected.get(0).substring(6), Pattern.DOTALL));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String l : expected) {
            out.writeBytes(unescape(l));
            out.write('\r');
            out.write('\n');
        }
        return new Expect(out.toByteArray(), null);
    }

    static byte[] encode(List<byte[]> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Splits a command line as redis-cli (sdssplitargs) does; text is UTF-8. */
    static List<byte[]> split(String s, String file, int line) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                return out;
            }
            ByteArrayOutputStream arg = new ByteArrayOutputStream();
            char q = s.charAt(i);
            if (q == '"' || q == '\'') {
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw error(file, line, "unbalanced quotes");
                    }
                    char c = s.charAt(i);
                    if (c == q) {
                        i++;
                        break;
                    }
                    if (c == '\\' && i + 1 < s.length()) {
                        if (q == '\'') {
                            if (s.charAt(i + 1) == '\'') {
                                arg.write('\'');
                                i += 2;
                                continue;
                            }
                        } else {
                            i = escape(s, i, arg);
                            continue;
                        }
                    }
                    arg.writeBytes(Character.toString(s.codePointAt(i)).getBytes(StandardCharsets.UTF_8));
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    throw error(file, line, "closing quote must be followed by a space");
                }
            } else {
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    arg.writeBytes(Character.toString(s.codePointAt(i)).getBytes(StandardCharsets.UTF_8));
                    i += Character.charCount(s.codePointAt(i));
                }
            }
            out.add(arg.toByteArray());
        }
    }

    /** Decodes the backslash escapes of an expected line or a {@code raw>} request. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                i = escape(s, i, out);
            } else {
                out.writeBytes(Character.toString(s.codePointAt(i)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(s.codePointAt(i));
            }
        }
        return out.toByteArray();
    }

    /** Writes the escape at {@code s[i]} (a backslash) and returns the index after it. */
    private static int escape(String s, int i, ByteArrayOutputStream out) {
        char c = s.charAt(i + 1);
        switch (c) {
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'b' -> out.write('\b');
            case 'a' -> out.write(7);
            case 'x' -> {
                if (i + 3 < s.length() && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3))) {
                    out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                    return i + 4;
                }
                out.write('x');
            }
            default -> out.write(c);
        }
        return i + 2;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /**
     * Reply bytes as case-file lines (one per RESP line, a bulk payload escaped on one line), so a
     * failure message can be pasted into a case file.
     */
    static String render(byte[] bytes) {
        if (bytes.length == 0) {
            return "(no reply)";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < bytes.length) {
            int end = lineEnd(bytes, i);
            if (end < 0) {
                escape(bytes, i, bytes.length, b);
                break;
            }
            escape(bytes, i, end, b);
            b.append('\n');
            byte type = bytes[i];
            String head = new String(bytes, i + 1, end - i - 1, StandardCharsets.ISO_8859_1);
            i = end + 2;
            if ((type == '$' || type == '=' || type == '!') && head.matches("\\d+")) {
                int n = Math.min(Integer.parseInt(head), bytes.length - i);
                escape(bytes, i, i + n, b);
                b.append('\n');
                i += n + 2;
            }
        }
        return b.toString();
    }

    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void escape(byte[] bytes, int from, int to, StringBuilder b) {
        for (int i = from; i < to; i++) {
            int v = bytes[i] & 0xff;
            switch (v) {
                case '\\' -> b.append("\\\\");
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                default -> {
                    if (v < 0x20 || v >= 0x7f) {
                        b.append(String.format("\\x%02x", v));
                    } else {
                        b.append((char) v);
                    }
                }
            }
        }
    }

    private static IllegalArgumentException error(String file, int line, String what) {
        return new IllegalArgumentException(file + ":" + line + ": " + what);
    }
}
