package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.GeoCoordinate;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.args.GeoUnit;
import redis.clients.jedis.params.GeoSearchParam;
import redis.clients.jedis.resps.GeoRadiusResponse;

/**
 * The GEO commands against Redis' own documented examples (redis.io GEOADD ... GEOSEARCHSTORE pages),
 * byte for byte through a raw connection, and through Jedis' geo API.
 */
class GeoIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();

    @RegisterExtension
    final FreshKv kv = new FreshKv(CLOUD);

    @BeforeEach
    void sicily() {
        assertEquals(
                ":2",
                kv.call("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"));
    }

    @Test
    void positionsDistancesAndHashesPrintAsRedisPrintsThem() {
        assertEquals("$166274.1516", kv.call("GEODIST", "Sicily", "Palermo", "Catania"));
        assertEquals("$166.2742", kv.call("GEODIST", "Sicily", "Palermo", "Catania", "km"));
        assertEquals("$103.3182", kv.call("GEODIST", "Sicily", "Palermo", "Catania", "mi"));
        assertEquals("$-1", kv.call("GEODIST", "Sicily", "Foo", "Bar"));
        assertEquals("*[$sqc8b49rny0, $sqdtr74hyu0]", kv.call("GEOHASH", "Sicily", "Palermo", "Catania"));
        assertEquals(
                "*[*[$13.36138933897018433, $38.11555639549629859], *[$15.08726745843887329, $37.50266842333162032], *-1]",
                kv.call("GEOPOS", "Sicily", "Palermo", "Catania", "NonExisting"));
        assertEquals(
                "*[$Palermo, $3479099956230698, $Catania, $3479447370796909]",
                kv.call("ZRANGE", "Sicily", "0", "-1", "WITHSCORES"),
                "the scores are the 52-bit hashes");
    }

    @Test
    void georadiusAsDocumented() {
        assertEquals("*[$Catania]", kv.call("GEORADIUS", "Sicily", "15", "37", "100", "km"));
        assertEquals("*[$Palermo, $Catania]", kv.call("GEORADIUS", "Sicily", "15", "37", "200", "km"));
        assertEquals(
                "*[*[$Palermo, $190.4424], *[$Catania, $56.4413]]",
                kv.call("GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST"));
        assertEquals(
                "*[*[$Palermo, $190.4424, *[$13.36138933897018433, $38.11555639549629859]], "
                        + "*[$Catania, $56.4413, *[$15.08726745843887329, $37.50266842333162032]]]",
                kv.call("GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "WITHCOORD"));
        assertEquals(":1", kv.call("GEOADD", "Sicily", "13.583333", "37.316667", "Agrigento"));
        assertEquals("*[$Agrigento, $Palermo]", kv.call("GEORADIUSBYMEMBER", "Sicily", "Agrigento", "100", "km"));
    }

    @Test
    void geosearchAndGeosearchstoreAsDocumented() {
        kv.call("GEOADD", "Sicily", "12.758489", "38.788135", "edge1", "17.241510", "38.788135", "edge2");
        assertEquals(
                "*[$Catania, $Palermo]",
                kv.call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"));
        assertEquals(
                "*[*[$Catania, $56.4413, *[$15.08726745843887329, $37.50266842333162032]], "
                        + "*[$Palermo, $190.4424, *[$13.36138933897018433, $38.11555639549629859]], "
                        + "*[$edge2, $279.7403, *[$17.24151045083999634, $38.78813451624225195]], "
                        + "*[$edge1, $279.7405, *[$12.7584877610206604, $38.78813451624225195]]]",
                kv.call(
                        "GEOSEARCH",
                        "Sicily",
                        "FROMLONLAT",
                        "15",
                        "37",
                        "BYBOX",
                        "400",
                        "400",
                        "km",
                        "ASC",
                        "WITHCOORD",
                        "WITHDIST"));

        assertEquals(
                ":3",
                kv.call(
                        "GEOSEARCHSTORE",
                        "key1",
                        "Sicily",
                        "FROMLONLAT",
                        "15",
                        "37",
                        "BYBOX",
                        "400",
                        "400",
                        "km",
                        "ASC",
                        "COUNT",
                        "3"));
        assertEquals(
                "*[*[$Catania, $56.4413, :3479447370796909, *[$15.08726745843887329, $37.50266842333162032]], "
                        + "*[$Palermo, $190.4424, :3479099956230698, *[$13.36138933897018433, $38.11555639549629859]], "
                        + "*[$edge2, $279.7403, :3481342659049484, *[$17.24151045083999634, $38.78813451624225195]]]",
                kv.call(
                        "GEOSEARCH",
                        "key1",
                        "FROMLONLAT",
                        "15",
                        "37",
                        "BYBOX",
                        "400",
                        "400",
                        "km",
                        "ASC",
                        "WITHCOORD",
                        "WITHDIST",
                        "WITHHASH"));
        assertEquals(
                ":3",
                kv.call(
                        "GEOSEARCHSTORE",
                        "key2",
                        "Sicily",
                        "FROMLONLAT",
                        "15",
                        "37",
                        "BYBOX",
                        "400",
                        "400",
                        "km",
                        "ASC",
                        "COUNT",
                        "3",
                        "STOREDIST"));
        assertEquals(
                "*[$Catania, $56.4412578701582, $Palermo, $190.44242984775784, $edge2, $279.7403417843143]",
                kv.call("ZRANGE", "key2", "0", "-1", "WITHSCORES"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GEOADD Sicily 181 0 x|-ERR invalid longitude,latitude pair 181.000000,0.000000",
                "GEOADD Sicily 0 86 x|-ERR invalid longitude,latitude pair 0.000000,86.000000",
                "GEOADD Sicily NX XX 1 1 x|-ERR syntax error",
                "GEOADD Sicily 1 1 x 2|-ERR syntax error",
                "GEOADD Sicily a 1 x|-ERR value is not a valid float",
                "GEODIST Sicily Palermo Catania parsecs|-ERR unsupported unit provided. please use M, KM, FT, MI",
                "GEOSEARCH Sicily BYRADIUS 10 km ASC WITHDIST|-ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GEOSEARCH",
                "GEOSEARCH Sicily FROMMEMBER Palermo ASC WITHDIST WITHHASH|-ERR exactly one of BYRADIUS and BYBOX can be specified for GEOSEARCH",
                "GEOSEARCH Sicily FROMMEMBER Nowhere BYRADIUS 10 km|-ERR could not decode requested zset member",
                "GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS -1 km|-ERR radius cannot be negative",
                "GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS 10 km ANY|-ERR the ANY argument requires COUNT argument",
                "GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS 10 km COUNT 0|-ERR COUNT must be > 0",
                "GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS 10 km BYBOX 1 1 km|-ERR syntax error",
                "GEORADIUS Sicily 15 37 200 km WITHDIST STORE out|-ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options",
                "GEORADIUS_RO Sicily 15 37 200 km STORE out|-ERR syntax error",
                "GEOSEARCH nokey FROMLONLAT 15 37 BYRADIUS 200 km|*[]",
                "GEOSEARCHSTORE out nokey FROMLONLAT 15 37 BYRADIUS 200 km|:0",
                "GEOADD Sicily XX 1 1 newcomer|:0",
                "GEOADD Sicily CH 13.361389 38.115556 Palermo 1 1 newcomer|:1",
                "GEOADD Sicily 1 1|-ERR wrong number of arguments for 'geoadd' command",
            })
    void errorsAndEdgeCasesAsRedis(String command, String reply) {
        assertEquals(reply, kv.call(command.split(" ")));
    }

    @Test
    void wrongTypeIsRefusedAndAGeoSetIsASortedSet() {
        kv.call("SET", "plain", "x");
        assertEquals(
                "-WRONGTYPE Operation against a key holding the wrong kind of value",
                kv.call("GEOADD", "plain", "1", "1", "m"));
        assertEquals(
                "-WRONGTYPE Operation against a key holding the wrong kind of value", kv.call("GEOPOS", "plain", "m"));
        assertEquals(":2", kv.call("ZCARD", "Sicily"));
        assertEquals(":1", kv.call("ZREM", "Sicily", "Palermo"));
        assertEquals("*[*-1]", kv.call("GEOPOS", "Sicily", "Palermo"));
    }

    @Test
    void jedisGeoApi() {
        InetSocketAddress a = kv.address();
        try (RedisClient jedis = RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .build()) {
            assertEquals(166274.1516, jedis.geodist("Sicily", "Palermo", "Catania"), 1e-9);
            List<GeoCoordinate> pos = jedis.geopos("Sicily", "Catania", "Nowhere");
            assertEquals(15.087267458438873, pos.get(0).getLongitude(), 1e-12);
            assertNull(pos.get(1));
            List<GeoRadiusResponse> near = jedis.geosearch(
                    "Sicily",
                    new GeoSearchParam()
                            .fromLonLat(15, 37)
                            .byRadius(200, GeoUnit.KM)
                            .asc()
                            .withDist());
            assertEquals(
                    List.of("Catania", "Palermo"),
                    near.stream().map(GeoRadiusResponse::getMemberByString).toList());
            assertEquals(56.4413, near.get(0).getDistance(), 1e-9);
        }
    }
}
