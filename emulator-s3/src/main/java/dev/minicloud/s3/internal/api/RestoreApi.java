package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.s3.internal.lifecycle.ArchiveState;
import dev.minicloud.s3.internal.lifecycle.LifecycleDates;
import dev.minicloud.s3.internal.lifecycle.RestoreDelays;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.ArchiveRestore;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * RestoreObject of a {@code GLACIER} or {@code DEEP_ARCHIVE} version: {@code 202 Accepted} starts a
 * restore that finishes after its tier's delay on the instance clock ({@link RestoreDelays}); the
 * temporary copy then lasts {@code Days}, to midnight UTC. A restore while one runs is
 * {@code 409 RestoreAlreadyInProgress}; one of a restored copy answers {@code 200} and sets a new
 * expiry from now, as S3 does. Other storage classes are {@code 403 InvalidObjectState}. S3 Select
 * restores ({@code Type} {@code SELECT}) are not offered: S3 Select is closed to new customers.
 */
final class RestoreApi {
    private static final Set<String> ELEMENTS =
            Set.of("Days", "GlacierJobParameters", "Type", "Tier", "Description", "SelectParameters", "OutputLocation");
    private static final Set<String> TIERS = Set.of("Expedited", "Standard", "Bulk");

    private final S3Api api;
    private final RestoreDelays delays;

    RestoreApi(S3Api api, RestoreDelays delays) {
        this.api = api;
        this.delays = delays;
    }

    BodyHandler restore(EdgeRequest r, Bucket b, String key) {
        return ControlBodies.xml(r, xml -> {
            Request req = parse(xml);
            ObjectVersion v = api.objects().get(b, key, r.queryParameter("versionId"));
            if (!ArchiveState.archived(v.storageClass())) {
                throw new AwsException(
                                403,
                                "InvalidObjectState",
                                "Restore is not allowed for the object's current storage class")
                        .with("StorageClass", v.storageClass());
            }
            Duration delay = delays.of(v.storageClass(), req.tier());
            if (delay == null) {
                throw S3Errors.invalidArgument(
                        "The " + req.tier() + " retrieval tier is not available for objects in " + "the "
                                + v.storageClass() + " storage class",
                        "Tier",
                        req.tier());
            }
            Instant now = api.clock().instant();
            HttpResponseStatus[] status = new HttpResponseStatus[1];
            b.restores().compute(ArchiveRestore.slot(key, v.versionId()), (slot, old) -> {
                ArchiveRestore current = old == null || !old.of(v) || old.expired(now) ? null : old;
                if (current != null && current.ongoing(now)) {
                    throw new AwsException(409, "RestoreAlreadyInProgress", "Object restore is already in progress.");
                }
                if (current != null) {
                    status[0] = HttpResponseStatus.OK; // already restored: only the expiry moves
                    return new ArchiveRestore(
                            v.data(), current.tier(), current.completes(), LifecycleDates.due(now, req.days()));
                }
                status[0] = HttpResponseStatus.ACCEPTED;
                Instant completes = now.plus(delay);
                return new ArchiveRestore(v.data(), req.tier(), completes, LifecycleDates.due(completes, req.days()));
            });
            r.respondEmpty(status[0]);
        });
    }

    private record Request(int days, String tier) {}

    private static Request parse(XmlElement xml) {
        if (!xml.name().equals("RestoreRequest")) {
            throw S3Errors.malformedXml();
        }
        for (XmlElement c : xml.children()) {
            if (!ELEMENTS.contains(c.name())) {
                throw S3Errors.malformedXml();
            }
        }
        if ("SELECT".equals(xml.childText("Type"))) {
            throw S3Errors.notImplemented("Type");
        }
        String daysText = xml.childText("Days");
        if (daysText == null) {
            throw S3Errors.malformedXml();
        }
        int days;
        try {
            days = Integer.parseInt(daysText.trim());
        } catch (NumberFormatException e) {
            throw S3Errors.malformedXml();
        }
        if (days < 1) {
            throw S3Errors.invalidArgument("Days must be a positive integer", "Days", daysText);
        }
        XmlElement job = xml.child("GlacierJobParameters");
        String tier = job == null ? null : job.childText("Tier");
        if (job != null && tier == null) {
            throw S3Errors.malformedXml();
        }
        tier = tier == null ? "Standard" : tier.trim();
        if (!TIERS.contains(tier)) {
            throw S3Errors.malformedXml();
        }
        return new Request(days, tier);
    }
}
