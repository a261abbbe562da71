package dev.minicloud.dns.internal.zones;

import java.security.PrivateKey;
import java.time.Instant;
import org.xbill.DNS.DNSKEYRecord;

/**
 * A key-signing key of a hosted zone: Route 53's name for it, the KMS key ARN it was created with
 * (stored; the key pair itself is made locally, ECDSA P-256 as Route 53's), its status and the DNSKEY
 * it publishes. Immutable.
 */
public record KeySigningKey(
        String name,
        String kmsArn,
        Status status,
        Instant created,
        Instant lastModified,
        DNSKEYRecord dnskey,
        PrivateKey privateKey) {
    /** A key signs the zone's DNSKEY set only while ACTIVE. */
    public enum Status {
        ACTIVE,
        INACTIVE
    }

    public KeySigningKey withStatus(Status newStatus, Instant now) {
        return new KeySigningKey(name, kmsArn, newStatus, created, now, dnskey, privateKey);
    }
}
