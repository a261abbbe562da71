package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.acl.AclRequest;
import dev.minicloud.s3.internal.acl.Grant;
import dev.minicloud.s3.internal.acl.Grantee;
import dev.minicloud.s3.internal.acl.ObjectOwnership;
import dev.minicloud.s3.internal.service.CanonicalUser;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/**
 * Bucket and object ACLs and the bucket's Object Ownership rule on the wire: Put/GetBucketAcl,
 * Put/GetObjectAcl (also by {@code versionId}), Put/Get/DeleteBucketOwnershipControls, and the ACL
 * that CreateBucket, PutObject, CopyObject and CreateMultipartUpload ask for in their headers.
 *
 * <p>With {@code BucketOwnerEnforced} (the default for new buckets, as on S3 since 2023) ACLs are
 * disabled: reads show the owner's FULL_CONTROL, writes other than the owner's full control answer
 * {@code AccessControlListNotSupported}, and what was stored before is kept for when ACLs are
 * enabled again (as S3 keeps it). ACLs are stored and returned; they grant nothing to anyone else
 * here (each account sees only its own buckets).
 */
final class AclApi {
    private final S3Api api;

    AclApi(S3Api api) {
        this.api = api;
    }

    /**
     * The ACL an object write (PutObject, CopyObject, CreateMultipartUpload) names in its headers,
     * checked against the bucket's ownership rule; {@code null} for S3's default.
     */
    static AccessControlList forNewObject(EdgeRequest r, Bucket b) {
        return forNewObject(r.headers(), b);
    }

    /** {@link #forNewObject(EdgeRequest, Bucket)} from header-like values (a POST form's fields). */
    static AccessControlList forNewObject(HttpHeaders r, Bucket b) {
        AclRequest requested = AclRequest.fromHeaders(r, false);
        if (b.aclsDisabled() && !requested.allowedWhenAclsDisabled(b.owner())) {
            throw S3Errors.aclNotSupported();
        }
        if (requested.isEmpty()) {
            return null;
        }
        return refusePublic(b, requested.resolve(b.owner(), b.owner()));
    }

    /** Block Public Access: a public ACL on a bucket that blocks them is {@code AccessDenied}, as on S3. */
    private static AccessControlList refusePublic(Bucket b, AccessControlList acl) {
        if (b.blocksPublicAcls() && acl.isPublic()) {
            throw S3Errors.accessDenied("Access Denied");
        }
        return acl;
    }

    /** The {@code x-amz-object-ownership} of a CreateBucket (S3's default: {@code BucketOwnerEnforced}). */
    static ObjectOwnership ownershipForNewBucket(EdgeRequest r) {
        String header = r.header("x-amz-object-ownership");
        if (header == null) {
            return ObjectOwnership.BucketOwnerEnforced;
        }
        ObjectOwnership o = ObjectOwnership.named(header.trim());
        if (o == null) {
            throw S3Errors.invalidArgument(
                    "Invalid x-amz-object-ownership header: " + header, "x-amz-object-ownership", header);
        }
        return o;
    }

    /**
     * The ACL a CreateBucket names in its headers ({@code null}: the default). With bucket ownership
     * enforced it may grant no one but the owner ({@code InvalidBucketAclWithObjectOwnership}).
     */
    static AccessControlList forNewBucket(EdgeRequest r, String account, ObjectOwnership ownership) {
        AclRequest requested = AclRequest.fromHeaders(r, true);
        if (requested.isEmpty()) {
            return null;
        }
        AccessControlList acl = requested.resolve(account, account);
        if (ownership == ObjectOwnership.BucketOwnerEnforced && acl.grantsOthers(CanonicalUser.canonicalId(account))) {
            throw S3Errors.invalidBucketAclWithObjectOwnership();
        }
        if (acl.isPublic()) {
            // Every new bucket starts with Block Public Access on; it can only be lifted afterwards.
            throw S3Errors.invalidBucketAclWithBlockPublicAccess();
        }
        return acl;
    }

    void getBucketAcl(EdgeRequest r, Bucket b) {
        r.respond(HttpResponseStatus.OK, "application/xml", render(b.owner(), effective(b, b.acl())));
    }

