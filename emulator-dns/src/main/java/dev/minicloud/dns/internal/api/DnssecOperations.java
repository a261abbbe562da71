package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.ChangeInfo;
import dev.minicloud.dns.internal.zones.DnssecState;
import dev.minicloud.dns.internal.zones.KeySigningKey;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Base64;
import java.util.HexFormat;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;

/**
 * Route 53's DNSSEC operations: Create/Activate/Deactivate/DeleteKeySigningKey,
 * Enable/DisableHostedZoneDNSSEC and GetDNSSEC. The DNS server signs a zone's answers while signing is
 * enabled and a key is active.
 */
final class DnssecOperations {
    private final ZoneRegistry zones;
    private final Route53Requests requests;

    DnssecOperations(ZoneRegistry zones, Route53Requests requests) {
        this.zones = zones;
        this.requests = requests;
    }

    void createKey(EdgeRequest request, String account, byte[] body) {
        XmlElement root = requests.read(body, "CreateKeySigningKeyRequest");
        String callerReference = Route53Requests.trim(root.childText("CallerReference"));
        if (callerReference == null || callerReference.isEmpty() || callerReference.length() > 128) {
            throw Route53Errors.validation(
                    callerReference, "callerReference", "Member must have length between 1 and 128");
        }
        String zoneId = Route53Requests.trim(root.childText("HostedZoneId"));
        if (zoneId == null || zoneId.isEmpty()) {
            throw Route53Errors.validation(null, "hostedZoneId", "Member must not be null");
        }
        String name = Route53Requests.trim(root.childText("Name"));
        KeySigningKey.Status status = status(Route53Requests.trim(root.childText("Status")));
        ChangeInfo change = zones.createKeySigningKey(
                account,
                ZoneIds.bare(zoneId),
                name,
                Route53Requests.trim(root.childText("KeyManagementServiceArn")),
                status);
        ZoneSnapshot z = zones.zone(account, ZoneIds.bare(zoneId));
        XmlWriter w = Route53Xml.document("CreateKeySigningKeyResponse");
        Route53Xml.changeInfo(w, change);
        key(w, z.zone().dnssec().key(name), "KeySigningKey");
        Route53Requests.respond(
                request,
                HttpResponseStatus.CREATED,
                w,
                "https://route53.amazonaws.com/2013-04-01/" + "keysigningkey/"
                        + z.zone().id() + "/" + name);
    }

    void setKeyStatus(EdgeRequest request, String account, String zoneId, String name, boolean activate) {
        ChangeInfo change = zones.setKeySigningKeyStatus(
                account,
                ZoneIds.bare(zoneId),
                name,
                activate ? KeySigningKey.Status.ACTIVE : KeySigningKey.Status.INACTIVE);
        changeResponse(request, activate ? "ActivateKeySigningKeyResponse" : "DeactivateKeySigningKeyResponse", change);
    }

    void deleteKey(EdgeRequest request, String account, String zoneId, String name) {
        changeResponse(
                request, "DeleteKeySigningKeyResponse", zones.deleteKeySigningKey(account, ZoneIds.bare(zoneId), name));
    }

    void setSigning(EdgeRequest request, String account, String zoneId, boolean on) {
        ChangeInfo change = zones.setDnssecSigning(account, ZoneIds.bare(zoneId), on);
        changeResponse(request, on ? "EnableHostedZoneDNSSECResponse" : "DisableHostedZoneDNSSECResponse", change);
    }

    void get(EdgeRequest request, String account, String zoneId) {
        DnssecState state = zones.zone(account, ZoneIds.bare(zoneId)).zone().dnssec();
        XmlWriter w = Route53Xml.document("GetDNSSECResponse");
        w.start("Status");
        w.element("ServeSignature", state.serveSigned() ? "SIGNING" : "NOT_SIGNING");
        w.end();
        w.start("KeySigningKeys");
        state.keys().forEach(k -> key(w, k, "member")); // this list's members are unnamed in Route 53's model
        w.end();
        Route53Requests.ok(request, w);
    }

    private static void changeResponse(EdgeRequest request, String root, ChangeInfo change) {
        XmlWriter w = Route53Xml.document(root);
        Route53Xml.changeInfo(w, change);
        Route53Requests.ok(request, w);
    }

    private static KeySigningKey.Status status(String text) {
        try {
            return KeySigningKey.Status.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Route53Errors.dnssec(
                    400,
                    "InvalidKeySigningKeyStatus",
                    "The key-signing key (KSK) status isn't "
                            + "valid or another KSK has the status INTERNAL_FAILURE.");
        }
    }

    /** A key as Route 53 describes it: its DNSKEY and the DS record a parent zone needs, in presentation format. */
    private static void key(XmlWriter w, KeySigningKey k, String element) {
        DNSKEYRecord dnskey = k.dnskey();
        DSRecord ds = new DSRecord(dnskey.getName(), DClass.IN, dnskey.getTTL(), DNSSEC.Digest.SHA256, dnskey);
        w.start(element);
        w.element("Name", k.name());
        w.element("KmsArn", k.kmsArn());
        w.element("Flag", dnskey.getFlags());
        w.element("SigningAlgorithmMnemonic", "ECDSAP256SHA256");
        w.element("SigningAlgorithmType", dnskey.getAlgorithm());
        w.element("DigestAlgorithmMnemonic", "SHA-256");
        w.element("DigestAlgorithmType", DNSSEC.Digest.SHA256);
        w.element("KeyTag", dnskey.getFootprint());
        w.element("DigestValue", HexFormat.of().withUpperCase().formatHex(ds.getDigest()));
        w.element("PublicKey", Base64.getEncoder().encodeToString(dnskey.getKey()));
        w.element("DSRecord", ds.rdataToString());
        w.element("DNSKEYRecord", dnskey.rdataToString());
        w.element("Status", k.status().name());
        w.element("CreatedDate", k.created());
        w.element("LastModifiedDate", k.lastModified());
        w.end();
    }
}
