package dev.minicloud.kv.internal.server;

import dev.minicloud.kv.internal.engine.Client;
import dev.minicloud.kv.internal.engine.EventsWhileBusy;
import dev.minicloud.kv.internal.engine.KvEngine;
import io.netty.channel.Channel;
import io.netty.channel.nio.AbstractNioChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Serves connections while the KV thread is inside a busy script, the way Redis'
 * processEventsWhileBlocked does from its Lua hook. The thread cannot return to Netty's select
 * loop (the script's Java stack is on it, and a running LuaJ call cannot move to another thread),
 * so it selects itself: the NIO channels of the listener and of every connection are also
 * registered with a private {@link Selector} (NIO allows a channel in several selectors), and a
 * ready one is read through Netty's own read path ({@link AbstractNioChannel.NioUnsafe#read()}),
 * which decodes, runs the engine (answering BUSY or SCRIPT KILL) and writes replies inline, as the
 * caller is the channel's own event-loop thread. Accepting works the same way: the listener's read
 * registers the new child on this loop at once. The private selector is closed when the busy
 * period ends; Netty's selector then sees only what is left to read.
 */
final class BusyEventPoller implements EventsWhileBusy {
    private final KvEngine engine;
    private final Channel listener;
    private Selector selector;

    BusyEventPoller(KvEngine engine, Channel listener) {
        this.engine = engine;
        this.listener = listener;
    }

    @Override
    public void poll(Predicate<Channel> skip) {
        try {
            if (selector == null) {
                selector = Selector.open();
            }
            register(listener, SelectionKey.OP_ACCEPT);
            List<Channel> channels = new ArrayList<>();
            for (Client c : engine.clients()) {
                channels.add(c.channel());
            }
            for (Channel ch : channels) {
                // a connection whose reading is off (stalled by its unread replies) stays unread here too
                if (!skip.test(ch) && ch.config().isAutoRead()) {
                    register(ch, SelectionKey.OP_READ);
                }
            }
            if (selector.selectNow() == 0) {
                return;
            }
            List<Channel> ready = new ArrayList<>();
            for (SelectionKey k : selector.selectedKeys()) {
                ready.add((Channel) k.attachment());
            }
            selector.selectedKeys().clear();
            for (Channel ch : ready) {
                if (ch.isOpen() && ch.isRegistered()) {
                    ((AbstractNioChannel.NioUnsafe) ch.unsafe()).read();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void register(Channel ch, int ops) {
        SelectableChannel nio = ((AbstractNioChannel.NioUnsafe) ch.unsafe()).ch();
        if (!nio.isOpen() || nio.keyFor(selector) != null) {
            return;
        }
        try {
            nio.register(selector, ops, ch);
        } catch (ClosedChannelException e) {
            // closed since the check: nothing to read
        }
    }

    @Override
    public void end() {
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException e) {
                // the selector was private and is dropped either way
            } finally {
                selector = null;
            }
        }
    }
}