    BodyHandler putBucketAcl(EdgeRequest r, Bucket b) {
        AclRequest fromHeaders = AclRequest.fromHeaders(r, true);
        return ControlBodies.bytes(r, body -> {
            AccessControlList acl =
                    refusePublic(b, requested(fromHeaders, body, b).resolve(b.owner(), b.owner()));
            b.acl(acl);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    void getObjectAcl(EdgeRequest r, Bucket b, String key) {
        ObjectVersion v = api.objects().get(b, key, r.queryParameter("versionId"));
        FullHttpResponse resp = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(render(b.owner(), effective(b, v.acl()))));
        resp.headers().set("Content-Type", "application/xml");
        ObjectApi.versionHeader(resp, b, v.versionId());
        r.respond(resp);
    }

    BodyHandler putObjectAcl(EdgeRequest r, Bucket b, String key) {
        String versionId = r.queryParameter("versionId");
        api.objects().get(b, key, versionId); // NoSuchKey / NoSuchVersion before the body is read
        AclRequest fromHeaders = AclRequest.fromHeaders(r, false);
        return ControlBodies.bytes(r, body -> {
            AccessControlList acl =
                    refusePublic(b, requested(fromHeaders, body, b).resolve(b.owner(), b.owner()));
            ObjectVersion v = api.objects().putAcl(b, key, versionId, acl);
            FullHttpResponse resp =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
            ObjectApi.versionHeader(resp, b, v.versionId());
            r.respond(resp);
        });
    }

    void getOwnershipControls(EdgeRequest r, Bucket b) {
        ObjectOwnership o = b.ownership();
        if (o == null) {
            throw new AwsException(
                            404, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found")
                    .with("BucketName", b.name());
        }
        XmlWriter x = S3Xml.document("OwnershipControls");
        x.start("Rule").element("ObjectOwnership", o.name()).end();
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    BodyHandler putOwnershipControls(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            List<XmlElement> rules = xml.children("Rule");
            if (!xml.name().equals("OwnershipControls") || rules.size() != 1) {
                throw S3Errors.malformedXml();
            }
            ObjectOwnership o = ObjectOwnership.named(rules.get(0).childText("ObjectOwnership"));
            if (o == null) {
                throw S3Errors.malformedXml();
            }
            AccessControlList acl = b.acl();
            if (o == ObjectOwnership.BucketOwnerEnforced
                    && acl != null
                    && acl.grantsOthers(CanonicalUser.canonicalId(b.owner()))) {
                throw S3Errors.invalidBucketAclWithObjectOwnership();
            }
            b.ownership(o);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    void deleteOwnershipControls(EdgeRequest r, Bucket b) {
        b.ownership(null);
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }

    /**
     * What a Put*Acl asks for: headers or a body, not both and not neither; refused while ACLs are
     * disabled unless it is the owner's full control.
     */
    private static AclRequest requested(AclRequest fromHeaders, byte[] body, Bucket b) {
        AclRequest requested;
        if (body.length > 0) {
            if (!fromHeaders.isEmpty()) {
                throw S3Errors.unexpectedContent();
            }
            requested = AclRequest.fromBody(
                    ControlBodies.parse(body, S3Errors::malformedAcl), CanonicalUser.canonicalId(b.owner()));
        } else if (fromHeaders.isEmpty()) {
            throw S3Errors.missingSecurityHeader("x-amz-acl");
        } else {
            requested = fromHeaders;
        }
        if (b.aclsDisabled() && !requested.allowedWhenAclsDisabled(b.owner())) {
            throw S3Errors.aclNotSupported();
        }
        return requested;
    }

    /** The ACL S3 shows: the owner's FULL_CONTROL while ACLs are disabled or none was set. */
    private static AccessControlList effective(Bucket b, AccessControlList stored) {
        return b.aclsDisabled() || stored == null ? AccessControlList.ownerOnly(b.owner()) : stored;
    }

    static byte[] render(String ownerAccount, AccessControlList acl) {
        XmlWriter x = S3Xml.document("AccessControlPolicy");
        S3Xml.owner(x, "Owner", ownerAccount);
        x.start("AccessControlList");
        for (Grant g : acl.grants()) {
            x.start("Grant");
            Grantee e = g.grantee();
            x.startWithAttributes(
                    "Grantee",
                    "xmlns:xsi",
                    "http://www.w3.org/2001/XMLSchema-instance",
                    "xsi:type",
                    e.type().name());
            if (e.type() == Grantee.Type.CanonicalUser) {
                x.element("ID", e.id());
                x.element("DisplayName", e.displayName());
            } else {
                x.element("URI", e.uri());
            }
            x.end();
            x.element("Permission", g.permission().name()).end();
        }
        x.end();
        return x.toBytes();
    }
}
