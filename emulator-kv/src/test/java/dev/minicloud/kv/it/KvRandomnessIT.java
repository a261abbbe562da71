package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.minicloud.MiniCloud;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every random choice KV makes comes from the instance's seedable random
 * ({@code MiniCloud.builder().random(seed)}), so a fixed seed replays the same picks.
 */
class KvRandomnessIT {

    /** Fills a set, a hash and a keyspace, then records what the random commands pick. */
    private static List<String> picks(long seed) {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").random(seed).start();
                RawResp c = new RawResp(cloud.address("kv").orElseThrow())) {
            List<String> picked = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                c.call("SADD", "s", "m" + i);
                c.call("HSET", "h", "f" + i, "v" + i);
                c.call("ZADD", "z", Integer.toString(i), "z" + i);
            }
            for (int i = 0; i < 5; i++) {
                picked.add(c.call("SRANDMEMBER", "s"));
                picked.add(c.call("SRANDMEMBER", "s", "7"));
                picked.add(c.call("SRANDMEMBER", "s", "-7"));
                picked.add(c.call("HRANDFIELD", "h", "5", "WITHVALUES"));
                picked.add(c.call("ZRANDMEMBER", "z", "4"));
                picked.add(c.call("SPOP", "s"));
                picked.add(c.call("SPOP", "s", "3"));
                picked.add(c.call("RANDOMKEY"));
            }
            return picked;
        }
    }

    @Test
    void aFixedSeedReplaysTheSameRandomPicks() {
        assertEquals(picks(42), picks(42));
    }

    @Test
    void anotherSeedPicksOtherwise() {
        assertNotEquals(picks(42), picks(43));
    }
}
