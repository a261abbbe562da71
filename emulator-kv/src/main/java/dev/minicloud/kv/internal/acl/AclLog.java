package dev.minicloud.kv.internal.acl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * Redis' ACL LOG: the newest denials first, at most {@code acllog-max-len} (128) of them. A denial
 * like one logged less than 60 seconds before (same reason, context, object and user) counts on that
 * entry and moves it to the front instead of adding one, as Redis groups them.
 */
public final class AclLog {
    static final int MAX_LEN = 128;
    static final long GROUPING_MILLIS = 60_000;

    /** Where the denied command came from: the {@code context} field. */
    public enum Context {
        TOPLEVEL("toplevel"),
        MULTI("multi"),
        LUA("lua");

        private final String label;

        Context(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One entry; mutable only through grouping (count, times, client info). */
    public static final class Entry {
        private final long id;
        private final AclDenial.Reason reason;
        private final Context context;
        private final String object;
        private final String username;
        private final long createdMillis;
        private long count = 1;
        private long updatedMillis;
        private String clientInfo;

        Entry(
                long id,
                AclDenial.Reason reason,
                Context context,
                String object,
                String username,
                long now,
                String clientInfo) {
            this.id = id;
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.createdMillis = now;
            this.updatedMillis = now;
            this.clientInfo = clientInfo;
        }

        public long id() {
            return id;
        }

        public long count() {
            return count;
        }

        public String reason() {
            return reason.label();
        }

        public String context() {
            return context.label();
        }

        public String object() {
            return object;
        }

        public String username() {
            return username;
        }

        public String clientInfo() {
            return clientInfo;
        }

        public long createdMillis() {
            return createdMillis;
        }

        public long updatedMillis() {
            return updatedMillis;
        }

        boolean sameAs(AclDenial.Reason r, Context c, String o, String u) {
            return reason == r && context == c && object.equals(o) && username.equals(u);
        }
    }

    private final LinkedList<Entry> entries = new LinkedList<>();
    private long nextId;

    public void add(
            AclDenial.Reason reason, Context context, String object, String username, long now, String clientInfo) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.sameAs(reason, context, object, username) && now - e.updatedMillis < GROUPING_MILLIS) {
                it.remove();
                e.count++;
                e.updatedMillis = now;
                e.clientInfo = clientInfo;
                entries.addFirst(e);
                return;
            }
        }
        entries.addFirst(new Entry(nextId++, reason, context, object, username, now, clientInfo));
        while (entries.size() > MAX_LEN) {
            entries.removeLast();
        }
    }

    /** The newest {@code count} entries, newest first. */
    public List<Entry> newest(long count) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (out.size() >= count) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    public void reset() {
        entries.clear();
    }
}
