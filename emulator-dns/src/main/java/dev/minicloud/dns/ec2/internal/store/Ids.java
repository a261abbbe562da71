package dev.minicloud.dns.ec2.internal.store;

import java.util.Random;

/** EC2's resource ids: a type prefix and 17 lowercase hex digits ({@code vpc-0a1b2c3d4e5f60718}). */
public final class Ids {
    private final Random random;

    public Ids(Random random) {
        this.random = random;
    }

    public synchronized String next(String prefix) {
        StringBuilder b = new StringBuilder(prefix.length() + 18).append(prefix).append('-');
        for (int i = 0; i < 17; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }
}
