package dev.minicloud.dns.internal.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class DnsNamesTest {

    @Test
    void parseAcceptsMissingFinalDotAndAnyCase() {
        assertEquals(Name.fromConstantString("www.example.com."), DnsNames.parse("WWW.Example.com"));
        assertEquals("www.example.com.", DnsNames.format(DnsNames.parse("WWW.Example.com.")));
    }

    @Test
    void octalEscapesAreOctalNotDecimal() {
        // \052 is '*' in Route 53's octal escapes; dnsjava would read it as decimal 52 ('4').
        Name wild = DnsNames.parse("\\052.example.com");
        assertEquals(Name.fromConstantString("*.example.com."), wild);
        assertEquals("\\052.example.com.", DnsNames.format(wild));
        assertEquals("\\052.example.com.", DnsNames.format(DnsNames.parse("*.example.com")));
    }

    @Test
    void otherSpecialCharactersAreOctalEscapedOnOutput() {
        assertEquals("a\\100b.example.", DnsNames.format(DnsNames.parse("a@b.example")));
        assertEquals("_sip._tcp.example.", DnsNames.format(DnsNames.parse("_sip._tcp.example")));
    }

    @Test
    void rootAndInvalidNames() {
        assertEquals(".", DnsNames.format(DnsNames.parse(".")));
        assertThrows(IllegalArgumentException.class, () -> DnsNames.parse("a..b"));
        assertThrows(IllegalArgumentException.class, () -> DnsNames.parse("x".repeat(64) + ".example"));
        assertThrows(IllegalArgumentException.class, () -> DnsNames.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> DnsNames.parse("bad name.example"));
    }
}
