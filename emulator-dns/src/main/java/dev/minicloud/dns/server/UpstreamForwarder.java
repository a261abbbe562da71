package dev.minicloud.dns.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * Forwards questions for names in no served zone to an upstream resolver ({@code --dns-upstream}),
 * over UDP with TCP fallback on truncation, with a timeout after which the caller answers SERVFAIL.
 */
final class UpstreamForwarder {
    private final SimpleResolver resolver;

    UpstreamForwarder(InetSocketAddress upstream, Duration timeout) {
        this.resolver = new SimpleResolver(upstream);
        this.resolver.setTimeout(timeout);
    }

    CompletionStage<Message> forward(Message query) {
        return resolver.sendAsync(query);
    }
}
