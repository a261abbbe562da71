package dev.minicloud.kv.internal.engine;

import dev.minicloud.spi.ValueParsers;
import java.util.Locale;

/**
 * Redis' {@code client-output-buffer-limit}: per client class a hard limit, a soft limit and how many
 * seconds the soft limit may be exceeded continuously, in Redis' syntax
 * ({@code normal 0 0 0 slave 256mb 64mb 60 pubsub 32mb 8mb 60}; a 0 means no limit). A client whose
 * pending replies reach either limit is disconnected, as in Redis. Replica limits are kept for
 * CONFIG GET/SET only (this server has no replicas). Immutable: CONFIG SET swaps the whole value.
 */
public record OutputBufferLimits(ClassLimit normal, ClassLimit replica, ClassLimit pubsub) {
    /** Redis' defaults. */
    public static final OutputBufferLimits DEFAULT = new OutputBufferLimits(
            new ClassLimit(0, 0, 0),
            new ClassLimit(256L * 1024 * 1024, 64L * 1024 * 1024, 60),
            new ClassLimit(32L * 1024 * 1024, 8L * 1024 * 1024, 60));

    /** One class's limits; bytes and seconds, 0 = none. */
    public record ClassLimit(long hardBytes, long softBytes, long softSeconds) {}

    /** The client classes Redis names in this parameter. */
    public enum ClientClass {
        NORMAL,
        REPLICA,
        PUBSUB
    }

    public ClassLimit of(ClientClass c) {
        return switch (c) {
            case NORMAL -> normal;
            case REPLICA -> replica;
            case PUBSUB -> pubsub;
        };
    }

    /**
     * Applies {@code <class> <hard> <soft> <soft-seconds>} groups to these limits, checking the whole
     * text first as Redis does (all or nothing); {@link IllegalArgumentException} with Redis' reason.
     */
    public OutputBufferLimits with(String text) {
        String[] parts = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        if (parts.length % 4 != 0) {
            throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
        }
        ClassLimit[] limits = {normal, replica, pubsub};
        for (int i = 0; i < parts.length; i += 4) {
            ClientClass c = className(parts[i]);
            if (c == null) {
                throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
            }
            try {
                long hard = ValueParsers.redisSize().parse(parts[i + 1]);
                long soft = ValueParsers.redisSize().parse(parts[i + 2]);
                long seconds = Long.parseLong(parts[i + 3]);
                if (seconds < 0) {
                    throw new NumberFormatException();
                }
                limits[c.ordinal()] = new ClassLimit(hard, soft, seconds);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException(
                        "Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
        }
        return new OutputBufferLimits(limits[0], limits[1], limits[2]);
    }

    private static ClientClass className(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> ClientClass.NORMAL;
            case "slave", "replica" -> ClientClass.REPLICA;
            case "pubsub" -> ClientClass.PUBSUB;
            default -> null;
        };
    }

    /** Redis' CONFIG GET spelling (replicas still as {@code slave}). */
    public String format() {
        return "normal " + group(normal) + " slave " + group(replica) + " pubsub " + group(pubsub);
    }

    private static String group(ClassLimit l) {
        return l.hardBytes + " " + l.softBytes + " " + l.softSeconds;
    }
}
