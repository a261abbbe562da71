package dev.minicloud.kv.internal.acl;

import java.util.ArrayList;
import java.util.List;

/** What ACL GETUSER shows of a user: flags, password hashes, and per selector its commands, keys and channels. */
public record AclView(List<String> flags, List<String> passwords, Selector root, List<Selector> selectors) {
    /** One selector's rules as ACL GETUSER writes them. */
    public record Selector(String commands, String keys, String channels) {
        static Selector of(AclSelector s) {
            return new Selector(s.commandsDescription(), s.keysDescription(), s.channelsDescription());
        }
    }

    public static AclView of(AclUser u) {
        List<Selector> extra = new ArrayList<>();
        u.selectors().forEach(s -> extra.add(Selector.of(s)));
        return new AclView(u.flags(), u.passwordHashes(), Selector.of(u.root()), extra);
    }
}
