package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.RespWriter;

/**
 * The elements of a reply too long to build in memory at once (SRANDMEMBER, HRANDFIELD and
 * ZRANDMEMBER with a huge negative count ask for up to 2^63 of them), handed to
 * {@link Call#stream} which writes them as the client reads.
 */
public interface ReplyStream {
    /** Writes the next element of the reply (one or more RESP values). */
    void writeNext(RespWriter w);

    /**
     * A stream that no longer reads the live keyspace, so that the rest of the reply is the one the
     * command would have given at once, whatever later commands of other clients change.
     */
    ReplyStream detach();
}
