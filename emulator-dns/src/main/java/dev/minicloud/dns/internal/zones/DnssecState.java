package dev.minicloud.dns.internal.zones;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DNSKEYRecord;

/**
 * A zone's DNSSEC: its key-signing keys, whether signing is enabled, and the zone-signing key Route 53
 * manages by itself (made with the first KSK). The zone is served signed when signing is enabled and
 * a KSK is active. Immutable; each change makes a new state in a new zone snapshot, so cached answers
 * of the old state are never served.
 */
public record DnssecState(boolean signing, List<KeySigningKey> keys, DNSKEYRecord zsk, PrivateKey zskPrivate) {
    public static final DnssecState NONE = new DnssecState(false, List.of(), null, null);
    /** Route 53 takes two key-signing keys per zone. */
    public static final int MAX_KEYS = 2;

    public DnssecState {
        keys = List.copyOf(keys);
    }

    public boolean serveSigned() {
        return signing && !active().isEmpty();
    }

    public List<KeySigningKey> active() {
        return keys.stream()
                .filter(k -> k.status() == KeySigningKey.Status.ACTIVE)
                .toList();
    }

    public KeySigningKey key(String name) {
        for (KeySigningKey k : keys) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    public DnssecState withKey(KeySigningKey key) {
        List<KeySigningKey> next = new ArrayList<>();
        boolean replaced = false;
        for (KeySigningKey k : keys) {
            if (k.name().equals(key.name())) {
                next.add(key);
                replaced = true;
            } else {
                next.add(k);
            }
        }
        if (!replaced) {
            next.add(key);
        }
        return new DnssecState(signing, next, zsk, zskPrivate);
    }

    public DnssecState withoutKey(String name) {
        return new DnssecState(
                signing, keys.stream().filter(k -> !k.name().equals(name)).toList(), zsk, zskPrivate);
    }

    public DnssecState withSigning(boolean on) {
        return new DnssecState(on, keys, zsk, zskPrivate);
    }

    public DnssecState withZsk(DNSKEYRecord key, PrivateKey privateKey) {
        return new DnssecState(signing, keys, key, privateKey);
    }
}
