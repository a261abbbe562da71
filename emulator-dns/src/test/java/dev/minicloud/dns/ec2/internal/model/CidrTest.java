package dev.minicloud.dns.ec2.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesOnlyWellFormedIpv4Blocks() {
        assertEquals("10.0.0.0/16", Cidr.parse("10.0.0.0/16").toString());
        for (String bad : new String[] {
            "10.0.0.0",
            "10.0.0/16",
            "10.0.0.256/16",
            "10.0.0.0/33",
            "a.b.c.d/8",
            "10.0.0.0/",
            "10.0.0.0/-1",
            "1.2.3.4.5/8",
            "0010.0.0.0/8",
            "",
            "/"
        }) {
            assertNull(Cidr.parse(bad), bad);
        }
    }

    @Test
    void knowsNetworkAddressesContainmentAndOverlap() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertTrue(vpc.isNetworkAddress());
        assertFalse(Cidr.parse("10.0.0.1/16").isNetworkAddress());
        assertTrue(vpc.contains(Cidr.parse("10.0.255.0/24")));
        assertFalse(vpc.contains(Cidr.parse("10.1.0.0/24")));
        assertFalse(Cidr.parse("10.0.1.0/24").contains(vpc));
        assertTrue(Cidr.parse("10.0.1.0/24").overlaps(Cidr.parse("10.0.1.128/25")));
        assertFalse(Cidr.parse("10.0.1.0/24").overlaps(Cidr.parse("10.0.2.0/24")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("255.255.255.255/32")));
    }

    @Test
    void cutsDefaultSubnetsOutOfTheDefaultVpc() {
        Cidr vpc = Cidr.parse("172.31.0.0/16");
        assertEquals("172.31.0.0/20", vpc.subBlock(20, 0).toString());
        assertEquals("172.31.16.0/20", vpc.subBlock(20, 1).toString());
        assertEquals("172.31.80.0/20", vpc.subBlock(20, 5).toString());
        assertEquals(4096, vpc.subBlock(20, 0).size());
    }
}
