package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.store.RHash;
import dev.minicloud.kv.internal.store.RList;
import dev.minicloud.kv.internal.store.RSet;
import dev.minicloud.kv.internal.store.RStream;
import dev.minicloud.kv.internal.store.RZSet;

/** What all commands need to know about a stored value: its TYPE name and a deep copy (OBJECT ENCODING is {@code KeyEntry.encoding}). */
final class Values {
    private Values() {}

    static String type(Object v) {
        if (v instanceof byte[]) {
            return "string";
        } else if (v instanceof RList) {
            return "list";
        } else if (v instanceof RHash) {
            return "hash";
        } else if (v instanceof RSet) {
            return "set";
        } else if (v instanceof RZSet) {
            return "zset";
        } else if (v instanceof RStream) {
            return "stream";
        }
        return "none";
    }

    /** A copy sharing no mutable state (strings are immutable arrays and are shared). */
    static Object copy(Object v) {
        if (v instanceof RList l) {
            return l.copy();
        } else if (v instanceof RHash h) {
            return h.copy();
        } else if (v instanceof RSet s) {
            return s.copy();
        } else if (v instanceof RZSet z) {
            return z.copy();
        } else if (v instanceof RStream st) {
            return st.copy();
        }
        return v;
    }
}
