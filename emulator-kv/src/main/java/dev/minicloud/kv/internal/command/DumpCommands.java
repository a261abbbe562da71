package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.rdb.DumpPayload;
import dev.minicloud.kv.internal.rdb.RdbFormatException;
import dev.minicloud.kv.internal.rdb.RdbReader;
import dev.minicloud.kv.internal.rdb.RdbWriter;
import dev.minicloud.kv.internal.store.KeyEntry;

/**
 * DUMP and RESTORE (cluster.c) with Redis' serialization: payloads from redis-server 7 restore
 * here and ours restore there. The payload is checked (version, CRC-64) and fully decoded before
 * the keyspace is touched, so a bad one changes nothing.
 */
final class DumpCommands {
    private DumpCommands() {}

    static void register(CommandTable t) {
        String g = "generic";
        t.add(
                        "dump",
                        2,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns a serialized representation of the value stored at a key.",
                        DumpCommands::dump)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add(
                        "restore",
                        -4,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Creates a key from the serialized representation of a value.",
                        DumpCommands::restore)
                .keys(KeySpec.range("OW update", 1, 0, 1));
    }

    private static void dump(Call c) {
        KeyEntry e = c.read(c.arg(1));
        if (e == null) {
            c.out().nullBulk();
            return;
        }
        c.out().bulk(RdbWriter.dump(e.value()));
    }

    private static void restore(Call c) {
        boolean replace = false;
        boolean absTtl = false;
        long idle = -1;
        long freq = -1;
        for (int j = 4; j < c.argc(); j++) {
            int additional = c.argc() - j - 1;
            if (c.is(j, "REPLACE")) {
                replace = true;
            } else if (c.is(j, "ABSTTL")) {
                absTtl = true;
            } else if (c.is(j, "IDLETIME") && additional >= 1 && freq == -1) {
                idle = c.longArg(j + 1);
                if (idle < 0) {
                    throw new RespError("ERR Invalid IDLETIME value, must be >= 0");
                }
                j++;
            } else if (c.is(j, "FREQ") && additional >= 1 && idle == -1) {
                freq = c.longArg(j + 1);
                if (freq < 0 || freq > 255) {
                    throw new RespError("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
                j++;
            } else {
                throw RespError.syntax();
            }
        }
        byte[] key = c.arg(1);
        if (!replace && c.write(key) != null) {
            throw new RespError("BUSYKEY Target key name already exists.");
        }
        long ttl = c.longArg(2);
        if (ttl < 0) {
            throw new RespError("ERR Invalid TTL value, must be >= 0");
        }
        byte[] opened = DumpPayload.open(c.arg(3));
        if (opened == null) {
            throw new RespError("ERR DUMP payload version or checksum are wrong");
        }
        Object value;
        try {
            value = RdbReader.read(opened, c.keyspace().encodings());
        } catch (RdbFormatException e) {
            throw new RespError("ERR Bad data format");
        }
        boolean deleted = replace && c.db().delete(key);
        long at = ttl == 0 ? -1 : absTtl ? ttl : c.now() + ttl;
        if (at >= 0 && at <= c.now()) {
            // already expired: nothing is created, as in Redis
            if (deleted) {
                c.modified(key);
                c.notify(Notifications.GENERIC, "del", key);
            }
            c.out().ok();
            return;
        }
        KeyEntry e = c.db().add(key, value);
        if (at >= 0) {
            c.db().setExpire(e, at);
        }
        c.keyspace().restoreAccess(e, idle, (int) freq);
        c.modified(key);
        c.notify(Notifications.GENERIC, "restore", key);
        c.out().ok();
    }
}
