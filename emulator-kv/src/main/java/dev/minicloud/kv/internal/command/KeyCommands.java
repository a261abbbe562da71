package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandHandler;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.Encoding;
import dev.minicloud.kv.internal.store.Glob;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.Keyspace;
import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The generic keyspace commands: DEL, EXISTS, TYPE, RENAME, COPY, MOVE, KEYS, SCAN, OBJECT, TTLs. */
final class KeyCommands {
    private KeyCommands() {}

    static void register(CommandTable t) {
        String g = "generic";
        t.add("del", -2, "write", 1, -1, 1, g, "Deletes one or more keys.", Handler.DEL)
                .keys(KeySpec.range("RM delete", 1, -1, 1))
                .tips("request_policy:multi_shard", "response_policy:agg_sum");
        t.add("unlink", -2, "write fast", 1, -1, 1, g, "Asynchronously deletes one or more keys.", Handler.DEL)
                .keys(KeySpec.range("RM delete", 1, -1, 1))
                .tips("request_policy:multi_shard", "response_policy:agg_sum");
        t.add("exists", -2, "readonly fast", 1, -1, 1, g, "Determines whether one or more keys exist.", Handler.EXISTS)
                .tips("request_policy:multi_shard", "response_policy:agg_sum");
        t.add(
                        "touch",
                        -2,
                        "readonly fast",
                        1,
                        -1,
                        1,
                        g,
                        "Returns the number of existing keys out of those specified after updating the time they were last accessed.",
                        Handler.TOUCH)
                .tips("request_policy:multi_shard", "response_policy:agg_sum");
        t.add("type", 2, "readonly fast", 1, 1, 1, g, "Determines the type of value stored at a key.", Handler.TYPE);
        t.add("rename", 3, "write", 1, 2, 1, g, "Renames a key and overwrites the destination.", Handler.RENAME)
                .keys(KeySpec.range("RW access delete", 1, 0, 1), KeySpec.range("OW update", 2, 0, 1));
        t.add(
                        "renamenx",
                        3,
                        "write fast",
                        1,
                        2,
                        1,
                        g,
                        "Renames a key only when the target key name doesn't exist.",
                        Handler.RENAMENX)
                .keys(KeySpec.range("RW access delete", 1, 0, 1), KeySpec.range("OW insert", 2, 0, 1));
        t.add("copy", -3, "write denyoom", 1, 2, 1, g, "Copies the value of a key to a new key.", Handler.COPY)
                .keys(KeySpec.range("RO access", 1, 0, 1), KeySpec.range("OW update", 2, 0, 1));
        t.add("move", 3, "write fast", 1, 1, 1, g, "Moves a key to another database.", Handler.MOVE)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add("keys", 2, "readonly", 0, 0, 0, g, "Returns all key names that match a pattern.", Handler.KEYS)
                .tips("request_policy:all_shards", "nondeterministic_output_order");
        t.add("scan", -2, "readonly", 0, 0, 0, g, "Iterates over the key names in the database.", Handler.SCAN)
                .tips("nondeterministic_output", "request_policy:special");
        t.add("randomkey", 1, "readonly", 0, 0, 0, g, "Returns a random key name from the database.", Handler.RANDOMKEY)
                .tips("request_policy:all_shards", "nondeterministic_output");
        t.add("expire", -3, "write fast", 1, 1, 1, g, "Sets the expiration time of a key in seconds.", Handler.EXPIRE)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add(
                        "pexpire",
                        -3,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Sets the expiration time of a key in milliseconds.",
                        Handler.PEXPIRE)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add(
                        "expireat",
                        -3,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Sets the expiration time of a key to a Unix timestamp.",
                        Handler.EXPIREAT)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add(
                        "pexpireat",
                        -3,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Sets the expiration time of a key to a Unix milliseconds timestamp.",
                        Handler.PEXPIREAT)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add("ttl", 2, "readonly fast", 1, 1, 1, g, "Returns the expiration time in seconds of a key.", Handler.TTL)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add(
                        "pttl",
                        2,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the expiration time in milliseconds of a key.",
                        Handler.PTTL)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add(
                        "expiretime",
                        2,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the expiration time of a key as a Unix timestamp.",
                        Handler.EXPIRETIME)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "pexpiretime",
                        2,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the expiration time of a key as a Unix milliseconds timestamp.",
                        Handler.PEXPIRETIME)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add("persist", 2, "write fast", 1, 1, 1, g, "Removes the expiration time of a key.", Handler.PERSIST)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        var object = t.add("object", -2, "", 0, 0, 0, g, "A container for object introspection commands.", null);
        t.sub(
                        object,
                        "encoding",
                        3,
                        "readonly",
                        2,
                        2,
                        1,
                        "Returns the internal encoding of a Redis object.",
                        Handler.OBJECT_ENCODING)
                .tips("nondeterministic_output");
        t.sub(
                        object,
                        "refcount",
                        3,
                        "readonly",
                        2,
                        2,
                        1,
                        "Returns the reference count of a value of a key.",
                        Handler.OBJECT_REFCOUNT)
                .tips("nondeterministic_output");
        t.sub(
                        object,
                        "idletime",
                        3,
                        "readonly",
                        2,
                        2,
                        1,
                        "Returns the time since the last access to a Redis object.",
                        Handler.OBJECT_IDLETIME)
                .tips("nondeterministic_output");
        t.sub(
                        object,
                        "freq",
                        3,
                        "readonly",
                        2,
                        2,
                        1,
                        "Returns the logarithmic access frequency counter of a Redis object.",
                        Handler.OBJECT_FREQ)
                .tips("nondeterministic_output");
        t.sub(
                object,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                Handler.OBJECT_HELP);
    }

    private static void exists(Call c) {
        long n = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (c.db().exists(c.arg(i))) {
                n++;
            }
        }
        c.out().integer(n);
    }

    private static void touch(Call c) {
        long n = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (c.db().lookup(c.arg(i)) != null) {
                n++;
            }
        }
        c.out().integer(n);
    }

    private static void type(Call c) {
        KeyEntry e = c.db().peek(c.arg(1));
        c.out().simple(e == null ? "none" : Values.type(e.value()));
    }

    private static void keys(Call c) {
        byte[] pattern = c.arg(1);
        boolean all = pattern.length == 1 && pattern[0] == '*';
        List<byte[]> out = new ArrayList<>();
        for (KeyEntry e : c.db().liveEntries()) {
            if (all || Glob.match(pattern, e.key(), false)) {
                out.add(e.key());
            }
        }
        RespWriter w = c.out();
        w.array(out.size());
        for (byte[] k : out) {
            w.bulk(k);
        }
    }

    private static void randomkey(Call c) {
        KeyEntry e = c.db().randomLive();
        c.out().bulk(e == null ? null : e.key());
    }

    private static void persist(Call c) {
        KeyEntry e = c.db().lookup(c.arg(1));
        if (e == null || e.expireAt() < 0) {
            c.out().integer(0);
            return;
        }
        c.db().setExpire(e, -1);
        c.modified(c.arg(1));
        c.notify(Notifications.GENERIC, "persist", c.arg(1));
        c.out().integer(1);
    }

    private static void objectEncoding(Call c) {
        KeyEntry e = c.db().peek(c.arg(2));
        c.out().bulk(e == null ? null : e.encoding().redisName());
    }

    private static void objectRefcount(Call c) {
        KeyEntry e = c.db().peek(c.arg(2));
        if (e == null) {
            c.out().nullBulk();
        } else {
            // Redis shares the integers below 10000 (OBJ_SHARED_INTEGERS), whose refcount is INT_MAX
            c.out().integer(e.encoding() == Encoding.INT && sharedInteger((byte[]) e.value()) ? Integer.MAX_VALUE : 1);
        }
    }

    /** Whether Redis would hold this int-encoded string as one of its shared integers (0..9999). */
    private static boolean sharedInteger(byte[] v) {
        long n = Numbers.parseLong(v);
        return n >= 0 && n < 10000;
    }

    private static void objectIdletime(Call c) {
        KeyEntry e = c.db().peek(c.arg(2));
        if (e == null) {
            c.out().nullBulk();
            return;
        }
        if (c.keyspace().lfu()) {
            throw new RespError("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when "
                    + "switching between policies at runtime LRU and LFU data will take some time to adjust.");
        }
        c.out().integer(c.keyspace().idleSeconds(e));
    }

    private static void objectFreq(Call c) {
        KeyEntry e = c.db().peek(c.arg(2));
        if (e == null) {
            c.out().nullBulk();
            return;
        }
        if (!c.keyspace().lfu()) {
            throw new RespError(
                    "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note "
                            + "that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
        }
        c.out().integer(c.keyspace().frequency(e));
    }

    private static void objectHelp(Call c) {
        String[] lines = {
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help."
        };
        c.help(lines);
    }

    private static void del(Call c) {
        long n = 0;
        for (int i = 1; i < c.argc(); i++) {
            byte[] k = c.arg(i);
            if (c.db().exists(k) && c.db().delete(k)) {
                n++;
                c.modified(k);
                c.notify(Notifications.GENERIC, "del", k);
            }
        }
        c.out().integer(n);
    }

    /** What RENAME does to an existing destination, and RENAMENX refuses to touch. */
    private enum Destination {
        OVERWRITE,
        KEEP
    }

    private static void rename(Call c, Destination destination) {
        boolean nx = destination == Destination.KEEP;
        byte[] src = c.arg(1);
        byte[] dst = c.arg(2);
        Database db = c.db();
        KeyEntry e = db.lookup(src);
        if (e == null) {
            throw new RespError(RespError.NO_SUCH_KEY);
        }
        if (Arrays.equals(src, dst)) {
            if (nx) {
                c.out().integer(0);
            } else {
                c.out().ok();
            }
            return;
        }
        if (nx && db.exists(dst)) {
            c.out().integer(0);
            return;
        }
        long expireAt = e.expireAt();
        Object value = e.value();
        db.delete(src);
        if (db.exists(dst)) {
            db.delete(dst);
        }
        KeyEntry n = db.add(dst, value);
        n.stringEncoding(e.stringEncodingMark());
        if (expireAt >= 0) {
            db.setExpire(n, expireAt);
        }
        c.modified(src);
        c.modified(dst);
        c.notify(Notifications.GENERIC, "rename_from", src);
        c.notify(Notifications.GENERIC, "rename_to", dst);
        if (nx) {
            c.out().integer(1);
        } else {
            c.out().ok();
        }
    }

    static int dbIndex(Call c, int i) {
        long v = c.longArg(i, "ERR value is not an integer or out of range");
        if (v < 0 || v >= Keyspace.DATABASES) {
            throw new RespError("ERR DB index is out of range");
        }
        return (int) v;
    }

    private static void copy(Call c) {
        byte[] src = c.arg(1);
        byte[] dst = c.arg(2);
        int dstDb = c.client().db();
        boolean replace = false;
        for (int i = 3; i < c.argc(); i++) {
            if (c.is(i, "REPLACE")) {
                replace = true;
            } else if (c.is(i, "DB") && i + 1 < c.argc()) {
                dstDb = dbIndex(c, ++i);
            } else {
                throw RespError.syntax();
            }
        }
        if (dstDb == c.client().db() && Arrays.equals(src, dst)) {
            throw new RespError("ERR source and destination objects are the same");
        }
        KeyEntry e = c.db().lookup(src);
        if (e == null) {
            c.out().integer(0);
            return;
        }
        Database target = c.keyspace().db(dstDb);
        if (target.exists(dst)) {
            if (!replace) {
                c.out().integer(0);
                return;
            }
            target.delete(dst);
        }
        KeyEntry n = target.add(dst, Values.copy(e.value()));
        n.stringEncoding(e.stringEncodingMark());
        if (e.expireAt() >= 0) {
            target.setExpire(n, e.expireAt());
        }
        c.modified(dstDb, dst);
        c.notify(dstDb, Notifications.GENERIC, "copy_to", dst);
        c.keyspace().recount();
        c.out().integer(1);
    }

    private static void move(Call c) {
        int dstDb = dbIndex(c, 2);
        if (dstDb == c.client().db()) {
            throw new RespError("ERR source and destination objects are the same");
        }
        byte[] key = c.arg(1);
        KeyEntry e = c.db().lookup(key);
        Database target = c.keyspace().db(dstDb);
        if (e == null || target.exists(key)) {
            c.out().integer(0);
            return;
        }
        c.db().delete(key);
        KeyEntry n = target.add(key, e.value());
        n.stringEncoding(e.stringEncodingMark());
        if (e.expireAt() >= 0) {
            target.setExpire(n, e.expireAt());
        }
        c.modified(key);
        c.modified(dstDb, key);
        c.notify(Notifications.GENERIC, "move_from", key);
        c.notify(dstDb, Notifications.GENERIC, "move_to", key);
        c.keyspace().recount();
        c.out().integer(1);
    }

    private static void scan(Call c) {
        ScanArgs a = ScanArgs.parse(c, 1, ScanArgs.Extra.TYPE);
        List<KeyEntry> found = new ArrayList<>();
        long next = c.db().scan(a.cursor(), a.batch(), found::add);
        long now = c.now();
        List<byte[]> keys = new ArrayList<>(found.size());
        for (KeyEntry e : found) {
            if (e.expireAt() >= 0 && e.expireAt() <= now) {
                continue;
            }
            if (!a.matches(e.key())) {
                continue;
            }
            if (a.type() != null && !a.type().equals(Values.type(e.value()))) {
                continue;
            }
            keys.add(e.key());
        }
        ScanArgs.reply(c, next, keys);
    }

    /** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT: argument 2 in {@code form}. */
    private static void expire(Call c, Expiry form) {
        String name = c.str(0).toLowerCase(Locale.ROOT);
        long v = c.longArg(2);
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < c.argc(); i++) {
            if (c.is(i, "NX")) {
                nx = true;
            } else if (c.is(i, "XX")) {
                xx = true;
            } else if (c.is(i, "GT")) {
                gt = true;
            } else if (c.is(i, "LT")) {
                lt = true;
            } else {
                throw new RespError("ERR Unsupported option " + c.str(i));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new RespError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw new RespError("ERR GT and LT options at the same time are not compatible");
        }
        long when;
        try {
            when = form.absoluteMillis(v, c.now());
        } catch (ArithmeticException e) {
            throw Expiry.invalid(name);
        }
        KeyEntry e = c.db().lookup(c.arg(1));
        if (e == null) {
            c.out().integer(0);
            return;
        }
        long cur = e.expireAt();
        if ((nx && cur >= 0)
                || (xx && cur < 0)
                || (gt && (cur < 0 || when <= cur))
                || (lt && cur >= 0 && when >= cur)) {
            c.out().integer(0);
            return;
        }
        if (when <= c.now()) {
            c.db().delete(c.arg(1));
            c.modified(c.arg(1));
            c.notify(Notifications.GENERIC, "del", c.arg(1));
        } else {
            c.db().setExpire(e, when);
            c.modified(c.arg(1));
            c.notify(Notifications.GENERIC, "expire", c.arg(1));
        }
        c.out().integer(1);
    }

    /** TTL, PTTL, EXPIRETIME, PEXPIRETIME: the key's expiry in {@code form}. */
    private static void ttl(Call c, Expiry form) {
        KeyEntry e = c.read(c.arg(1));
        if (e == null) {
            c.out().integer(-2);
            return;
        }
        if (e.expireAt() < 0) {
            c.out().integer(-1);
            return;
        }
        c.out().integer(form.report(e.expireAt(), c.now()));
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        DEL,
        EXISTS,
        TOUCH,
        TYPE,
        RENAME,
        RENAMENX,
        COPY,
        MOVE,
        KEYS,
        SCAN,
        RANDOMKEY,
        EXPIRE,
        PEXPIRE,
        EXPIREAT,
        PEXPIREAT,
        TTL,
        PTTL,
        EXPIRETIME,
        PEXPIRETIME,
        PERSIST,
        OBJECT_ENCODING,
        OBJECT_REFCOUNT,
        OBJECT_IDLETIME,
        OBJECT_FREQ,
        OBJECT_HELP;

        @Override
        public void run(Call c) {
            switch (this) {
                case DEL -> KeyCommands.del(c);
                case EXISTS -> KeyCommands.exists(c);
                case TOUCH -> KeyCommands.touch(c);
                case TYPE -> KeyCommands.type(c);
                case RENAME -> rename(c, Destination.OVERWRITE);
                case RENAMENX -> rename(c, Destination.KEEP);
                case COPY -> KeyCommands.copy(c);
                case MOVE -> KeyCommands.move(c);
                case KEYS -> KeyCommands.keys(c);
                case SCAN -> KeyCommands.scan(c);
                case RANDOMKEY -> KeyCommands.randomkey(c);
                case EXPIRE -> expire(c, Expiry.EX);
                case PEXPIRE -> expire(c, Expiry.PX);
                case EXPIREAT -> expire(c, Expiry.EXAT);
                case PEXPIREAT -> expire(c, Expiry.PXAT);
                case TTL -> ttl(c, Expiry.EX);
                case PTTL -> ttl(c, Expiry.PX);
                case EXPIRETIME -> ttl(c, Expiry.EXAT);
                case PEXPIRETIME -> ttl(c, Expiry.PXAT);
                case PERSIST -> KeyCommands.persist(c);
                case OBJECT_ENCODING -> KeyCommands.objectEncoding(c);
                case OBJECT_REFCOUNT -> KeyCommands.objectRefcount(c);
                case OBJECT_IDLETIME -> KeyCommands.objectIdletime(c);
                case OBJECT_FREQ -> KeyCommands.objectFreq(c);
                case OBJECT_HELP -> KeyCommands.objectHelp(c);
            }
        }
    }
}
