package dev.minicloud.kv.internal.acl;

import dev.minicloud.kv.internal.engine.CommandSpec;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.store.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One set of permissions of a user (Redis 7's selector): the commands it may run, the keys it may read
 * or write and the channels it may use. A user has a root selector plus any {@code (...)} selectors; a
 * command is allowed when one of them allows all of it.
 *
 * <p>The command rules are remembered as Redis 7.2 remembers them for {@code ACL LIST}: a base
 * ({@code +@all} or {@code -@all}, which also clear the history) followed by the later rules, a repeated
 * rule replacing its earlier occurrence.
 */
final class AclSelector {
    static final int READ = 1;
    static final int WRITE = 2;

    /** A key pattern and the access (READ, WRITE or both) it grants. */
    record KeyPattern(byte[] pattern, int access) {
        String describe() {
            String p = new String(pattern, StandardCharsets.UTF_8);
            return switch (access) {
                case READ -> "%R~" + p;
                case WRITE -> "%W~" + p;
                default -> "~" + p;
            };
        }
    }

    private final Set<CommandSpec> allowed = new HashSet<>();
    private final Map<CommandSpec, Set<String>> firstArgs = new HashMap<>();
    private boolean baseAll;
    private final List<String> rules = new ArrayList<>();
    private boolean allKeys;
    private final List<KeyPattern> keys = new ArrayList<>();
    private boolean allChannels;
    private final List<byte[]> channels = new ArrayList<>();

    AclSelector copy() {
        AclSelector s = new AclSelector();
        s.allowed.addAll(allowed);
        firstArgs.forEach((k, v) -> s.firstArgs.put(k, new HashSet<>(v)));
        s.baseAll = baseAll;
        s.rules.addAll(rules);
        s.allKeys = allKeys;
        s.keys.addAll(keys);
        s.allChannels = allChannels;
        s.channels.addAll(channels);
        return s;
    }

    /** Whether every command, key and channel is allowed: the one flag the hot path tests. */
    boolean unrestricted() {
        return baseAll && rules.isEmpty() && allKeys && allChannels;
    }

    /** Applies one selector rule; false when {@code op} is not a selector rule (a user flag, a password). */
    boolean apply(String op, CommandTable table) {
        String lower = op.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "allcommands", "+@all" -> {
                allCommands(table, true);
                return true;
            }
            case "nocommands", "-@all" -> {
                allCommands(table, false);
                return true;
            }
            case "allkeys", "~*" -> {
                allKeys = true;
                keys.clear();
                return true;
            }
            case "resetkeys" -> {
                allKeys = false;
                keys.clear();
                return true;
            }
            case "allchannels", "&*" -> {
                allChannels = true;
                channels.clear();
                return true;
            }
            case "resetchannels" -> {
                allChannels = false;
                channels.clear();
                return true;
            }
            default -> {}
        }
        char first = op.isEmpty() ? ' ' : op.charAt(0);
        if (first == '~' || first == '%') {
            addKeyPattern(op);
            return true;
        }
        if (first == '&') {
            if (allChannels) {
                throw new AclRuleException(AclRuleException.CHANNELS_AFTER_ALL);
            }
            channels.add(op.substring(1).getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (first == '+' || first == '-') {
            commandRule(lower.substring(1), first == '+', table);
            return true;
        }
        return false;
    }

    private void allCommands(CommandTable table, boolean allow) {
        allowed.clear();
        firstArgs.clear();
        rules.clear();
        baseAll = allow;
        if (allow) {
            for (CommandSpec s : table.all()) {
                allowed.add(s);
                allowed.addAll(s.subcommands().values());
            }
        }
    }

    private void addKeyPattern(String op) {
        int access = READ | WRITE;
        int offset = 1;
        if (op.charAt(0) == '%') {
            access = 0;
            for (; offset < op.length() && op.charAt(offset) != '~'; offset++) {
                char c = Character.toUpperCase(op.charAt(offset));
                if (c == 'R') {
                    access |= READ;
                } else if (c == 'W') {
                    access |= WRITE;
                } else {
                    throw new AclRuleException(AclRuleException.SYNTAX);
                }
            }
            if (access == 0 || offset == op.length()) {
                throw new AclRuleException(AclRuleException.SYNTAX);
            }
            offset++;
        }
        if (allKeys) {
            throw new AclRuleException(AclRuleException.KEYS_AFTER_ALL);
        }
        String pattern = op.substring(offset);
        if (access == (READ | WRITE) && pattern.equals("*")) {
            allKeys = true;
            keys.clear();
            return;
        }
        byte[] bytes = pattern.getBytes(StandardCharsets.UTF_8);
        // the same pattern again widens its access, as Redis merges %R~p and %W~p into ~p
        for (int i = 0; i < keys.size(); i++) {
            if (Arrays.equals(keys.get(i).pattern(), bytes)) {
                keys.set(i, new KeyPattern(bytes, keys.get(i).access() | access));
                return;
            }
        }
        keys.add(new KeyPattern(bytes, access));
    }

    private void commandRule(String name, boolean allow, CommandTable table) {
        if (name.startsWith("@")) {
            AclCategory cat = AclCategory.byLabel(name.substring(1));
            if (cat == null) {
                throw new AclRuleException(AclRuleException.UNKNOWN);
            }
            for (CommandSpec s : table.all()) {
                byCategory(s, cat.bit(), allow);
                for (CommandSpec sub : s.subcommands().values()) {
                    byCategory(sub, cat.bit(), allow);
                }
            }
            rule(name, allow);
            return;
        }
        int bar = name.indexOf('|');
        if (bar < 0) {
            CommandSpec spec = table.lookup(name);
            if (spec == null) {
                throw new AclRuleException(AclRuleException.UNKNOWN);
            }
            set(spec, allow);
            spec.subcommands().values().forEach(sub -> set(sub, allow));
            rule(name, allow);
            return;
        }
        CommandSpec parent = table.lookup(name.substring(0, bar));
        String rest = name.substring(bar + 1);
        if (parent == null || rest.isEmpty()) {
            throw new AclRuleException(AclRuleException.UNKNOWN);
        }
        if (!parent.subcommands().isEmpty()) {
            CommandSpec sub = parent.subcommands().get(rest);
            if (sub == null) {
                throw new AclRuleException(
                        rest.contains("|") ? AclRuleException.FIRST_ARG_OF_SUB : AclRuleException.UNKNOWN);
            }
            set(sub, allow);
            rule(name, allow);
            return;
        }
        // the deprecated first-argument rule (+select|0): only ever adds, one level deep
        if (!allow || rest.contains("|")) {
            throw new AclRuleException(AclRuleException.UNKNOWN);
        }
        if (!allowed.contains(parent)) {
            firstArgs.computeIfAbsent(parent, k -> new HashSet<>()).add(rest);
        }
        rule(name, true);
    }

    private void byCategory(CommandSpec s, long bit, boolean allow) {
        if ((s.aclCategoryBits() & bit) != 0) {
            set(s, allow);
        }
    }

    private void set(CommandSpec s, boolean allow) {
        firstArgs.remove(s);
        if (allow) {
            allowed.add(s);
        } else {
            allowed.remove(s);
        }
    }

    /** Redis 7.2's ACLUpdateCommandRules: drops earlier rules for the name (and its subcommands), appends this one. */
    private void rule(String name, boolean allow) {
        rules.removeIf(r -> r.substring(1).equals(name) || r.substring(1).startsWith(name + "|"));
        rules.add((allow ? "+" : "-") + name);
    }

    // ---- checks -------------------------------------------------------------------------------

    boolean allowsCommand(CommandSpec spec, byte[][] args, int argc) {
        if (allowed.contains(spec)) {
            return true;
        }
        Set<String> first = firstArgs.get(spec);
        return first != null
                && argc > 1
                && first.contains(new String(args[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    boolean allowsKey(byte[] key, int access) {
        if (allKeys) {
            return true;
        }
        for (KeyPattern p : keys) {
            if ((p.access() & access) == access && Glob.match(p.pattern(), key, false)) {
                return true;
            }
        }
        return false;
    }

    /** A channel, or for PSUBSCRIBE a pattern (which must equal an allowed pattern, as in Redis). */
    boolean allowsChannel(byte[] channel, boolean isPattern) {
        if (allChannels) {
            return true;
        }
        for (byte[] p : channels) {
            if (isPattern ? Arrays.equals(p, channel) : Glob.match(p, channel, false)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every key is allowed ({@code allkeys}): the key checks are skipped. */
    boolean allKeys() {
        return allKeys;
    }

    // ---- descriptions -------------------------------------------------------------------------

    String commandsDescription() {
        StringBuilder b = new StringBuilder(baseAll ? "+@all" : "-@all");
        for (String r : rules) {
            b.append(' ').append(r);
        }
        return b.toString();
    }

    String keysDescription() {
        if (allKeys) {
            return "~*";
        }
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(k.describe()));
        return String.join(" ", out);
    }

    String channelsDescription() {
        if (allChannels) {
            return "&*";
        }
        List<String> out = new ArrayList<>();
        channels.forEach(c -> out.add("&" + new String(c, StandardCharsets.UTF_8)));
        return String.join(" ", out);
    }

    /** The selector as ACL LIST writes it: keys, channels (resetchannels first unless all), commands. */
    String describe() {
        List<String> parts = new ArrayList<>();
        String k = keysDescription();
        if (!k.isEmpty()) {
            parts.add(k);
        }
        if (allChannels) {
            parts.add("&*");
        } else {
            parts.add("resetchannels");
            String ch = channelsDescription();
            if (!ch.isEmpty()) {
                parts.add(ch);
            }
        }
        parts.add(commandsDescription());
        return String.join(" ", parts);
    }
}
