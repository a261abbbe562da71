package dev.minicloud.kv.internal.engine;

/** The logic of one command: reads {@link Call}'s arguments, works on the keyspace, writes one reply. */
@FunctionalInterface
public interface CommandHandler {
    void run(Call call);
}
