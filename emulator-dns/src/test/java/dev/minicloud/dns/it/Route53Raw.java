package dev.minicloud.dns.it;

import dev.minicloud.MiniCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Route 53 calls as plain HTTP, for fixtures of tests that then talk DNS or raw HTTP themselves. */
final class Route53Raw {
    static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Route53Raw() {}

    static HttpResponse<String> call(MiniCloud cloud, String method, String path, String body) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(cloud.endpoint() + path)).header("Content-Type", "text/xml");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a public zone and returns its id ({@code Z...}). */
    static String createZone(MiniCloud cloud, String name) {
        HttpResponse<String> r = call(
                cloud,
                "POST",
                "/2013-04-01/hostedzone",
                "<CreateHostedZoneRequest xmlns=\"" + NS + "\"><Name>" + name + "</Name><CallerReference>" + name
                        + "</CallerReference></CreateHostedZoneRequest>");
        Matcher m = Pattern.compile("<Id>/hostedzone/(Z[A-Z0-9]+)</Id>").matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("CreateHostedZone answered " + r.statusCode() + ": " + r.body());
        }
        return m.group(1);
    }

    /** A CREATE change for one record set. */
    static String create(String name, String type, String... values) {
        StringBuilder b = new StringBuilder("<Change><Action>CREATE</Action><ResourceRecordSet><Name>")
                .append(name)
                .append("</Name><Type>")
                .append(type)
                .append("</Type><TTL>60</TTL><ResourceRecords>");
        for (String v : values) {
            b.append("<ResourceRecord><Value>").append(v).append("</Value></ResourceRecord>");
        }
        return b.append("</ResourceRecords></ResourceRecordSet></Change>").toString();
    }

    /** Applies {@code changes} (concatenated {@link #create} elements) to a zone. */
    static void change(MiniCloud cloud, String zoneId, String changes) {
        HttpResponse<String> r = call(
                cloud,
                "POST",
                "/2013-04-01/hostedzone/" + zoneId + "/rrset",
                "<ChangeResourceRecordSetsRequest xmlns=\"" + NS + "\"><ChangeBatch><Changes>" + changes
                        + "</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ChangeResourceRecordSets answered " + r.statusCode() + ": " + r.body());
        }
    }
}
