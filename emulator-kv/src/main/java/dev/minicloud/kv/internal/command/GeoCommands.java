package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandHandler;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.RZSet;
import dev.minicloud.kv.internal.store.RZSet.ZEntry;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The GEO commands (t_geo.c): positions live in sorted sets with their {@link GeoHash} as score,
 * so every sorted-set command works on them too. Searches scan the score ranges of Redis' nine
 * cells around the centre, in Redis' order, and test each candidate against the exact shape, so
 * they find what Redis finds, in the order it finds it, without reading the whole set.
 */
final class GeoCommands {
    private GeoCommands() {}

    /** The kind of search a command runs and which of its arguments say where. */
    private enum Search {
        GEORADIUS(6, 1, false, true),
        GEORADIUS_RO(6, 1, false, false),
        GEORADIUSBYMEMBER(5, 1, false, true),
        GEORADIUSBYMEMBER_RO(5, 1, false, false),
        GEOSEARCH(2, 1, true, false),
        GEOSEARCHSTORE(3, 2, true, false);

        final int baseArgs;
        final int sourceAt;
        final boolean geosearch;
        final boolean storeOptions;

        Search(int baseArgs, int sourceAt, boolean geosearch, boolean storeOptions) {
            this.baseArgs = baseArgs;
            this.sourceAt = sourceAt;
            this.geosearch = geosearch;
            this.storeOptions = storeOptions;
        }

        boolean byCoordinates() {
            return this == GEORADIUS || this == GEORADIUS_RO;
        }

        boolean byMember() {
            return this == GEORADIUSBYMEMBER || this == GEORADIUSBYMEMBER_RO;
        }
    }

