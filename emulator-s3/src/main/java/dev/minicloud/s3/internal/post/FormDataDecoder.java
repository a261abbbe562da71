package dev.minicloud.s3.internal.post;

import dev.minicloud.internal.aws.AwsException;
import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming {@code multipart/form-data} decoder (RFC 7578 over RFC 2046's framing) for S3's POST
 * Object: small fields are collected, the one file part is handed on as its bytes arrive and never
 * held whole, and everything after the file is ignored, as S3 ignores it.
 *
 * <p>States: {@code PREAMBLE} (up to the first delimiter) -> {@code AFTER_DELIMITER} ({@code --}
 * ends the body, else a CRLF starts a part) -> {@code HEADERS} (up to the blank line) -> {@code FIELD}
 * or {@code FILE} (up to the next delimiter) -> ... -> {@code DONE}; {@code FAILED} is terminal.
 * Bytes that may be the start of a delimiter are held back (at most the delimiter's length); the
 * rest of a file chunk goes out at once. Limits, each answered with S3's error: the preamble and a
 * part's header block ({@value #MAX_HEADER_BYTES} bytes each), and every field before the file together
 * ({@value #MAX_PRE_DATA_BYTES} bytes, S3's 20 KB, which also bounds the number of fields).
 */
public final class FormDataDecoder {
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_PRE_DATA_BYTES = 20 * 1024;

    /** What the decoder found; calls may throw to stop decoding (the decoder then fails). */
    public interface Listener {
        /** The file part starts; every field before it has been collected. */
        void fileStart(Map<String, String> fields, String filename, String contentType);

        void fileData(byte[] data, int offset, int length);

        /** The file part ended (its closing delimiter was seen). */
        void fileEnd();
    }

    private enum State {
        PREAMBLE,
        AFTER_DELIMITER,
        HEADERS,
        FIELD,
        FILE,
        DONE,
        FAILED
    }

    private final byte[] delimiter; // CRLF "--" boundary
    private final Listener listener;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private byte[] buf = new byte[1024];
    private int len;
    private State state = State.PREAMBLE;
    private String fieldName;
    private long preDataBytes;
    private long preamble;
    private boolean fileSeen;

    private FormDataDecoder(String boundary, Listener listener) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.listener = listener;
        // The body starts with "--boundary": a virtual CRLF in front lets one delimiter find every boundary.
        buf[0] = '\r';
        buf[1] = '\n';
        len = 2;
    }

    /** A decoder for a request whose {@code Content-Type} names a boundary; S3's error if it does not. */
    public static FormDataDecoder forContentType(String contentType, Listener listener) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            throw malformed();
        }
        return new FormDataDecoder(boundary, listener);
    }

    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                // RFC 2046: 1 to 70 characters.
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /** S3's answer to a body that is not well-formed {@code multipart/form-data}. */
    public static AwsException malformed() {
        return new AwsException(
                400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.");
    }

    public void onContent(ByteBuf chunk) {
        if (state == State.DONE || state == State.FAILED) {
            return;
        }
        int n = chunk.readableBytes();
        ensure(len + n);
        chunk.getBytes(chunk.readerIndex(), buf, len, n);
        len += n;
        try {
            process();
        } catch (RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** The body is complete: it must have held the closing delimiter of the file part. */
    public void finish() {
        if (state == State.FAILED || state == State.PREAMBLE) {
            state = State.FAILED;
            throw malformed(); // not one boundary in the whole body
        }
        if (!fileSeen && state == State.DONE) {
            state = State.FAILED;
            throw new AwsException(400, "InvalidArgument", "POST requires exactly one file upload per request.")
                    .with("ArgumentName", "file")
                    .with("ArgumentValue", "0");
        }
        if (state != State.DONE) {
            state = State.FAILED;
            throw malformed();
        }
    }

    private void process() {
        while (true) {
            switch (state) {
                case PREAMBLE -> {
                    int at = indexOf(delimiter, 0);
                    if (at < 0) {
                        // keep only what may start a delimiter; a preamble is never stored, nor read for long
                        int dropped = Math.max(0, len - (delimiter.length - 1));
                        preamble += dropped;
                        if (preamble > MAX_HEADER_BYTES) {
                            throw malformed();
                        }
                        discard(dropped);
                        return;
                    }
                    discard(at + delimiter.length);
                    state = State.AFTER_DELIMITER;
                }
                case AFTER_DELIMITER -> {
                    if (len < 2) {
                        return;
                    }
                    if (buf[0] == '-' && buf[1] == '-') {
                        state = State.DONE; // the close delimiter: no file part came (finish() says so)
                        len = 0;
                        return;
                    }
                    int crlf = indexOf(CRLF, 0);
                    if (crlf < 0) {
                        if (len > 256) {
                            throw malformed();
                        }
                        return;
                    }
                    for (int i = 0; i < crlf; i++) {
                        if (buf[i] != ' ' && buf[i] != '\t') {
                            throw malformed(); // only transport padding may follow a boundary
                        }
                    }
                    discard(crlf + 2);
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    int end = indexOf(HEADER_END, 0);
                    int blank = len >= 2 && buf[0] == '\r' && buf[1] == '\n' ? 0 : -1;
                    if (end < 0 && blank < 0) {
                        if (len > MAX_HEADER_BYTES) {
                            throw malformed();
                        }
                        return;
                    }
                    int headerLength = blank == 0 ? 0 : end + 2;
                    if (headerLength > MAX_HEADER_BYTES) {
                        throw malformed();
                    }
                    PartHeaders h = PartHeaders.parse(new String(buf, 0, headerLength, StandardCharsets.UTF_8));
                    discard(headerLength + 2);
                    if (h.name() == null) {
                        throw malformed();
                    }
                    if (h.name().equalsIgnoreCase("file")) {
                        fileSeen = true;
                        state = State.FILE;
                        listener.fileStart(fields, h.filename(), h.contentType());
                    } else {
                        fieldName = h.name();
                        countPreData(fieldName.length());
                        state = State.FIELD;
                    }
                }
                case FIELD -> {
                    int at = indexOf(delimiter, 0);
                    if (at < 0) {
                        if (preDataBytes + len > MAX_PRE_DATA_BYTES + delimiter.length) {
                            throw preDataTooLarge();
                        }
                        return;
                    }
                    countPreData(at);
                    String value = new String(buf, 0, at, StandardCharsets.UTF_8);
                    // S3's field names are case-insensitive; a repeated field is malformed.
                    if (fields.putIfAbsent(fieldName.toLowerCase(Locale.ROOT), value) != null) {
                        throw new AwsException(
                                        400, "InvalidArgument", "Field " + fieldName + " was specified more than once.")
                                .with("ArgumentName", fieldName)
                                .with("ArgumentValue", value);
                    }
                    discard(at + delimiter.length);
                    state = State.AFTER_DELIMITER;
                }
                case FILE -> {
                    int at = indexOf(delimiter, 0);
                    if (at < 0) {
                        int safe = len - (delimiter.length - 1);
                        if (safe > 0) {
                            listener.fileData(buf, 0, safe);
                            discard(safe);
                        }
                        return;
                    }
                    if (at > 0) {
                        listener.fileData(buf, 0, at);
                    }
                    listener.fileEnd();
                    // S3 ignores whatever follows the file part.
                    state = State.DONE;
                    len = 0;
                    return;
                }
                case DONE, FAILED -> {
                    return;
                }
            }
        }
    }

    private void countPreData(long n) {
        preDataBytes += n;
        if (preDataBytes > MAX_PRE_DATA_BYTES) {
            throw preDataTooLarge();
        }
    }

    private static AwsException preDataTooLarge() {
        // S3's wording, spelling included.
        return new AwsException(
                        400,
                        "MaxPostPreDataLengthExceeded",
                        "Your POST request fields preceeding the upload file was too large.")
                .with("MaxPostPreDataLengthBytes", Integer.toString(MAX_PRE_DATA_BYTES));
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private int indexOf(byte[] needle, int from) {
        int last = len - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            i = indexOfByte(buf, i, last + 1, needle[0]);
            if (i < 0) {
                return -1;
            }
            for (int j = 1; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The first index in {@code [from, to)} holding {@code b}, or -1. Eight bytes at a time: the file
     * part is scanned for its delimiter's first byte, and a byte-by-byte loop would cost the upload
     * about a tenth of its throughput. The zero-byte test below can flag bytes above a real zero,
     * never below one, so its lowest flag is the first match.
     */
    static int indexOfByte(byte[] a, int from, int to, byte b) {
        long pattern = (b & 0xFFL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(a, i) ^ pattern;
            long zeros = (word - ONES) & ~word & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void discard(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }

    private void ensure(int capacity) {
        if (capacity > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
        }
    }

    /** The headers of one part: its field name, file name and content type. */
    record PartHeaders(String name, String filename, String contentType) {
        static PartHeaders parse(String block) {
            String name = null;
            String filename = null;
            String contentType = null;
            for (String line : block.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    throw malformed();
                }
                String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (header.equals("content-type")) {
                    contentType = value;
                } else if (header.equals("content-disposition")) {
                    if (!value.toLowerCase(Locale.ROOT).startsWith("form-data")) {
                        throw malformed();
                    }
                    name = parameter(value, "name");
                    filename = parameter(value, "filename");
                }
            }
            return new PartHeaders(name, filename, contentType);
        }

        /** A {@code name="value"} (or unquoted) parameter of a Content-Disposition, or {@code null}. */
        static String parameter(String disposition, String param) {
            int n = disposition.length();
            int i = disposition.indexOf(';');
            while (i >= 0) {
                i++;
                int eq = disposition.indexOf('=', i);
                int semi = disposition.indexOf(';', i);
                if (eq < 0) {
                    return null;
                }
                if (semi >= 0 && semi < eq) {
                    i = semi; // a parameter without a value
                    continue;
                }
                String key = disposition.substring(i, eq).trim();
                int j = eq + 1;
                while (j < n && disposition.charAt(j) == ' ') {
                    j++;
                }
                String value;
                if (j < n && disposition.charAt(j) == '"') {
                    StringBuilder b = new StringBuilder();
                    j++;
                    while (j < n && disposition.charAt(j) != '"') {
                        char c = disposition.charAt(j);
                        if (c == '\\' && j + 1 < n) {
                            c = disposition.charAt(++j);
                        }
                        b.append(c);
                        j++;
                    }
                    if (j >= n) {
                        throw malformed(); // an unterminated quoted value
                    }
                    value = b.toString();
                    j++;
                } else {
                    int end = disposition.indexOf(';', j);
                    value = (end < 0 ? disposition.substring(j) : disposition.substring(j, end)).trim();
                    j = end < 0 ? n : end;
                }
                if (key.equalsIgnoreCase(param)) {
                    return value;
                }
                i = disposition.indexOf(';', j);
            }
            return null;
        }
    }
}
