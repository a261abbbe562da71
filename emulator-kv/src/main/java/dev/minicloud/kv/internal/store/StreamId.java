package dev.minicloud.kv.internal.store;

import java.nio.charset.StandardCharsets;

/**
 * A stream entry id: two unsigned 64-bit numbers, milliseconds and sequence, ordered as Redis'
 * {@code streamCompareID} orders them (unsigned, milliseconds first). Immutable.
 */
public final class StreamId implements Comparable<StreamId> {
    public static final StreamId MIN = new StreamId(0, 0);
    /** {@code 18446744073709551615-18446744073709551615}, the last id a stream can hold. */
    public static final StreamId MAX = new StreamId(-1L, -1L);

    private final long ms;
    private final long seq;

    public StreamId(long ms, long seq) {
        this.ms = ms;
        this.seq = seq;
    }

    public long ms() {
        return ms;
    }

    public long seq() {
        return seq;
    }

    public boolean isZero() {
        return ms == 0 && seq == 0;
    }

    /** The id right after this one, or null for {@link #MAX} (streamIncrID). */
    public StreamId next() {
        if (seq != -1L) {
            return new StreamId(ms, seq + 1);
        }
        return ms == -1L ? null : new StreamId(ms + 1, 0);
    }

    /** The id right before this one, or null for 0-0 (streamDecrID). */
    public StreamId previous() {
        if (seq != 0) {
            return new StreamId(ms, seq - 1);
        }
        return ms == 0 ? null : new StreamId(ms - 1, -1L);
    }

    @Override
    public int compareTo(StreamId o) {
        int c = Long.compareUnsigned(ms, o.ms);
        return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamId s && s.ms == ms && s.seq == seq;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ms) * 31 + Long.hashCode(seq);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    public byte[] bytes() {
        return toString().getBytes(StandardCharsets.US_ASCII);
    }
}
