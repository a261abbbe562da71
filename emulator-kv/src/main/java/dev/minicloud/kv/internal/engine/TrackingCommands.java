package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Key;
import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO, with Redis 7's checks and error texts ({@code networking.c}). */
final class TrackingCommands {
    private TrackingCommands() {}

    static void register(CommandTable t, CommandSpec client) {
        String f = "noscript loading stale";
        t.sub(
                client,
                "tracking",
                -3,
                f,
                0,
                0,
                0,
                "Controls server-assisted client-side caching for the connection.",
                TrackingCommands::tracking);
        t.sub(
                client,
                "caching",
                3,
                f,
                0,
                0,
                0,
                "Instructs the server whether to track the keys in the next request.",
                TrackingCommands::caching);
        t.sub(
                client,
                "getredir",
                2,
                f,
                0,
                0,
                0,
                "Returns the client ID to which the connection's tracking notifications are redirected.",
                c -> c.out().integer(c.client().tracking == null ? -1 : c.client().tracking.redirect));
        t.sub(
                client,
                "trackinginfo",
                2,
                f,
                0,
                0,
                0,
                "Returns information about server-assisted client-side caching for the connection.",
                TrackingCommands::trackingInfo);
    }

    private static void tracking(Call c) {
        Tracking.Options o = new Tracking.Options();
        List<byte[]> newPrefixes = new ArrayList<>();
        for (int j = 3; j < c.argc(); j++) {
            boolean more = j + 1 < c.argc();
            if (c.is(j, "REDIRECT") && more) {
                j++;
                if (o.redirect != 0) {
                    throw new RespError("ERR A client can only redirect to a single other client");
                }
                Long id = Numbers.parseLong(c.arg(j));
                if (id == null) {
                    throw new RespError("ERR value is not an integer or out of range");
                }
                if (c.engine().client(id) == null) {
                    throw new RespError("ERR The client ID you want redirect to does not exist");
                }
                o.redirect = id;
            } else if (c.is(j, "BCAST")) {
                o.bcast = true;
            } else if (c.is(j, "OPTIN")) {
                o.optin = true;
            } else if (c.is(j, "OPTOUT")) {
                o.optout = true;
            } else if (c.is(j, "NOLOOP")) {
                o.noloop = true;
            } else if (c.is(j, "PREFIX") && more) {
                newPrefixes.add(c.arg(++j));
            } else {
                throw RespError.syntax();
            }
        }
        Client cl = c.client();
        Tracking tracking = c.engine().tracking();
        if (c.is(2, "OFF")) {
            tracking.disable(cl);
            c.out().ok();
            return;
        }
        if (!c.is(2, "ON")) {
            throw RespError.syntax();
        }
        Tracking.Options old = cl.tracking;
        if (!o.bcast && !newPrefixes.isEmpty()) {
            throw new RespError("ERR PREFIX option requires BCAST mode to be enabled");
        }
        if (old != null && old.bcast != o.bcast) {
            throw new RespError("ERR You can't switch BCAST mode on/off before disabling tracking for this client, "
                    + "and then re-enabling it with a different mode.");
        }
        if (o.bcast && (o.optin || o.optout)) {
            throw new RespError("ERR OPTIN and OPTOUT are not compatible with BCAST");
        }
        if (o.optin && o.optout) {
            throw new RespError("ERR You can't specify both OPTIN mode and OPTOUT mode");
        }
        if (old != null && ((o.optin && old.optout) || (o.optout && old.optin))) {
            throw new RespError("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, "
                    + "and then re-enabling it with a different mode.");
        }
        if (o.bcast) {
            checkPrefixCollisions(old, newPrefixes);
        }
        for (byte[] p : newPrefixes) {
            o.prefixes.add(new Key(p));
        }
        if (o.bcast && newPrefixes.isEmpty()) {
            o.prefixes.add(new Key(
                    new byte[0])); // BCAST without PREFIX: every key (added again on each such ON, as Redis does)
        }
        tracking.enable(cl, o);
        c.out().ok();
    }

    /** Redis' checkPrefixCollisionsOrReply: no prefix may be a prefix of another, old or new. */
    private static void checkPrefixCollisions(Tracking.Options old, List<byte[]> prefixes) {
        for (int i = 0; i < prefixes.size(); i++) {
            byte[] p = prefixes.get(i);
            if (old != null) {
                for (Key existing : old.prefixes) {
                    if (overlap(existing.bytes(), p)) {
                        throw new RespError("ERR Prefix '" + str(p) + "' overlaps with an existing prefix '"
                                + str(existing.bytes()) + "'. Prefixes for a single client must not overlap.");
                    }
                }
            }
            for (int j = i + 1; j < prefixes.size(); j++) {
                if (overlap(p, prefixes.get(j))) {
                    throw new RespError("ERR Prefix '" + str(p) + "' overlaps with another provided prefix '"
                            + str(prefixes.get(j)) + "'. Prefixes for a single client must not overlap.");
                }
            }
        }
    }

    private static boolean overlap(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        return Arrays.equals(a, 0, n, b, 0, n);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void caching(Call c) {
        Tracking.Options o = c.client().tracking;
        if (o == null) {
            throw new RespError(
                    "ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled");
        }
        if (c.is(2, "YES")) {
            if (!o.optin) {
                throw new RespError("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
            }
        } else if (c.is(2, "NO")) {
            if (!o.optout) {
                throw new RespError("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
            }
        } else {
            throw RespError.syntax();
        }
        o.caching = true;
        c.out().ok();
    }

    private static void trackingInfo(Call c) {
        Client cl = c.client();
        Tracking.Options o = cl.tracking;
        List<String> flags = new ArrayList<>();
        if (o == null) {
            flags.add("off");
        } else {
            flags.add("on");
            if (o.bcast) {
                flags.add("bcast");
            }
            if (o.optin) {
                flags.add("optin");
                if (o.caching) {
                    flags.add("caching-yes");
                }
            }
            if (o.optout) {
                flags.add("optout");
                if (o.caching) {
                    flags.add("caching-no");
                }
            }
            if (o.noloop) {
                flags.add("noloop");
            }
            if (c.engine().tracking().brokenRedirect(cl)) {
                flags.add("broken_redirect");
            }
        }
        RespWriter w = c.out();
        w.map(3);
        w.bulk("flags");
        w.set(flags.size());
        for (String f : flags) {
            w.bulk(f);
        }
        w.bulk("redirect");
        w.integer(o == null ? -1 : o.redirect);
        w.bulk("prefixes");
        if (o == null) {
            w.array(0);
            return;
        }
        w.array(o.prefixes.size());
        for (Key p : o.prefixes) {
            w.bulk(p.bytes());
        }
    }
}