    static void register(CommandTable t) {
        String g = "geo";
        t.add(
                        "geoadd",
                        -5,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Adds one or more members to a geospatial index.",
                        Handler.GEOADD)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add(
                        "geopos",
                        -2,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns the longitude and latitude of members from a geospatial index.",
                        Handler.GEOPOS)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "geodist",
                        -4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns the distance between two members of a geospatial index.",
                        Handler.GEODIST)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "geohash",
                        -2,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns members from a geospatial index as geohash strings.",
                        Handler.GEOHASH)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "georadius",
                        -6,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Queries a geospatial index for members within a distance from a coordinate, optionally stores the result.",
                        Handler.GEORADIUS)
                .keys(
                        KeySpec.range("RO access", 1, 0, 1),
                        KeySpec.keyword("OW update", "STORE", 6, 0, 1, 0),
                        KeySpec.keyword("OW update", "STOREDIST", 6, 0, 1, 0));
        t.add(
                        "georadius_ro",
                        -6,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns members from a geospatial index that are within a distance from a coordinate.",
                        Handler.GEORADIUS_RO)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "georadiusbymember",
                        -5,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Queries a geospatial index for members within a distance from a member, optionally stores the result.",
                        Handler.GEORADIUSBYMEMBER)
                .keys(
                        KeySpec.range("RO access", 1, 0, 1),
                        KeySpec.keyword("OW update", "STORE", 5, 0, 1, 0),
                        KeySpec.keyword("OW update", "STOREDIST", 5, 0, 1, 0));
        t.add(
                        "georadiusbymember_ro",
                        -5,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns members from a geospatial index that are within a distance from a member.",
                        Handler.GEORADIUSBYMEMBER_RO)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "geosearch",
                        -7,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Queries a geospatial index for members inside an area of a box or a circle.",
                        Handler.GEOSEARCH)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "geosearchstore",
                        -8,
                        "write denyoom",
                        1,
                        2,
                        1,
                        g,
                        "Queries a geospatial index for members inside an area of a box or a circle, optionally stores the result.",
                        Handler.GEOSEARCHSTORE)
                .keys(KeySpec.range("OW update", 1, 0, 1), KeySpec.range("RO access", 2, 0, 1));
    }

    // ---- GEOADD, GEOPOS, GEODIST, GEOHASH -------------------------------------------------

    private static void geoadd(Call c) {
        Set<ZSetCommands.ZAddFlag> flags = EnumSet.noneOf(ZSetCommands.ZAddFlag.class);
        int i = 2;
        for (; i < c.argc(); i++) {
            if (c.is(i, "NX")) {
                flags.add(ZSetCommands.ZAddFlag.NX);
            } else if (c.is(i, "XX")) {
                flags.add(ZSetCommands.ZAddFlag.XX);
            } else if (c.is(i, "CH")) {
                flags.add(ZSetCommands.ZAddFlag.CH);
            } else {
                break;
            }
        }
        ZSetCommands.ZAddOptions options = new ZSetCommands.ZAddOptions(flags);
        if ((c.argc() - i) % 3 != 0 || (options.nx() && options.xx())) {
            throw RespError.syntax();
        }
        int n = (c.argc() - i) / 3;
        double[] scores = new double[n];
        byte[][] members = new byte[n][];
        for (int k = 0; k < n; k++) {
            double[] xy = lonLat(c, i + 3 * k);
            scores[k] = GeoHash.encode(xy[0], xy[1]);
            members[k] = c.arg(i + 3 * k + 2);
        }
        // Redis runs GEOADD as a ZADD of the hashes: same replies, same keyspace event
        ZSetCommands.zadd(c, options, scores, members);
    }

    private static void geopos(Call c) {
        RespWriter w = c.out();
        perMember(c, w::nullArray, hash -> {
            double[] xy = GeoHash.decode(hash);
            w.array(2);
            w.bulk(GeoHash.human(xy[0]));
            w.bulk(GeoHash.human(xy[1]));
        });
    }

    private static void geodist(Call c) {
        double toMeters = 1;
        if (c.argc() == 5) {
            toMeters = unit(c, 4);
        } else if (c.argc() > 5) {
            throw RespError.syntax();
        }
        RZSet z = c.zset(c.read(c.arg(1)));
        Double a = z == null ? null : z.score(c.arg(2));
        Double b = z == null ? null : z.score(c.arg(3));
        if (a == null || b == null) {
            c.out().nullBulk();
            return;
        }
        double[] p = GeoHash.decode((long) a.doubleValue());
        double[] q = GeoHash.decode((long) b.doubleValue());
        c.out().bulk(GeoHash.fourDecimals(GeoHash.distance(p[0], p[1], q[0], q[1]) / toMeters));
    }

    private static void geohash(Call c) {
        RespWriter w = c.out();
        perMember(c, w::nullBulk, hash -> w.bulk(GeoHash.standard(hash)));
    }

    /** GEOPOS and GEOHASH: one reply per member named from argument 2 on, {@code missing} for an unknown one. */
    private static void perMember(Call c, Runnable missing, LongConsumer present) {
        RZSet z = c.zset(c.read(c.arg(1)));
        c.out().array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            Double score = z == null ? null : z.score(c.arg(i));
            if (score == null) {
                missing.run();
            } else {
                present.accept((long) score.doubleValue());
            }
        }
    }

    // ---- GEORADIUS*, GEOSEARCH* ------------------------------------------------------------

    /** Where to search: a centre and a circle (radius) or a box (width, height), in metres, and the reply unit. */
    private static final class Shape {
        double[] xy;
        boolean box;
        double radius;
        double width;
        double height;
        double toMeters = 1;

        /** The distance from the centre if {@code p} is inside, else a negative number. */
        double within(double[] p) {
            if (box) {
                if (GeoHash.latDistance(p[1], xy[1]) > height * toMeters / 2) {
                    return -1;
                }
                if (GeoHash.distance(p[0], p[1], xy[0], p[1]) > width * toMeters / 2) {
                    return -1;
                }
                return GeoHash.distance(xy[0], xy[1], p[0], p[1]);
            }
            double d = GeoHash.distance(xy[0], xy[1], p[0], p[1]);
            return d > radius * toMeters ? -1 : d;
        }
    }

    private record Hit(byte[] member, double meters, long hash, double[] xy) {}

    private static void search(Call c, Search kind) {
        byte[] storeKey = kind == Search.GEOSEARCHSTORE ? c.arg(1) : null;
        boolean storeDist = false;
        RZSet z = c.zset(c.read(c.arg(kind.sourceAt)));
        Shape shape = new Shape();
        if (kind.byCoordinates()) {
            shape.xy = lonLat(c, 2);
            distance(c, 4, shape);
        } else if (kind.byMember() && z != null) {
            shape.xy = memberPosition(z, c.arg(2));
            distance(c, 3, shape);
        }
        Set<With> with = EnumSet.noneOf(With.class);
        boolean fromMember = false;
        boolean fromLonLat = false;
        boolean byRadius = false;
        boolean byBox = false;
        boolean any = false;
        int sort = 0;
        long count = 0;
        int remaining = c.argc() - kind.baseArgs;
        for (int j = 0; j < remaining; j++) {
            int at = kind.baseArgs + j;
            With w = With.of(c, at);
            if (w != null) {
                with.add(w);
            } else if (c.is(at, "ANY")) {
                any = true;
            } else if (c.is(at, "ASC")) {
                sort = 1;
            } else if (c.is(at, "DESC")) {
                sort = -1;
            } else if (c.is(at, "COUNT") && j + 1 < remaining) {
                count = c.longArg(at + 1);
                if (count <= 0) {
                    throw new RespError("ERR COUNT must be > 0");
                }
                j++;
            } else if ((c.is(at, "STORE") || c.is(at, "STOREDIST")) && j + 1 < remaining && kind.storeOptions) {
                storeKey = c.arg(at + 1);
                storeDist = c.is(at, "STOREDIST");
                j++;
            } else if (c.is(at, "STOREDIST") && kind == Search.GEOSEARCHSTORE) {
                storeDist = true;
            } else if (c.is(at, "FROMMEMBER") && j + 1 < remaining && kind.geosearch && !fromLonLat) {
                if (z != null) {
                    shape.xy = memberPosition(z, c.arg(at + 1));
                }
                fromMember = true;
                j++;
            } else if (c.is(at, "FROMLONLAT") && j + 2 < remaining && kind.geosearch && !fromMember) {
                shape.xy = lonLat(c, at + 1);
                fromLonLat = true;
                j += 2;
            } else if (c.is(at, "BYRADIUS") && j + 2 < remaining && kind.geosearch && !byBox) {
                distance(c, at + 1, shape);
                byRadius = true;
                j += 2;
            } else if (c.is(at, "BYBOX") && j + 3 < remaining && kind.geosearch && !byRadius) {
                box(c, at + 1, shape);
                byBox = true;
                j += 3;
            } else {
                throw RespError.syntax();
            }
        }
        if (storeKey != null && !with.isEmpty()) {
            throw new RespError(
                    "ERR " + (kind == Search.GEOSEARCHSTORE ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                            + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
        }
        if (kind.geosearch && !(fromMember || fromLonLat)) {
            throw new RespError("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + c.str(0));
        }
        if (kind.geosearch && !(byRadius || byBox)) {
            throw new RespError("ERR exactly one of BYRADIUS and BYBOX can be specified for " + c.str(0));
        }
        if (any && count == 0) {
            throw new RespError("ERR the ANY argument requires COUNT argument");
        }
        if (z == null) {
            if (storeKey != null) {
                if (c.db().delete(storeKey)) {
                    c.modified(storeKey);
                    c.notify(Notifications.GENERIC, "del", storeKey);
                }
                c.out().integer(0);
            } else {
                c.out().array(0);
            }
            return;
        }
        if (count != 0 && sort == 0 && !any) {
            sort = 1; // the nearest COUNT need an order, as in Redis
        }
        List<Hit> hits = new ArrayList<>();
        double m = shape.toMeters;
        scan:
        for (long[] cell : GeoHash.cells(
                shape.xy[0], shape.xy[1], shape.box, shape.radius * m, shape.width * m, shape.height * m)) {
            // 52-bit geohashes are exact as doubles (53-bit mantissa), as sorted-set scores hold them
            for (int r = z.firstAtLeast((double) cell[0], false);
                    r < z.size() && z.at(r).score() < (double) cell[1];
                    r++) {
                ZEntry e = z.at(r);
                long hash = (long) e.score();
                double[] p = GeoHash.decode(hash);
                double d = shape.within(p);
                if (d >= 0) {
                    hits.add(new Hit(e.member(), d, hash, p));
                    if (any && hits.size() == count) {
                        break scan;
                    }
                }
            }
        }
        if (sort != 0) {
            Comparator<Hit> byDistance = Comparator.comparingDouble(Hit::meters);
            hits.sort(sort > 0 ? byDistance : byDistance.reversed());
        }
        int returned = (int) (count == 0 ? hits.size() : Math.min(count, hits.size()));
        List<Hit> result = hits.subList(0, returned);
        if (storeKey != null) {
            store(c, kind, storeKey, result, storeDist, shape.toMeters);
            return;
        }
        reply(c.out(), result, with, shape.toMeters);
    }

    /** What a search adds to each member it returns, in the order Redis adds them. */
    private enum With {
        DIST,
        HASH,
        COORD;

        /** The WITH... option argument {@code i} names, or null. */
        static With of(Call c, int i) {
            for (With w : values()) {
                if (c.is(i, "WITH" + w.name())) {
                    return w;
                }
            }
            return null;
        }
    }

    private static void reply(RespWriter w, List<Hit> hits, Set<With> with, double toMeters) {
        int options = with.size();
        boolean withDist = with.contains(With.DIST);
        boolean withHash = with.contains(With.HASH);
        boolean withCoord = with.contains(With.COORD);
        w.array(hits.size());
        for (Hit h : hits) {
            if (options > 0) {
                w.array(options + 1);
            }
            w.bulk(h.member());
            if (withDist) {
                w.bulk(GeoHash.fourDecimals(h.meters() / toMeters));
            }
            if (withHash) {
                w.integer(h.hash());
            }
            if (withCoord) {
                w.array(2);
                w.bulk(GeoHash.human(h.xy()[0]));
                w.bulk(GeoHash.human(h.xy()[1]));
            }
        }
    }

    private static void store(Call c, Search kind, byte[] key, List<Hit> hits, boolean storeDist, double toMeters) {
        if (hits.isEmpty()) {
            if (c.db().delete(key)) {
                c.modified(key);
                c.notify(Notifications.GENERIC, "del", key);
            }
            c.out().integer(0);
            return;
        }
        RZSet out = RZSet.create(c.keyspace().encodings(), hits.size(), 0);
        for (Hit h : hits) {
            out.put(h.member(), storeDist ? h.meters() / toMeters : h.hash());
        }
        out.settle();
        c.db().delete(key);
        c.db().add(key, out);
        c.modified(key);
        c.notify(Notifications.ZSET, kind.geosearch ? "geosearchstore" : "georadiusstore", key);
        c.out().integer(hits.size());
    }

    // ---- arguments --------------------------------------------------------------------------

    private static double[] lonLat(Call c, int at) {
        double lon = c.doubleArg(at);
        double lat = c.doubleArg(at + 1);
        if (!GeoHash.valid(lon, lat)) {
            throw new RespError(String.format(Locale.ROOT, "ERR invalid longitude,latitude pair %f,%f", lon, lat));
        }
        return new double[] {lon, lat};
    }

    private static double[] memberPosition(RZSet z, byte[] member) {
        Double score = z.score(member);
        if (score == null) {
            throw new RespError("ERR could not decode requested zset member");
        }
        return GeoHash.decode((long) score.doubleValue());
    }

    private static void distance(Call c, int at, Shape shape) {
        Double r = dbl(c, at, "ERR need numeric radius");
        if (r < 0) {
            throw new RespError("ERR radius cannot be negative");
        }
        shape.radius = r;
        shape.box = false;
        shape.toMeters = unit(c, at + 1);
    }

    private static void box(Call c, int at, Shape shape) {
        double width = dbl(c, at, "ERR need numeric width");
        double height = dbl(c, at + 1, "ERR need numeric height");
        if (width < 0 || height < 0) {
            throw new RespError("ERR height or width cannot be negative");
        }
        shape.width = width;
        shape.height = height;
        shape.box = true;
        shape.toMeters = unit(c, at + 2);
    }

    private static double dbl(Call c, int at, String error) {
        try {
            return c.doubleArg(at);
        } catch (RespError e) {
            throw new RespError(error);
        }
    }

    private static double unit(Call c, int at) {
        if (c.is(at, "M")) {
            return 1;
        }
        if (c.is(at, "KM")) {
            return 1000;
        }
        if (c.is(at, "FT")) {
            return 0.3048;
        }
        if (c.is(at, "MI")) {
            return 1609.34;
        }
        throw new RespError("ERR unsupported unit provided. please use M, KM, FT, MI");
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        GEOADD,
        GEOPOS,
        GEODIST,
        GEOHASH,
        GEORADIUS,
        GEORADIUS_RO,
        GEORADIUSBYMEMBER,
        GEORADIUSBYMEMBER_RO,
        GEOSEARCH,
        GEOSEARCHSTORE;

        @Override
        public void run(Call c) {
            switch (this) {
                case GEOADD -> GeoCommands.geoadd(c);
                case GEOPOS -> GeoCommands.geopos(c);
                case GEODIST -> GeoCommands.geodist(c);
                case GEOHASH -> GeoCommands.geohash(c);
                case GEORADIUS -> search(c, Search.GEORADIUS);
                case GEORADIUS_RO -> search(c, Search.GEORADIUS_RO);
                case GEORADIUSBYMEMBER -> search(c, Search.GEORADIUSBYMEMBER);
                case GEORADIUSBYMEMBER_RO -> search(c, Search.GEORADIUSBYMEMBER_RO);
                case GEOSEARCH -> search(c, Search.GEOSEARCH);
                case GEOSEARCHSTORE -> search(c, Search.GEOSEARCHSTORE);
            }
        }
    }
}
