package dev.minicloud.dns.internal.zones;

/** One entry of a {@code ChangeBatch}: what to do ({@code CREATE}, {@code DELETE}, {@code UPSERT}) with which set. */
public record Change(Action action, RecordSet recordSet) {

    /** The change actions Route 53 knows. */
    public enum Action {
        CREATE,
        DELETE,
        UPSERT
    }
}
