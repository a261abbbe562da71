package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.junit.MiniCloudExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sharded pub/sub: SSUBSCRIBE, SUNSUBSCRIBE, SPUBLISH, PUBSUB SHARDCHANNELS|SHARDNUMSUB and smessage pushes. */
class ShardedPubSubIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();
    /** Reset before each test: the keyspace, the script cache and the function libraries start empty. */
    @RegisterExtension
    final ResetKv kv = new ResetKv(CLOUD);

    @Test
    void shardChannelsCountApartFromClassicSubscriptions() {
        try (RawResp sub = new RawResp(kv.address());
                RawResp pub = new RawResp(kv.address())) {
            sub.send(RawResp.encode("SSUBSCRIBE", "ch1", "ch2"));
            assertEquals("*[$ssubscribe, $ch1, :1]", sub.read());
            assertEquals("*[$ssubscribe, $ch2, :2]", sub.read());
            assertEquals(":1", pub.call("SPUBLISH", "ch1", "hi"));
            assertEquals("*[$smessage, $ch1, $hi]", sub.read());
            assertEquals(":0", pub.call("PUBLISH", "ch1", "classic"));
            assertEquals("*[$ch1, :1, $x, :0]", pub.call("PUBSUB", "SHARDNUMSUB", "ch1", "x"));
            assertEquals("*[$ch1, $ch2]", pub.call("PUBSUB", "SHARDCHANNELS", "c*"));
            assertEquals("*[]", pub.call("PUBSUB", "CHANNELS"));
            assertEquals(
                    "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
                    sub.call("GET", "k"));
            assertEquals("*[$subscribe, $b, :1]", sub.call("SUBSCRIBE", "b"));
            sub.send(RawResp.encode("SUNSUBSCRIBE"));
            assertEquals("*[$sunsubscribe, $ch1, :1]", sub.read());
            assertEquals("*[$sunsubscribe, $ch2, :0]", sub.read());
            assertEquals("*[$sunsubscribe, $-1, :0]", sub.call("SUNSUBSCRIBE"));
            assertEquals("*[]", pub.call("PUBSUB", "SHARDCHANNELS"));
        }
    }

    @Test
    void resp3SubscribersGetSmessagePushes() {
        try (RawResp sub = new RawResp(kv.address());
                RawResp pub = new RawResp(kv.address())) {
            sub.call("HELLO", "3");
            assertEquals(">[$ssubscribe, $a, :1]", sub.call("SSUBSCRIBE", "a"));
            pub.call("SPUBLISH", "a", "hi");
            assertEquals(">[$smessage, $a, $hi]", sub.read());
            assertEquals("$v", sub.call("ECHO", "v"));
        }
    }

    @Test
    void lettuceReceivesShardMessages() throws Exception {
        RedisClient client = RedisClient.create(
                RedisURI.create(kv.address().getHostString(), kv.address().getPort()));
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
                StatefulRedisPubSubConnection<String, String> pub = client.connectPubSub()) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void smessage(String channel, String message) {
                    got.add(channel + "=" + message);
                }
            });
            sub.sync().ssubscribe("orders");
            assertEquals(1L, pub.sync().spublish("orders", "paid"));
            assertEquals("orders=paid", got.poll(10, TimeUnit.SECONDS));
        } finally {
            client.shutdown();
        }
    }
}
