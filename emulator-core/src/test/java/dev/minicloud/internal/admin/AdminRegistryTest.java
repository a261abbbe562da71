package dev.minicloud.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Paths with ids in them ({@code dns/health-checks/{id}}) reach a prefix endpoint; exact paths still win. */
class AdminRegistryTest {
    private final AdminEndpoint exact = call -> AdminResponse.ok("exact");
    private final AdminEndpoint byPrefix = call -> AdminResponse.ok("prefix");

    @Test
    void anExactPathWinsOverAPrefixAndThePrefixGetsTheRest() {
        AdminRegistry registry = new AdminRegistry();
        registry.register("dns/health-checks/probe-round", Set.of(HttpMethod.POST), exact);
        registry.registerPrefix("dns/health-checks/", Set.of(HttpMethod.POST), byPrefix);

        assertSame(exact, registry.find("dns/health-checks/probe-round").endpoint());
        assertEquals("", registry.subPath("dns/health-checks/probe-round"));
        assertSame(byPrefix, registry.find("dns/health-checks/abc-123").endpoint());
        assertEquals("abc-123", registry.subPath("dns/health-checks/abc-123"));
        assertNull(registry.find("dns/health-checks/"), "the bare prefix names nothing");
        assertNull(registry.find("dns/other"));
    }

    @Test
    void aPrefixMustEndInASlash() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AdminRegistry().registerPrefix("dns/health-checks", Set.of(HttpMethod.POST), byPrefix));
    }
}
