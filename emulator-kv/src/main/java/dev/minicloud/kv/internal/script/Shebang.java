package dev.minicloud.kv.internal.script;

import dev.minicloud.kv.internal.engine.RespError;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The first line of an EVAL script when it starts with {@code #!}: the engine ({@code lua}, the only
 * one) and {@code flags=...}. A script without one runs in Redis' EVAL compatibility mode, where
 * flags do not apply (writes are then only refused by EVAL_RO). Errors are Redis' texts.
 *
 * @param compat no shebang: Redis' backwards-compatible mode
 * @param bodyOffset where the Lua code starts (the shebang line is dropped, its newline kept)
 */
record Shebang(Set<ScriptFlag> flags, boolean compat, int bodyOffset) {
    static Shebang parse(byte[] script) {
        if (script.length < 2 || script[0] != '#' || script[1] != '!') {
            return new Shebang(ScriptFlag.none(), true, 0);
        }
        int end = 0;
        while (end < script.length && script[end] != '\n') {
            end++;
        }
        String line = new String(script, 0, end, StandardCharsets.UTF_8);
        String[] parts = line.split(" ");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new RespError("ERR Invalid engine in script shebang");
        }
        if (!parts[0].equals("#!lua")) {
            throw new RespError("ERR Unexpected engine in script shebang: " + parts[0]);
        }
        Set<ScriptFlag> flags = ScriptFlag.none();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            if (!parts[i].startsWith("flags=")) {
                throw new RespError("ERR Unknown lua shebang option: " + parts[i]);
            }
            for (String f : parts[i].substring(6).split(",")) {
                if (f.isEmpty()) {
                    continue;
                }
                ScriptFlag flag = ScriptFlag.parse(f);
                if (flag == null) {
                    throw new RespError("ERR Unexpected flag in script shebang: " + f);
                }
                flags.add(flag);
            }
        }
        return new Shebang(flags, false, end);
    }
}
