package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.VpcRef;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.SafeXmlReader;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What every Route 53 operation needs from a request: its body read with the hardened XML reader and
 * checked for the operation's root element, paging parameters, a VPC element, and the
 * {@code 200 text/xml} answer.
 */
final class Route53Requests {
    static final String CONTENT_TYPE = "text/xml";
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private final SafeXmlReader xml = new SafeXmlReader();

    /** Parses a request body whose root element must be {@code root}, as Route 53 insists. */
    XmlElement read(byte[] body, String root) {
        XmlElement e = xml.read(body);
        if (!e.name().equals(root)) {
            throw new AwsException(400, "MalformedInput", e.name() + " is not valid, expected " + root);
        }
        return e;
    }

    static VpcRef vpc(XmlElement vpc) {
        if (vpc == null) {
            throw Route53Errors.invalidInput("Invalid request: a VPC is required");
        }
        String id = trim(vpc.childText("VPCId"));
        String region = trim(vpc.childText("VPCRegion"));
        if (id == null || id.isEmpty()) {
            throw Route53Errors.invalidVpcId("The VPC ID is invalid: it is empty.");
        }
        if (region == null || region.isEmpty()) {
            throw Route53Errors.invalidInput("Invalid request: VPCRegion is required with VPCId " + id);
        }
        return new VpcRef(region, id);
    }

    static int maxItems(EdgeRequest request, int fallback) {
        return pageSize(request, "maxitems", fallback);
    }

    /** A page size parameter ({@code maxitems}, {@code maxresults}): 1 to {@code fallback}, default {@code fallback}. */
    static int pageSize(EdgeRequest request, String parameter, int fallback) {
        String v = request.queryParameter(parameter);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.min(n, fallback);
        } catch (NumberFormatException e) {
            throw Route53Errors.invalidInput(
                    "Invalid request: " + parameter + " must be a positive integer, got '" + v + "'");
        }
    }

    /**
     * Where a page starts: the {@code nexttoken} parameter, which we issue as an offset into a list of
     * {@code size} items; anything else (negative, past the end, not a number) is not a token of ours.
     */
    static int pageToken(EdgeRequest request, int size) {
        String token = request.queryParameter("nexttoken");
        if (token == null) {
            return 0;
        }
        try {
            int start = Integer.parseInt(token);
            if (start >= 0 && start <= size) {
                return start;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw Route53Errors.invalidPaginationToken();
    }

    /**
     * Where a {@code marker}-paged list starts: at the item whose id is the marker (the previous page's
     * {@code NextMarker}), or 0 without one; a marker that names no item is {@code InvalidInput}.
     */
    static <T> int markerStart(List<T> items, Function<T, String> id, String marker) {
        if (marker == null) {
            return 0;
        }
        for (int i = 0; i < items.size(); i++) {
            if (id.apply(items.get(i)).equals(marker)) {
                return i;
            }
        }
        throw Route53Errors.invalidInput("Invalid marker: " + marker);
    }

    /**
     * Answers a {@code marker}/{@code maxitems} list (ListHealthChecks, ListReusableDelegationSets): the
     * page from the marker's item, each item written by {@code item} inside {@code listElement}, then
     * {@code Marker}, {@code IsTruncated}, {@code NextMarker} and {@code MaxItems}.
     */
    static <T> void markerPage(
            EdgeRequest request,
            String root,
            String listElement,
            List<T> all,
            Function<T, String> id,
            int defaultMax,
            BiConsumer<XmlWriter, T> item) {
        int max = maxItems(request, defaultMax);
        String marker = request.queryParameter("marker");
        int start = markerStart(all, id, marker == null ? null : ZoneIds.bare(marker));
        int end = Math.min(all.size(), start + max);
        XmlWriter w = Route53Xml.document(root);
        w.start(listElement);
        all.subList(start, end).forEach(t -> item.accept(w, t));
        w.end();
        w.element("Marker", marker == null ? "" : marker);
        w.element("IsTruncated", end < all.size());
        if (end < all.size()) {
            w.element("NextMarker", id.apply(all.get(end)));
        }
        w.element("MaxItems", String.valueOf(max));
        ok(request, w);
    }

    static void ok(EdgeRequest request, XmlWriter w) {
        respond(request, HttpResponseStatus.OK, w, null);
    }

    /** Answers with a Route 53 document; {@code location} is set as the {@code Location} header if non-null. */
    static void respond(EdgeRequest request, HttpResponseStatus status, XmlWriter w, String location) {
        FullHttpResponse r =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(w.toBytes()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        // Route 53 names its request id header the way the AWS JSON/query services do.
        r.headers().set(REQUEST_ID_HEADER, request.requestId());
        if (location != null) {
            r.headers().set(HttpHeaderNames.LOCATION, location);
        }
        request.respond(r);
    }

    static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
