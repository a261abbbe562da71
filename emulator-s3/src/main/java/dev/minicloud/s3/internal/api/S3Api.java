package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.Offload;
import dev.minicloud.s3.internal.service.BucketService;
import dev.minicloud.s3.internal.service.ListingService;
import dev.minicloud.s3.internal.service.MultipartService;
import dev.minicloud.s3.internal.service.ObjectService;
import dev.minicloud.s3.internal.service.ObjectWriteListener;
import dev.minicloud.s3.internal.service.S3Ids;
import dev.minicloud.s3.internal.store.S3Store;
import java.time.Clock;

/**
 * What the edge handlers of one S3 instance share: the store and the services over it, the clock,
 * the default region, whether SSE-C keys are taken over plain HTTP, and core's offload helper for work too slow for an event loop (hashing a large copy).
 */
record S3Api(
        S3Store store,
        BucketService buckets,
        ObjectService objects,
        ListingService listing,
        MultipartService multipart,
        Clock clock,
        String defaultRegion,
        Offload worker,
        boolean sseCOverHttp,
        S3Ids ids) {

    static S3Api create(
            S3Store store,
            Clock clock,
            String defaultRegion,
            Offload worker,
            ObjectWriteListener writes,
            boolean sseCOverHttp,
            S3Ids ids) {
        ObjectService objects = new ObjectService(clock, writes, ids);
        return new S3Api(
                store,
                new BucketService(store, clock),
                objects,
                new ListingService(),
                new MultipartService(clock, objects, ids),
                clock,
                defaultRegion,
                worker,
                sseCOverHttp,
                ids);
    }
}
