package dev.minicloud.kv.internal.engine;

/** The counters INFO stats reports; reset by {@code CONFIG RESETSTAT}. */
public final class Stats {
    long commands;
    long connections;
    long rejectedConnections;
    long hits;
    long misses;
    long pubsubMessages;
    long queryBufferLimitDisconnections;
    long outputBufferLimitDisconnections;
    /** Hash fields removed by their TTL (INFO's {@code expired_subkeys}). */
    long expiredSubkeys;

    void hit(boolean hit) {
        if (hit) {
            hits++;
        } else {
            misses++;
        }
    }

    void reset() {
        commands = 0;
        connections = 0;
        rejectedConnections = 0;
        hits = 0;
        misses = 0;
        pubsubMessages = 0;
        queryBufferLimitDisconnections = 0;
        outputBufferLimitDisconnections = 0;
        expiredSubkeys = 0;
    }
}
