package dev.minicloud.kv.internal.store;

/**
 * Redis' knobs of its approximated eviction: {@code maxmemory-samples} (candidates per database and
 * eviction), {@code lfu-log-factor} (how slowly the logarithmic access counter grows) and
 * {@code lfu-decay-time} (minutes per counter decrement, 0 = never). One instance per server,
 * changed by {@code CONFIG SET}; only the keyspace thread touches it.
 */
public final class EvictionTuning {
    int maxmemorySamples = 5;
    int lfuLogFactor = 10;
    int lfuDecayTime = 1;

    public void maxmemorySamples(int v) {
        maxmemorySamples = v;
    }

    public void lfuLogFactor(int v) {
        lfuLogFactor = v;
    }

    public void lfuDecayTime(int v) {
        lfuDecayTime = v;
    }

    public int maxmemorySamples() {
        return maxmemorySamples;
    }

    public int lfuLogFactor() {
        return lfuLogFactor;
    }

    public int lfuDecayTime() {
        return lfuDecayTime;
    }
}
