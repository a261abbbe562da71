package dev.minicloud.kv.internal.engine;

import io.netty.channel.Channel;
import java.util.function.Predicate;

/**
 * Reads and answers other connections while the KV thread is inside a script that has run past
 * {@code busy-reply-threshold} (Redis' processEventsWhileBlocked): the server layer knows the
 * channels' I/O, the engine only asks for a round and says when the busy period is over.
 */
public interface EventsWhileBusy {
    /** For an engine without a network layer: nothing to serve. */
    EventsWhileBusy NONE = new EventsWhileBusy() {
        @Override
        public void poll(Predicate<Channel> skip) {}

        @Override
        public void end() {}
    };

    /** Accepts new connections and reads every readable one except those {@code skip} names; never blocks. */
    void poll(Predicate<Channel> skip);

    /** The busy period is over: the loop serves every connection again. */
    void end();
}
