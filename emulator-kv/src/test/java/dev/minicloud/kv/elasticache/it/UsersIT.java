package dev.minicloud.kv.elasticache.it;

import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.MiniCloud;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.User;

/** RBAC users and user groups: stored with ElastiCache's rules (not yet enforced by the nodes). */
class UsersIT {

    @Test
    void usersAndGroupsFollowElastiCachesRules() {
        try (MiniCloud cloud = MiniCloud.builder().services("elasticache").start();
             ElastiCacheClient ec = ElastiCacheClients.elastiCache(cloud)) {
            var app = ec.createUser(r -> r.userId("app-user").userName("app").engine("redis")
                    .accessString("on ~app:* +@read").passwords("a-very-long-password-1"));
            assertEquals("active", app.status());
            assertEquals(1, app.authentication().passwordCount());
            assertEquals("password", app.authentication().typeAsString());
            assertError(400, "UserAlreadyExists", () -> ec.createUser(r -> r.userId("app-user").userName("other")
                    .engine("redis").accessString("on").noPasswordRequired(true)));
            assertError(400, "DuplicateUserName", () -> ec.createUser(r -> r.userId("app-user-2").userName("app")
                    .engine("redis").accessString("on").noPasswordRequired(true)));
            assertError(400, "InvalidParameterValue", () -> ec.createUser(r -> r.userId("short-pw").userName("short")
                    .engine("redis").accessString("on").passwords("tooshort")));
            assertError(400, "InvalidParameterCombination", () -> ec.createUser(r -> r.userId("no-auth").userName("noauth")
                    .engine("redis").accessString("on")));

            assertError(400, "DefaultUserRequired", () -> ec.createUserGroup(r -> r.userGroupId("apps").engine("redis")
                    .userIds("app-user")));
            var group = ec.createUserGroup(r -> r.userGroupId("apps").engine("redis").userIds("default", "app-user"));
            assertEquals(List.of("default", "app-user"), group.userIds());
            assertError(404, "UserNotFound", () -> ec.modifyUserGroup(r -> r.userGroupId("apps").userIdsToAdd("ghost")));
            assertEquals(List.of("apps"), ec.describeUsers(r -> r.userId("app-user")).users().get(0).userGroupIds());

            ec.createReplicationGroup(r -> r.replicationGroupId("rbac").replicationGroupDescription("rbac").engine("redis")
                    .cacheNodeType("cache.t3.micro").userGroupIds("apps"));
            assertEquals(List.of("apps"), ec.describeReplicationGroups(r -> r.replicationGroupId("rbac")).replicationGroups()
                    .get(0).userGroupIds());
            assertError(400, "InvalidUserGroupState", () -> ec.deleteUserGroup(r -> r.userGroupId("apps")));
            assertError(404, "UserGroupNotFound", () -> ec.createReplicationGroup(r -> r.replicationGroupId("rbac2")
                    .replicationGroupDescription("x").engine("redis").cacheNodeType("cache.t3.micro").userGroupIds("nope")));
            ec.deleteReplicationGroup(r -> r.replicationGroupId("rbac"));
            assertEquals("deleting", ec.deleteUserGroup(r -> r.userGroupId("apps")).status());
            assertEquals("deleting", ec.deleteUser(r -> r.userId("app-user")).status());
            assertError(404, "UserNotFound", () -> ec.describeUsers(r -> r.userId("app-user")));
            assertEquals(List.of("default"), ec.describeUsers(r -> { }).users().stream().map(User::userId).toList());
        }
    }
}
