package dev.minicloud.internal.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Host rule for a wildcard bind, which a wire test would have to expose on every interface to
 * show (the loopback rule is tested through the wire in {@code EdgeHardeningIT}).
 */
class AdminGuardTest {

    @Test
    void boundToAWildcardAddressIpLiteralsOnAnyPortAreAcceptedButNamesStillAreNot() {
        AdminGuard guard = new AdminGuard("0.0.0.0", () -> 4566, null);
        assertTrue(guard.isBoundHost("127.0.0.1:49153"), "a container's mapped port");
        assertTrue(guard.isBoundHost("192.168.1.20:4566"));
        assertTrue(guard.isBoundHost("[fe80::1]:4566"));
        assertTrue(guard.isBoundHost("localhost:49153"));
        assertFalse(guard.isBoundHost("attacker.example:4566"), "a DNS-rebound name");
        assertFalse(guard.isBoundHost("192.168.1.20"), "no port at all is not what a client of this port sends");
    }

    @Test
    void boundToOneAddressTheNameAndThePortMustBeOurs() {
        AdminGuard guard = new AdminGuard("10.0.0.5", () -> 4566, null);
        assertTrue(guard.isBoundHost("10.0.0.5:4566"));
        assertTrue(guard.isBoundHost("localhost:4566"));
        assertFalse(guard.isBoundHost("10.0.0.6:4566"));
        assertFalse(guard.isBoundHost("10.0.0.5:4567"));
        assertFalse(guard.isBoundHost(null));
    }
}
