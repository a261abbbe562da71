package dev.minicloud.dns.ec2.internal.model;

/**
 * An IPv4 CIDR block as EC2 takes it: {@code a.b.c.d/n}. EC2 keeps the block as written only when
 * it is already the network address; otherwise it refuses it, which {@link #parse} leaves to the
 * caller (it reports {@link #isNetworkAddress()}).
 */
public record Cidr(int address, int prefix) {

    /** Parses {@code a.b.c.d/n}; {@code null} when it is not an IPv4 CIDR at all. */
    public static Cidr parse(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        Integer prefix = number(text.substring(slash + 1), 32);
        String[] octets = text.substring(0, slash).split("\\.", -1);
        if (prefix == null || octets.length != 4) {
            return null;
        }
        int address = 0;
        for (String o : octets) {
            Integer v = number(o, 255);
            if (v == null) {
                return null;
            }
            address = (address << 8) | v;
        }
        return new Cidr(address, prefix);
    }

    private static Integer number(String s, int max) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int v = Integer.parseInt(s);
        return v > max ? null : v;
    }

    private int mask() {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public boolean isNetworkAddress() {
        return (address & mask()) == address;
    }

    /** Whether {@code other} lies wholly inside this block. */
    public boolean contains(Cidr other) {
        return other.prefix >= prefix && (other.address & mask()) == (address & mask());
    }

    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** Addresses in the block. */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** The {@code index}-th block of {@code newPrefix} inside this one (for default subnets). */
    public Cidr subBlock(int newPrefix, int index) {
        return new Cidr((address & mask()) + index * (1 << (32 - newPrefix)), newPrefix);
    }

    @Override
    public String toString() {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF) + "/" + prefix;
    }
}
