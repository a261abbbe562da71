package dev.minicloud.kv.internal.acl;

import dev.minicloud.kv.internal.engine.CommandSpec;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeyFinder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Redis ACL user: on/off, passwords (kept as SHA-256 hex, as Redis keeps them), {@code nopass}, and
 * its selectors. {@code ACL SETUSER} applies its rules to a copy and takes them over only when all
 * parse, so a rule list that fails halfway leaves the user as it was (as in Redis).
 */
public final class AclUser {
    /** Payload sanitization flag (RESTORE); only stored and reported. */
    enum Sanitize {
        DEFAULT,
        SANITIZE,
        SKIP
    }

    private final String name;
    private boolean enabled;
    private boolean nopass;
    private Sanitize sanitize = Sanitize.DEFAULT;
    private final Set<String> passwords = new LinkedHashSet<>();
    private AclSelector root = new AclSelector();
    private final List<AclSelector> selectors = new ArrayList<>();
    private boolean unrestricted;

    AclUser(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Whether this user may run everything ({@code +@all ~* &*} in the root selector): the only test a
     * command pays for such a user.
     */
    public boolean unrestricted() {
        return unrestricted;
    }

    /** Whether {@code password} opens this user (it must also be on). */
    public boolean accepts(byte[] password) {
        if (!enabled) {
            return false;
        }
        if (nopass) {
            return true;
        }
        String hash = sha256(password);
        boolean found = false;
        for (String p : passwords) {
            // compare every stored hash without stopping early, as Redis' time-independent compare
            found |= MessageDigest.isEqual(
                    p.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
        }
        return found;
    }

    public boolean nopass() {
        return nopass;
    }

    AclUser copy(String newName) {
        AclUser u = new AclUser(newName);
        u.enabled = enabled;
        u.nopass = nopass;
        u.sanitize = sanitize;
        u.passwords.addAll(passwords);
        u.root = root.copy();
        selectors.forEach(s -> u.selectors.add(s.copy()));
        u.unrestricted = unrestricted;
        return u;
    }

    /** Takes every setting of {@code from} (an edited copy of this user). */
    void assign(AclUser from) {
        enabled = from.enabled;
        nopass = from.nopass;
        sanitize = from.sanitize;
        passwords.clear();
        passwords.addAll(from.passwords);
        root = from.root;
        selectors.clear();
        selectors.addAll(from.selectors);
        unrestricted = from.unrestricted;
    }

    /** Applies one {@code ACL SETUSER} rule (a {@code (...)} selector comes whole, parentheses included). */
    void apply(String op, CommandTable table) {
        if (op.isEmpty()) {
            return;
        }
        if (op.startsWith("(") && op.endsWith(")")) {
            AclSelector s = new AclSelector();
            for (String part : op.substring(1, op.length() - 1).split(" ")) {
                if (!part.isEmpty() && !s.apply(part, table)) {
                    throw new AclRuleException(AclRuleException.SYNTAX);
                }
            }
            selectors.add(s);
        } else if (!root.apply(op, table)) {
            userRule(op, table);
        }
        unrestricted = root.unrestricted();
    }

    private void userRule(String op, CommandTable table) {
        char first = op.charAt(0);
        switch (op.toLowerCase(Locale.ROOT)) {
            case "on" -> enabled = true;
            case "off" -> enabled = false;
            case "nopass" -> {
                nopass = true;
                passwords.clear();
            }
            case "resetpass" -> {
                nopass = false;
                passwords.clear();
            }
            case "sanitize-payload" -> sanitize = Sanitize.SANITIZE;
            case "skip-sanitize-payload" -> sanitize = Sanitize.SKIP;
            case "clearselectors" -> selectors.clear();
            case "reset" -> {
                for (String r : List.of("resetpass", "resetkeys", "resetchannels", "off", "clearselectors", "-@all")) {
                    apply(r, table);
                }
                sanitize = Sanitize.SANITIZE; // Redis' reset includes sanitize-payload
            }
            default -> {
                if (first == '>') {
                    passwords.add(sha256(op.substring(1).getBytes(StandardCharsets.UTF_8)));
                    nopass = false;
                } else if (first == '<') {
                    if (!passwords.remove(sha256(op.substring(1).getBytes(StandardCharsets.UTF_8)))) {
                        throw new AclRuleException(AclRuleException.NO_SUCH_PASSWORD);
                    }
                } else if (first == '#') {
                    passwords.add(validHash(op.substring(1)));
                    nopass = false;
                } else if (first == '!') {
                    if (!passwords.remove(validHash(op.substring(1)))) {
                        throw new AclRuleException(AclRuleException.NO_SUCH_PASSWORD);
                    }
                } else {
                    throw new AclRuleException(AclRuleException.SYNTAX);
                }
            }
        }
    }

    private static String validHash(String h) {
        if (h.length() != 64) {
            throw new AclRuleException(AclRuleException.BAD_HASH);
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                throw new AclRuleException(AclRuleException.BAD_HASH);
            }
        }
        return h;
    }

    static String sha256(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    // ---- checks -------------------------------------------------------------------------------

    /**
     * Why this user may not run the command (the most relevant denial over its selectors, as Redis
     * picks it), or null when one selector allows it all.
     */
    public AclDenial check(CommandSpec spec, byte[][] args, int argc) {
        if (unrestricted) {
            return null;
        }
        AclDenial worst = checkSelector(root, spec, args, argc);
        if (worst == null) {
            return null;
        }
        for (AclSelector s : selectors) {
            AclDenial d = checkSelector(s, spec, args, argc);
            if (d == null) {
                return null;
            }
            if (d.reason().ordinal() > worst.reason().ordinal()
                    || (d.reason() == worst.reason() && d.argIndex() > worst.argIndex())) {
                worst = d;
            }
        }
        return worst;
    }

    /** Whether this user may use {@code channel} (pattern: literally) at all; for dropping subscriptions. */
    public boolean allowsChannel(byte[] channel, boolean pattern) {
        if (root.allowsChannel(channel, pattern)) {
            return true;
        }
        for (AclSelector s : selectors) {
            if (s.allowsChannel(channel, pattern)) {
                return true;
            }
        }
        return false;
    }

    private static AclDenial checkSelector(AclSelector s, CommandSpec spec, byte[][] args, int argc) {
        if (!s.allowsCommand(spec, args, argc)) {
            return new AclDenial(AclDenial.Reason.COMMAND, 0);
        }
        if (!s.allKeys()) {
            for (KeyFinder.Found k : spec.keysOf(args, argc)) {
                if (!s.allowsKey(args[k.position()], access(k.flags()))) {
                    return new AclDenial(AclDenial.Reason.KEY, k.position());
                }
            }
        }
        switch (spec.fullName()) {
            case "publish", "spublish" -> {
                if (argc > 1 && !s.allowsChannel(args[1], false)) {
                    return new AclDenial(AclDenial.Reason.CHANNEL, 1);
                }
            }
            case "subscribe", "ssubscribe", "psubscribe" -> {
                boolean pattern = spec.fullName().equals("psubscribe");
                for (int i = 1; i < argc; i++) {
                    if (!s.allowsChannel(args[i], pattern)) {
                        return new AclDenial(AclDenial.Reason.CHANNEL, i);
                    }
                }
            }
            default -> {}
        }
        return null;
    }

    /**
     * The permission a key needs by its key-spec flags, as Redis' ACLSelectorCheckKey maps them:
     * read for {@code access}, write for {@code insert}, {@code delete} and {@code update}; a key
     * with none of them ({@code EXISTS}, {@code TYPE}) needs only a pattern that matches it.
     */
    private static int access(List<String> flags) {
        int access = 0;
        for (String f : flags) {
            switch (f) {
                case "access" -> access |= AclSelector.READ;
                case "insert", "delete", "update" -> access |= AclSelector.WRITE;
                default -> {}
            }
        }
        return access;
    }

    // ---- descriptions -------------------------------------------------------------------------

    List<String> flags() {
        List<String> f = new ArrayList<>();
        f.add(enabled ? "on" : "off");
        if (nopass) {
            f.add("nopass");
        }
        if (sanitize == Sanitize.SANITIZE) {
            f.add("sanitize-payload");
        } else if (sanitize == Sanitize.SKIP) {
            f.add("skip-sanitize-payload");
        }
        return f;
    }

    List<String> passwordHashes() {
        return new ArrayList<>(passwords);
    }

    AclSelector root() {
        return root;
    }

    List<AclSelector> selectors() {
        return selectors;
    }

    /** The ACL LIST line: {@code user alice on #... ~keys resetchannels &ch -@all +get (selector...)}. */
    public String describe() {
        StringBuilder b = new StringBuilder("user ").append(name);
        for (String f : flags()) {
            b.append(' ').append(f);
        }
        for (String p : passwords) {
            b.append(" #").append(p);
        }
        b.append(' ').append(root.describe());
        for (AclSelector s : selectors) {
            b.append(" (").append(s.describe()).append(')');
        }
        return b.toString();
    }
}
