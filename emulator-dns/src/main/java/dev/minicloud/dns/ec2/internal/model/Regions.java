package dev.minicloud.dns.ec2.internal.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regions EC2 lists and the availability zones of each: names as AWS has them, with zone ids in
 * AWS's {@code use1-az1} form. A region MiniCloud does not know (a test may name any) gets zones
 * {@code a} to {@code c}, so nothing breaks on a new region name.
 */
public final class Regions {
    /** Region to (short code, zone letters). */
    private static final Map<String, String[]> KNOWN = new LinkedHashMap<>();

    static {
        region("us-east-1", "use1", "abcdef");
        region("us-east-2", "use2", "abc");
        region("us-west-1", "usw1", "bc");
        region("us-west-2", "usw2", "abcd");
        region("ca-central-1", "cac1", "abd");
        region("sa-east-1", "sae1", "abc");
        region("eu-west-1", "euw1", "abc");
        region("eu-west-2", "euw2", "abc");
        region("eu-west-3", "euw3", "abc");
        region("eu-central-1", "euc1", "abc");
        region("eu-north-1", "eun1", "abc");
        region("eu-south-1", "eus1", "abc");
        region("ap-south-1", "aps1", "abc");
        region("ap-northeast-1", "apne1", "acd");
        region("ap-northeast-2", "apne2", "abcd");
        region("ap-northeast-3", "apne3", "abc");
        region("ap-southeast-1", "apse1", "abc");
        region("ap-southeast-2", "apse2", "abc");
        region("ap-east-1", "ape1", "abc");
        region("me-south-1", "mes1", "abc");
        region("af-south-1", "afs1", "abc");
    }

    private Regions() {}

    private static void region(String name, String code, String zones) {
        KNOWN.put(name, new String[] {code, zones});
    }

    /** One availability zone. */
    public record Zone(String name, String id, String region) {}

    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }

    public static List<Zone> zones(String region) {
        String[] known = KNOWN.get(region);
        String code = known != null ? known[0] : region.replace("-", "");
        String letters = known != null ? known[1] : "abc";
        List<Zone> zones = new ArrayList<>(letters.length());
        for (int i = 0; i < letters.length(); i++) {
            zones.add(new Zone(region + letters.charAt(i), code + "-az" + (i + 1), region));
        }
        return zones;
    }

    public static Zone zone(String region, String name) {
        for (Zone z : zones(region)) {
            if (z.name().equals(name) || z.id().equals(name)) {
                return z;
            }
        }
        return null;
    }
}
