package dev.minicloud.kv.internal.acl;

import dev.minicloud.kv.internal.engine.CommandFlag;
import dev.minicloud.kv.internal.engine.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ACL categories of a command, computed as Redis 7 does: the categories its {@code commands/*.json}
 * names explicitly (here: the data-type category of the command's group, or an entry of
 * {@link #EXPLICIT} where Redis names something else), plus the implicit ones Redis'
 * {@code setImplicitACLCategories} adds from the flags (write, read, admin + dangerous, pubsub, fast,
 * blocking, and slow for everything not fast). Container commands ({@code CONFIG}, {@code CLIENT})
 * name no categories of their own.
 */
public final class CommandCategories {
    /** The explicit categories of commands whose Redis definition names more or other than their group's. */
    private static final Map<String, List<AclCategory>> EXPLICIT = Map.ofEntries(
            Map.entry("asking", List.of(AclCategory.CONNECTION)),
            Map.entry("readonly", List.of(AclCategory.CONNECTION)),
            Map.entry("readwrite", List.of(AclCategory.CONNECTION)),
            Map.entry("wait", List.of(AclCategory.CONNECTION)),
            Map.entry("waitaof", List.of(AclCategory.CONNECTION)),
            Map.entry("dbsize", List.of(AclCategory.KEYSPACE)),
            Map.entry("flushall", List.of(AclCategory.KEYSPACE, AclCategory.DANGEROUS)),
            Map.entry("flushdb", List.of(AclCategory.KEYSPACE, AclCategory.DANGEROUS)),
            Map.entry("swapdb", List.of(AclCategory.KEYSPACE, AclCategory.DANGEROUS)),
            Map.entry("keys", List.of(AclCategory.KEYSPACE, AclCategory.DANGEROUS)),
            Map.entry("migrate", List.of(AclCategory.KEYSPACE, AclCategory.DANGEROUS)),
            Map.entry("restore", List.of(AclCategory.KEYSPACE, AclCategory.DANGEROUS)),
            Map.entry("restore-asking", List.of(AclCategory.KEYSPACE, AclCategory.DANGEROUS)),
            Map.entry("info", List.of(AclCategory.DANGEROUS)),
            Map.entry("lastsave", List.of(AclCategory.ADMIN, AclCategory.DANGEROUS)),
            Map.entry("role", List.of(AclCategory.ADMIN, AclCategory.DANGEROUS)),
            Map.entry("sort", List.of(AclCategory.SET, AclCategory.SORTEDSET, AclCategory.LIST, AclCategory.DANGEROUS)),
            Map.entry(
                    "sort_ro",
                    List.of(AclCategory.SET, AclCategory.SORTEDSET, AclCategory.LIST, AclCategory.DANGEROUS)));

    private CommandCategories() {}

    /** The category bits of {@code spec} (see {@link AclCategory#bit()}). */
    public static long bits(CommandSpec spec) {
        long bits = explicit(spec);
        if (spec.has(CommandFlag.WRITE)) {
            bits |= AclCategory.WRITE.bit();
        }
        // Redis keeps read-only scripting commands (EVAL_RO, FCALL_RO) out of @read
        if (spec.has(CommandFlag.READONLY) && (bits & AclCategory.SCRIPTING.bit()) == 0) {
            bits |= AclCategory.READ.bit();
        }
        if (spec.has(CommandFlag.ADMIN)) {
            bits |= AclCategory.ADMIN.bit() | AclCategory.DANGEROUS.bit();
        }
        if (spec.has(CommandFlag.PUBSUB)) {
            bits |= AclCategory.PUBSUB.bit();
        }
        if (spec.has(CommandFlag.FAST)) {
            bits |= AclCategory.FAST.bit();
        }
        if (spec.has(CommandFlag.BLOCKING)) {
            bits |= AclCategory.BLOCKING.bit();
        }
        if ((bits & AclCategory.FAST.bit()) == 0) {
            bits |= AclCategory.SLOW.bit();
        }
        return bits;
    }

    /** The category labels of {@code bits} with the {@code @} prefix, in Redis' order. */
    public static List<String> labels(long bits) {
        List<String> out = new ArrayList<>();
        for (AclCategory c : AclCategory.values()) {
            if ((bits & c.bit()) != 0) {
                out.add("@" + c.label());
            }
        }
        return out;
    }

    private static long explicit(CommandSpec spec) {
        String top = spec.fullName().contains("|")
                ? spec.fullName().substring(0, spec.fullName().indexOf('|'))
                : spec.fullName();
        if (top.equals("command")) {
            // COMMAND is the one container Redis runs itself, and it names @connection like its subcommands
            return AclCategory.CONNECTION.bit();
        }
        if (!spec.subcommands().isEmpty()) {
            return 0;
        }
        List<AclCategory> named = EXPLICIT.get(spec.fullName());
        if (named != null) {
            long bits = 0;
            for (AclCategory c : named) {
                bits |= c.bit();
            }
            return bits;
        }
        AclCategory byGroup = switch (spec.group()) {
            case "string" -> AclCategory.STRING;
            case "hash" -> AclCategory.HASH;
            case "list" -> AclCategory.LIST;
            case "set" -> AclCategory.SET;
            case "sorted-set" -> AclCategory.SORTEDSET;
            case "bitmap" -> AclCategory.BITMAP;
            case "hyperloglog" -> AclCategory.HYPERLOGLOG;
            case "geo" -> AclCategory.GEO;
            case "stream" -> AclCategory.STREAM;
            case "generic" -> AclCategory.KEYSPACE;
            case "connection" -> AclCategory.CONNECTION;
            case "transactions" -> AclCategory.TRANSACTION;
            case "scripting" -> AclCategory.SCRIPTING;
            default -> null;
        };
        return byGroup == null ? 0 : byGroup.bit();
    }
}
