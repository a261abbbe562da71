package dev.minicloud.dns.internal.zones;

import dev.minicloud.internal.aws.AwsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The CIDR collections of one MiniCloud instance (Route 53 IP-based routing), with Route 53's rules:
 * a name is unique per account (the same name and caller reference again returns the collection),
 * {@code CollectionVersion} guards changes, a block belongs to one location, IPv4 blocks are /0-/24
 * and IPv6 /0-/48, and a collection that still has locations or that record sets use cannot be
 * deleted. DNS queries read {@link #locationOf} without locking (collections are immutable values
 * in a concurrent map).
 */
public final class CidrCollectionRegistry {
    private final Random ids;
    private final Map<String, CidrCollection> collections = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();

    public CidrCollectionRegistry(Random ids) {
        this.ids = ids;
    }

    public record Created(CidrCollection collection, boolean created) {}

    public synchronized Created create(String account, String name, String callerReference) {
        for (CidrCollection c : collections.values()) {
            if (c.account().equals(account) && c.name().equals(name)) {
                if (c.callerReference().equals(callerReference)) {
                    return new Created(c, false);
                }
                throw new AwsException(
                        400,
                        "CidrCollectionAlreadyExistsException",
                        "A CIDR collection with the name " + name
                                + " and a different caller reference already exists in this account.");
            }
        }
        CidrCollection c = CidrCollection.create(newId(), account, name, callerReference);
        collections.put(c.id(), c);
        order.add(c.id());
        return new Created(c, true);
    }

    public CidrCollection get(String account, String id) {
        CidrCollection c = collections.get(id);
        if (c == null || !c.account().equals(account)) {
            throw new AwsException(
                    404, "NoSuchCidrCollectionException", "The CIDR collection " + id + " doesn't exist.");
        }
        return c;
    }

    public synchronized List<CidrCollection> list(String account) {
        List<CidrCollection> out = new ArrayList<>();
        for (String id : order) {
            CidrCollection c = collections.get(id);
            if (c.account().equals(account)) {
                out.add(c);
            }
        }
        return out;
    }

    /** One change of a ChangeCidrCollection batch. */
    public record LocationChange(String location, boolean put, List<String> cidrs) {}

    /**
     * Applies a batch whole or not at all; {@code inUse} says whether record sets use a location of the
     * collection (such a location may not be emptied).
     */
    /** The result of ChangeCidrCollection: the collection as changed and the change's id. */
    public record Changed(CidrCollection collection, String changeId) {}

    public synchronized Changed change(
            String account, String id, Long expectedVersion, List<LocationChange> changes, Predicate<String> inUse) {
        CidrCollection c = get(account, id);
        if (expectedVersion != null && expectedVersion != c.version()) {
            throw new AwsException(
                    409,
                    "CidrCollectionVersionMismatchException",
                    "The CIDR collection version you " + "provided, " + expectedVersion
                            + ", doesn't match the current version, " + c.version() + ".");
        }
        SortedMap<String, List<String>> work = new TreeMap<>();
        c.locations().forEach((k, v) -> work.put(k, new ArrayList<>(v)));
        Map<String, String> owner = new HashMap<>(); // normalized block -> its location
        work.forEach((loc, cidrs) -> cidrs.forEach(b -> owner.put(normalized(b), loc)));
        for (LocationChange ch : changes) {
            List<String> blocks = work.computeIfAbsent(ch.location(), l -> new ArrayList<>());
            for (String raw : ch.cidrs()) {
                String cidr = raw.trim(); // listed back as sent
                String key = normalized(cidr);
                if (ch.put()) {
                    String other = owner.get(key);
                    if (other != null && !other.equals(ch.location())) {
                        throw Route53Errors.invalidInput("Invalid request: the CIDR block " + cidr + " is already in "
                                + "location " + other + " of this collection");
                    }
                    if (other == null) {
                        blocks.add(cidr);
                        owner.put(key, ch.location());
                    }
                } else if (owner.get(key) != null && owner.get(key).equals(ch.location())) {
                    blocks.removeIf(b -> normalized(b).equals(key));
                    owner.remove(key);
                }
            }
            if (blocks.isEmpty()) {
                if (inUse.test(ch.location())) {
                    throw new AwsException(
                            400,
                            "CidrBlockInUseException",
                            "The CIDR blocks of location " + ch.location()
                                    + " can't all be deleted: record sets use the location.");
                }
                work.remove(ch.location());
            }
        }
        CidrCollection updated = c.withLocations(work);
        collections.put(id, updated);
        return new Changed(updated, ZoneIds.newId('C', ids));
    }

    public synchronized void delete(String account, String id, boolean usedByRecordSets) {
        CidrCollection c = get(account, id);
        if (!c.locations().isEmpty() || usedByRecordSets) {
            throw new AwsException(
                    400, "CidrCollectionInUseException", "The CIDR collection " + id + " is in use, or isn't empty.");
        }
        collections.remove(id);
        order.remove(id);
    }

    /** For DNS answers: the location of {@code client} in collection {@code id}, or {@code null}. */
    public String locationOf(String id, InetAddress client) {
        CidrCollection c = collections.get(id);
        return c == null || client == null ? null : c.locationOf(client);
    }

    public synchronized void reset() {
        collections.clear();
        order.clear();
    }

    /** A block as Route 53 stores it; not a network address, or wider than Route 53 allows, is {@code InvalidInput}. */
    static String normalized(String raw) {
        SubnetTable.Network n;
        try {
            n = SubnetTable.network(raw.trim());
        } catch (IllegalArgumentException e) {
            throw Route53Errors.invalidInput("Invalid request: " + raw + " is not a valid CIDR block");
        }
        int max = n.address().length == 4 ? 24 : 48;
        if (n.prefix() > max) {
            throw Route53Errors.invalidInput("Invalid request: the CIDR block " + raw + " is longer than /" + max
                    + ", the longest Route 53 accepts for " + (max == 24 ? "IPv4" : "IPv6"));
        }
        if (!n.isNetworkAddress()) {
            throw Route53Errors.invalidInput(
                    "Invalid request: " + raw + " is not a network address (bits are set " + "beyond the prefix)");
        }
        try {
            return InetAddress.getByAddress(n.address()).getHostAddress() + "/" + n.prefix();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }

    private String newId() {
        long hi = ids.nextLong() & ~0xF000L | 0x4000L;
        long lo = ids.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }
}
