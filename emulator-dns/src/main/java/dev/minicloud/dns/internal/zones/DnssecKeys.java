package dev.minicloud.dns.internal.zones;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;

/**
 * Makes the key pairs of signed zones: ECDSA P-256 with SHA-256 (algorithm 13), the only algorithm
 * Route 53 signs with, for the key-signing key (flags 257) and the zone-signing key (flags 256).
 * Keys come from a {@link SecureRandom}, not the instance's seeded random: a private key must not be
 * reproducible from a seed that tests print.
 */
final class DnssecKeys {
    static final int KSK_FLAGS = 257;
    static final int ZSK_FLAGS = 256;
    static final long DNSKEY_TTL = 3600;

    private final SecureRandom random = new SecureRandom();

    record Made(DNSKEYRecord dnskey, KeyPair pair) {}

    Made make(Name apex, int flags) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = g.generateKeyPair();
            DNSKEYRecord key = new DNSKEYRecord(
                    apex,
                    DClass.IN,
                    DNSKEY_TTL,
                    flags,
                    DNSKEYRecord.Protocol.DNSSEC,
                    DNSSEC.Algorithm.ECDSAP256SHA256,
                    pair.getPublic());
            return new Made(key, pair);
        } catch (GeneralSecurityException | DNSSEC.DNSSECException e) {
            // The JDK always has EC P-256 (SunEC); without it no zone can be signed at all.
            throw new IllegalStateException("ECDSA P-256 keys are not available in this JVM", e);
        }
    }
}
