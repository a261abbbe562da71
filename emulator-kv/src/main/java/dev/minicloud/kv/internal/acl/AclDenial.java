package dev.minicloud.kv.internal.acl;

/** Why ACL refuses a command, and the argument at fault (the key or channel; 0 for the command itself). */
public record AclDenial(Reason reason, int argIndex) {
    /** In Redis' order of relevance (ACL_DENIED_CMD < KEY < AUTH < CHANNEL): the highest wins across selectors. */
    public enum Reason {
        COMMAND("command"),
        KEY("key"),
        AUTH("auth"),
        CHANNEL("channel");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** The {@code reason} field of an ACL LOG entry. */
        public String label() {
            return label;
        }
    }
}
