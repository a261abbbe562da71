package dev.minicloud.kv.internal.engine;

/**
 * Keyspace notification classes and the {@code notify-keyspace-events} flag string, as in Redis'
 * {@code notify.c}: {@code K} keyspace channel, {@code E} keyevent channel, {@code g$lshzxetmnd}
 * event classes, {@code A} for all of {@code g$lshzxetd}.
 */
public final class Notifications {
    public static final int KEYSPACE = 1;
    public static final int KEYEVENT = 1 << 1;
    public static final int GENERIC = 1 << 2;
    public static final int STRING = 1 << 3;
    public static final int LIST = 1 << 4;
    public static final int SET = 1 << 5;
    public static final int HASH = 1 << 6;
    public static final int ZSET = 1 << 7;
    public static final int EXPIRED = 1 << 8;
    public static final int EVICTED = 1 << 9;
    public static final int STREAM = 1 << 10;
    public static final int KEY_MISS = 1 << 11;
    public static final int MODULE = 1 << 12;
    public static final int NEW = 1 << 13;
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    private Notifications() {}

    /** The flags, or -1 when the string has an unknown class character. */
    public static int parse(String s) {
        int f = 0;
        for (char c : s.toCharArray()) {
            f |= switch (c) {
                case 'A' -> ALL;
                case 'g' -> GENERIC;
                case '$' -> STRING;
                case 'l' -> LIST;
                case 's' -> SET;
                case 'h' -> HASH;
                case 'z' -> ZSET;
                case 'x' -> EXPIRED;
                case 'e' -> EVICTED;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                case 't' -> STREAM;
                case 'm' -> KEY_MISS;
                case 'd' -> MODULE;
                case 'n' -> NEW;
                default -> -1;
            };
            if (f < 0) {
                return -1;
            }
        }
        return f;
    }

    public static String format(int f) {
        StringBuilder b = new StringBuilder();
        if ((f & ALL) == ALL) {
            b.append('A');
        } else {
            if ((f & GENERIC) != 0) {
                b.append('g');
            }
            if ((f & STRING) != 0) {
                b.append('$');
            }
            if ((f & LIST) != 0) {
                b.append('l');
            }
            if ((f & SET) != 0) {
                b.append('s');
            }
            if ((f & HASH) != 0) {
                b.append('h');
            }
            if ((f & ZSET) != 0) {
                b.append('z');
            }
            if ((f & EXPIRED) != 0) {
                b.append('x');
            }
            if ((f & EVICTED) != 0) {
                b.append('e');
            }
            if ((f & STREAM) != 0) {
                b.append('t');
            }
            if ((f & MODULE) != 0) {
                b.append('d');
            }
        }
        if ((f & NEW) != 0) {
            b.append('n');
        }
        if ((f & KEYSPACE) != 0) {
            b.append('K');
        }
        if ((f & KEYEVENT) != 0) {
            b.append('E');
        }
        if ((f & KEY_MISS) != 0) {
            b.append('m');
        }
        return b.toString();
    }
}
