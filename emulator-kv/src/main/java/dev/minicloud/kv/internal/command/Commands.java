package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.MemoryCommands;
import dev.minicloud.kv.internal.engine.ServerCommands;
import dev.minicloud.kv.internal.script.ScriptingCommands;

/** Builds the full command table: the server's own commands plus every data-type family. */
public final class Commands {
    private Commands() {}

    public static CommandTable standard() {
        CommandTable t = new CommandTable();
        ServerCommands.register(t);
        MemoryCommands.register(t);
        StringCommands.register(t);
        BitmapCommands.register(t);
        BitfieldCommands.register(t);
        KeyCommands.register(t);
        HashCommands.register(t);
        HashFieldCommands.register(t);
        ListCommands.register(t);
        SetCommands.register(t);
        ZSetCommands.register(t);
        StreamCommands.register(t);
        HyperLogLogCommands.register(t);
        GeoCommands.register(t);
        SortCommands.register(t);
        DumpCommands.register(t);
        ScriptingCommands.register(t);
        DebugCommands.register(t);
        return t;
    }
}
