package dev.minicloud.kv.internal.engine;

import java.util.List;

/**
 * Finds a command's keys where its key specs cannot (Redis' {@code getkeys_proc}): SORT's STORE may
 * come anywhere, SET's key flags depend on its GET option. COMMAND GETKEYS and GETKEYSANDFLAGS use
 * it instead of the specs when a row has one.
 */
@FunctionalInterface
public interface KeyFinder {
    /** A key's argument position and its flags as GETKEYSANDFLAGS reports them ({@code "OW update"} as a list). */
    record Found(int position, List<String> flags) {}

    /** The keys of {@code argv[0..argc)} (argument 0 is the command name), in argument order. */
    List<Found> find(byte[][] argv, int argc);
}
