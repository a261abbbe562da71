package dev.minicloud.internal.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Locale;
import java.util.Set;

/**
 * Tells requests a web page made from those an SDK, CLI or test made. Browsers mark what they send
 * with {@code Origin} and {@code Sec-Fetch-Site}; SDKs and CLIs send neither. A page on another
 * origin can send "simple" requests (GET, or a POST with a form or {@code text/plain} body) without
 * any CORS preflight, so a local emulator reachable from the browser must refuse the writes among
 * them itself.
 */
public final class BrowserOrigin {
    /** Content types a page may POST cross-site without a preflight (the Fetch standard's list). */
    private static final Set<String> SIMPLE_CONTENT_TYPES =
            Set.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data");

    private static final Set<String> SAME_ORIGIN_FETCH_SITES = Set.of("same-origin", "none");

    private BrowserOrigin() {}

    /**
     * True when a browser says the request comes from another origin: an {@code Origin} that is not
     * this server's ({@code http://} + {@code Host}), or a {@code Sec-Fetch-Site} other than
     * {@code same-origin}/{@code none} (typed into the address bar).
     */
    public static boolean isCrossOrigin(HttpRequest head) {
        HttpHeaders h = head.headers();
        String origin = h.get(HttpHeaderNames.ORIGIN);
        if (origin != null) {
            String host = h.get(HttpHeaderNames.HOST);
            if (host == null || !origin.trim().equalsIgnoreCase("http://" + host.trim())) {
                return true;
            }
        }
        String site = h.get("Sec-Fetch-Site");
        return site != null && !SAME_ORIGIN_FETCH_SITES.contains(site.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * A cross-origin write a page could send without a preflight and without credentials: POST (or
     * PUT) with a form or {@code text/plain} body (or none), no {@code Authorization} header.
     * Signed requests, SDK and CLI traffic (no {@code Origin}) and CORS-preflighted requests with
     * other content types are left alone.
     */
    public static boolean isUnsignedCrossSiteSimpleWrite(HttpRequest head) {
        HttpMethod m = head.method();
        if (!m.equals(HttpMethod.POST) && !m.equals(HttpMethod.PUT)) {
            return false;
        }
        if (head.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
            return false;
        }
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null) {
            int semi = type.indexOf(';');
            String bare = (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
            if (!SIMPLE_CONTENT_TYPES.contains(bare)) {
                return false;
            }
        }
        return isCrossOrigin(head);
    }
}
