package dev.minicloud.s3.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address ranges of IpAddress conditions: IPv4 and IPv6, prefixes on any bit, literals only. */
class CidrTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1/32,127.0.0.1,true",
        "127.0.0.1/32,127.0.0.2,false",
        "127.0.0.1,127.0.0.1,true",
        "10.0.0.0/8,10.255.1.2,true",
        "10.0.0.0/8,11.0.0.1,false",
        "192.168.4.0/22,192.168.7.255,true",
        "192.168.4.0/22,192.168.8.0,false",
        "0.0.0.0/0,203.0.113.9,true",
        "2001:db8::/32,2001:db8:ffff::1,true",
        "2001:db8::/32,2001:db9::1,false",
        "::1/128,::1,true",
        "::1,127.0.0.1,false",
        "127.0.0.0/8,::ffff:127.0.0.1,true",
        "2001:db8::/33,2001:db8:8000::1,false"
    })
    void rangesContainTheirAddresses(String range, String address, boolean expected) {
        assertEquals(expected, Cidr.parse(range).contains(Cidr.bytes(address)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "localhost",
                "example.com",
                "10.0.0.0/33",
                "::/129",
                "256.1.1.1",
                "10.0.0.0/",
                "10.0.0.0/x",
                "1.2.3",
                "10.0.0.0/0008"
            })
    void anythingButAnAddressLiteralWithAPrefixIsRefused(String text) {
        assertNull(Cidr.parse(text), text);
    }
}
