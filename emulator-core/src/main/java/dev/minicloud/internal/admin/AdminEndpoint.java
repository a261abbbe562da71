package dev.minicloud.internal.admin;

/**
 * One {@code /_minicloud/...} endpoint. Runs on the worker executor, so it may block (waiting for
 * replication to go idle, say). Its result is serialized as JSON.
 */
@FunctionalInterface
public interface AdminEndpoint {
    AdminResponse handle(AdminCall call) throws Exception;
}
