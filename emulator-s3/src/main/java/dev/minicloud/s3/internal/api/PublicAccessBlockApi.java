package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.acl.PublicAccessBlock;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Put/Get/DeletePublicAccessBlock on the wire. New buckets block everything (S3's default since
 * April 2023); a deleted configuration answers {@code NoSuchPublicAccessBlockConfiguration}.
 */
final class PublicAccessBlockApi {
    private static final String[] FIELDS = {
        "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"
    };

    void get(EdgeRequest r, Bucket b) {
        PublicAccessBlock p = b.publicAccessBlock();
        if (p == null) {
            throw new AwsException(
                            404,
                            "NoSuchPublicAccessBlockConfiguration",
                            "The public access block configuration was not found")
                    .with("BucketName", b.name());
        }
        XmlWriter x = S3Xml.document("PublicAccessBlockConfiguration");
        x.element("BlockPublicAcls", p.blockPublicAcls())
                .element("IgnorePublicAcls", p.ignorePublicAcls())
                .element("BlockPublicPolicy", p.blockPublicPolicy())
                .element("RestrictPublicBuckets", p.restrictPublicBuckets());
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    BodyHandler put(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            if (!xml.name().equals("PublicAccessBlockConfiguration")) {
                throw S3Errors.malformedXml();
            }
            boolean[] v = new boolean[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                v[i] = flag(xml, FIELDS[i]);
            }
            b.publicAccessBlock(new PublicAccessBlock(v[0], v[1], v[2], v[3]));
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    void delete(EdgeRequest r, Bucket b) {
        b.publicAccessBlock(null);
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }

    /** An absent setting is {@code false}, as on S3; anything but a boolean is {@code MalformedXML}. */
    private static boolean flag(XmlElement xml, String name) {
        String text = xml.childText(name);
        if (text == null) {
            return false;
        }
        return switch (text) {
            case "true", "TRUE", "True" -> true;
            case "false", "FALSE", "False" -> false;
            default -> throw S3Errors.malformedXml();
        };
    }
}
