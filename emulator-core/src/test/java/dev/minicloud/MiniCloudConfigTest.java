package dev.minicloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.core.testservice.EchoServiceProvider;
import dev.minicloud.spi.ServiceProvider;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The configuration is a value: equal when built the same way, different when anything differs. */
class MiniCloudConfigTest {

    @Test
    void configurationsBuiltAlikeAreEqualValues() {
        ServiceProvider echo = new EchoServiceProvider();
        UnaryOperator<MiniCloud.Builder> same = b -> b.name("x")
                .region("eu-west-1")
                .setting("a", "1")
                .setting("b", "2")
                .credentials("k", "s")
                .addProvider(echo)
                .eventLoopThreads(1)
                .random(7);
        MiniCloudConfig one = same.apply(MiniCloud.builder()).build();
        MiniCloudConfig two = same.apply(MiniCloud.builder()).build();
        assertEquals(one, two);
        assertEquals(one.hashCode(), two.hashCode());
        assertEquals(one, one.toBuilder().build(), "a round trip through the builder keeps the value");
    }

    @Test
    void everyPartOfTheConfigurationTakesPartInEquality() {
        MiniCloud.Builder base = MiniCloud.builder();
        MiniCloudConfig plain = base.build();
        List<UnaryOperator<MiniCloud.Builder>> changes = List.of(
                b -> b.name("other"),
                b -> b.host("0.0.0.0"),
                b -> b.edgePort(4566),
                b -> b.port("kv", 6379),
                b -> b.services("s3"),
                b -> b.region("ap-south-1"),
                b -> b.credentials("k", "s"),
                b -> b.setting("s3-auth", "strict"),
                b -> b.clock(MutableClock.startingAt(Instant.EPOCH)),
                b -> b.eventLoopThreads(1),
                b -> b.random(1),
                b -> b.addProvider(new EchoServiceProvider()));
        for (UnaryOperator<MiniCloud.Builder> change : changes) {
            assertNotEquals(plain, change.apply(base.copy()).build());
        }
    }

    @Test
    void buildLeavesTheBuilderAsItWasAndTheValueNeverChanges() {
        MiniCloud.Builder b = MiniCloud.builder().setting("a", "1");
        MiniCloudConfig first = b.build();
        assertEquals(first, b.build(), "build() does not mutate the builder");
        b.setting("a", "2").credentials("k", "s");
        assertEquals("1", first.settings().get("a"), "the snapshot is not affected by later builder calls");
        assertEquals("test", first.accessKey());
        assertThrows(UnsupportedOperationException.class, () -> first.settings().put("b", "2"));
        assertThrows(
                UnsupportedOperationException.class, () -> first.credentials().put("b", "2"));
    }
}
