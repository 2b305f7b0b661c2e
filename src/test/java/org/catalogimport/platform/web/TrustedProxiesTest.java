package org.catalogimport.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The client-address rule: X-Forwarded-For only from trusted proxies, its right-most untrusted entry. */
class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8 ::1");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("127.0.0.1", TrustedProxies.none().clientAddress("127.0.0.1", List.of("192.0.2.7")));
        assertEquals("127.0.0.1", TrustedProxies.parse("").clientAddress("127.0.0.1", List.of("192.0.2.7")));
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertEquals("198.51.100.9", proxies.clientAddress("198.51.100.9", List.of("192.0.2.7")));
    }

    @Test
    void theRightMostUntrustedEntryIsTheClient() {
        // A client that writes its own header cannot choose: the proxy appended the real peer.
        assertEquals("192.0.2.7", proxies.clientAddress("127.0.0.1", List.of("203.0.113.66, 192.0.2.7")));
        assertEquals("192.0.2.7", proxies.clientAddress("127.0.0.1", List.of("203.0.113.66", "192.0.2.7, 10.1.2.3")));
    }

    @Test
    void aChainOfOnlyTrustedProxiesEndsAtItsLeftMostEntry() {
        assertEquals("10.0.0.5", proxies.clientAddress("127.0.0.1", List.of("10.0.0.5, 10.0.0.6")));
    }

    @Test
    void anEntryThatIsNotAnAddressStopsTheWalkAtTheLastKnownHop() {
        assertEquals("127.0.0.1", proxies.clientAddress("127.0.0.1", List.of("unknown")));
        assertEquals("10.0.0.6", proxies.clientAddress("127.0.0.1", List.of("evil.example, 10.0.0.6")));
    }

    @Test
    void noHeaderMeansThePeer() {
        assertEquals("127.0.0.1", proxies.clientAddress("127.0.0.1", List.of()));
    }

    @Test
    void rangesMatchByPrefixForIpv4AndIpv6() {
        assertTrue(proxies.trusts("10.255.0.1"));
        assertFalse(proxies.trusts("11.0.0.1"));
        assertTrue(proxies.trusts("0:0:0:0:0:0:0:1"));
        assertTrue(TrustedProxies.parse("192.0.2.0/24").trusts("::ffff:192.0.2.44"), "IPv4-mapped IPv6");
        assertTrue(TrustedProxies.parse("2001:db8::/32").trusts("2001:db8:1::5"));
        assertFalse(TrustedProxies.parse("2001:db8::/32").trusts("2001:db9::5"));
    }

    @Test
    void aHostNameOrABadRangeIsRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("proxy.internal"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("300.1.1.1"));
    }
}
