package dev.minicloud.kv.internal.script;

import java.util.EnumSet;
import java.util.Set;

/** The flags a script's shebang ({@code #!lua flags=no-writes,allow-oom}) or a function may declare. */
enum ScriptFlag {
    NO_WRITES("no-writes"),
    ALLOW_OOM("allow-oom"),
    ALLOW_STALE("allow-stale"),
    NO_CLUSTER("no-cluster"),
    ALLOW_CROSS_SLOT_KEYS("allow-cross-slot-keys");

    private final String text;

    ScriptFlag(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    static ScriptFlag parse(String s) {
        for (ScriptFlag f : values()) {
            if (f.text.equals(s)) {
                return f;
            }
        }
        return null;
    }

    static Set<ScriptFlag> none() {
        return EnumSet.noneOf(ScriptFlag.class);
    }
}
