package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.GeoLocationCatalog;
import dev.minicloud.dns.internal.zones.GeoLocationCatalog.Location;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlWriter;
import java.util.List;

/** GetGeoLocation and ListGeoLocations, from Route 53's catalog of supported locations. */
final class GeoLocationOperations {
    private final GeoLocationCatalog catalog = new GeoLocationCatalog();

    void get(EdgeRequest request) {
        Location l = catalog.find(
                request.queryParameter("continentcode"),
                request.queryParameter("countrycode"),
                request.queryParameter("subdivisioncode"));
        XmlWriter w = Route53Xml.document("GetGeoLocationResponse");
        details(w, l);
        Route53Requests.ok(request, w);
    }

    void list(EdgeRequest request) {
        int max = Route53Requests.maxItems(request, 100);
        List<Location> all = catalog.all();
        int start = catalog.indexOf(
                request.queryParameter("startcontinentcode"),
                request.queryParameter("startcountrycode"),
                request.queryParameter("startsubdivisioncode"));
        int end = Math.min(all.size(), start + max);
        XmlWriter w = Route53Xml.document("ListGeoLocationsResponse");
        w.start("GeoLocationDetailsList");
        all.subList(start, end).forEach(l -> details(w, l));
        w.end();
        w.element("IsTruncated", end < all.size());
        if (end < all.size()) {
            Location next = all.get(end);
            w.element("NextContinentCode", next.continentCode());
            w.element("NextCountryCode", next.countryCode());
            w.element("NextSubdivisionCode", next.subdivisionCode());
        }
        w.element("MaxItems", String.valueOf(max));
        Route53Requests.ok(request, w);
    }

    private static void details(XmlWriter w, Location l) {
        w.start("GeoLocationDetails");
        w.element("ContinentCode", l.continentCode());
        w.element("ContinentName", l.continentName());
        w.element("CountryCode", l.countryCode());
        w.element("CountryName", l.countryName());
        w.element("SubdivisionCode", l.subdivisionCode());
        w.element("SubdivisionName", l.subdivisionName());
        w.end();
    }
}
