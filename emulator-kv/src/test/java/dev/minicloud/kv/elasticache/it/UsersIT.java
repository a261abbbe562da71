package dev.minicloud.kv.elasticache.it;

import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.User;

/** RBAC users and user groups: stored with ElastiCache's rules, and enforced by the nodes as KV ACL users. */
class UsersIT {

    @Test
    void usersAndGroupsFollowElastiCachesRules() {
        try (MiniCloud cloud = MiniCloud.builder().services("elasticache").start();
                ElastiCacheClient ec = ElastiCacheClients.elastiCache(cloud)) {
            var app = ec.createUser(r -> r.userId("app-user")
                    .userName("app")
                    .engine("redis")
                    .accessString("on ~app:* +@read")
                    .passwords("a-very-long-password-1"));
            assertEquals("active", app.status());
            assertEquals(1, app.authentication().passwordCount());
            assertEquals("password", app.authentication().typeAsString());
            assertError(
                    400,
                    "UserAlreadyExists",
                    () -> ec.createUser(r -> r.userId("app-user")
                            .userName("other")
                            .engine("redis")
                            .accessString("on")
                            .noPasswordRequired(true)));
            assertError(
                    400,
                    "DuplicateUserName",
                    () -> ec.createUser(r -> r.userId("app-user-2")
                            .userName("app")
                            .engine("redis")
                            .accessString("on")
                            .noPasswordRequired(true)));
            assertError(
                    400,
                    "InvalidParameterValue",
                    () -> ec.createUser(r -> r.userId("short-pw")
                            .userName("short")
                            .engine("redis")
                            .accessString("on")
                            .passwords("tooshort")));
            assertError(
                    400,
                    "InvalidParameterCombination",
                    () -> ec.createUser(r -> r.userId("no-auth")
                            .userName("noauth")
                            .engine("redis")
                            .accessString("on")));

            assertError(
                    400,
                    "DefaultUserRequired",
                    () -> ec.createUserGroup(
                            r -> r.userGroupId("apps").engine("redis").userIds("app-user")));
            var group = ec.createUserGroup(
                    r -> r.userGroupId("apps").engine("redis").userIds("default", "app-user"));
            assertEquals(List.of("default", "app-user"), group.userIds());
            assertError(
                    404,
                    "UserNotFound",
                    () -> ec.modifyUserGroup(r -> r.userGroupId("apps").userIdsToAdd("ghost")));
            assertEquals(
                    List.of("apps"),
                    ec.describeUsers(r -> r.userId("app-user")).users().get(0).userGroupIds());

            ec.createReplicationGroup(r -> r.replicationGroupId("rbac")
                    .replicationGroupDescription("rbac")
                    .engine("redis")
                    .cacheNodeType("cache.t3.micro")
                    .userGroupIds("apps"));
            assertEquals(
                    List.of("apps"),
                    ec.describeReplicationGroups(r -> r.replicationGroupId("rbac"))
                            .replicationGroups()
                            .get(0)
                            .userGroupIds());
            assertError(400, "InvalidUserGroupState", () -> ec.deleteUserGroup(r -> r.userGroupId("apps")));
            assertError(
                    404,
                    "UserGroupNotFound",
                    () -> ec.createReplicationGroup(r -> r.replicationGroupId("rbac2")
                            .replicationGroupDescription("x")
                            .engine("redis")
                            .cacheNodeType("cache.t3.micro")
                            .userGroupIds("nope")));
            ec.deleteReplicationGroup(r -> r.replicationGroupId("rbac"));
            assertEquals(
                    "deleting", ec.deleteUserGroup(r -> r.userGroupId("apps")).status());
            assertEquals("deleting", ec.deleteUser(r -> r.userId("app-user")).status());
            assertError(404, "UserNotFound", () -> ec.describeUsers(r -> r.userId("app-user")));
            assertEquals(
                    List.of("default"),
                    ec.describeUsers(r -> {}).users().stream().map(User::userId).toList());
        }
    }

    private static Jedis jedis(InetSocketAddress a, String user, String password) {
        return new Jedis(
                a.getHostString(),
                a.getPort(),
                DefaultJedisClientConfig.builder().user(user).password(password).build());
    }

    @Test
    void nodesOfAGroupWithUsersMakeClientsAuthenticateAndEnforceTheAccessString() {
        try (MiniCloud cloud = MiniCloud.builder().services("elasticache").start();
                ElastiCacheClient ec = ElastiCacheClients.elastiCache(cloud)) {
            // the usual lock-down: a group's own "default" user is off, applications have their own users
            ec.createUser(r -> r.userId("locked-default")
                    .userName("default")
                    .engine("redis")
                    .accessString("off ~* +@all")
                    .noPasswordRequired(true));
            ec.createUser(r -> r.userId("app-user")
                    .userName("app")
                    .engine("redis")
                    .accessString("on ~app:* -@all +@read +set +ping")
                    .passwords("a-very-long-password-1"));
            assertError(
                    400,
                    "InvalidParameterValue",
                    () -> ec.createUser(r -> r.userId("bad")
                            .userName("bad")
                            .engine("redis")
                            .accessString("on +nosuchcommand")
                            .noPasswordRequired(true)));
            ec.createUserGroup(r -> r.userGroupId("apps").engine("redis").userIds("locked-default", "app-user"));
            var group = ec.createReplicationGroup(r -> r.replicationGroupId("rbac")
                            .replicationGroupDescription("rbac")
                            .engine("redis")
                            .cacheNodeType("cache.t3.micro")
                            .numCacheClusters(2)
                            .userGroupIds("apps"))
                    .replicationGroup();
            InetSocketAddress primary =
                    ElastiCacheClients.address(ec.describeReplicationGroups(r -> r.replicationGroupId("rbac"))
                            .replicationGroups()
                            .get(0)
                            .nodeGroups()
                            .get(0)
                            .primaryEndpoint());
            assertEquals(List.of("rbac-001", "rbac-002"), group.memberClusters());

            try (Jedis anonymous = new Jedis(primary.getHostString(), primary.getPort())) {
                JedisDataException e = assertThrows(JedisDataException.class, () -> anonymous.get("app:1"));
                assertEquals("NOAUTH Authentication required.", e.getMessage());
            }
            JedisAccessControlException wrong = assertThrows(
                    JedisAccessControlException.class,
                    () -> jedis(primary, "app", "not-the-password-at-all").close());
            assertEquals("WRONGPASS invalid username-password pair or user is disabled.", wrong.getMessage());
            try (Jedis app = jedis(primary, "app", "a-very-long-password-1")) {
                assertEquals("OK", app.set("app:1", "v"));
                assertEquals("v", app.get("app:1"));
                assertEquals(
                        "NOPERM No permissions to access a key",
                        assertThrows(JedisDataException.class, () -> app.get("other"))
                                .getMessage());
                assertEquals(
                        "NOPERM User app has no permissions to run the 'del' command",
                        assertThrows(JedisDataException.class, () -> app.del("app:1"))
                                .getMessage());

                // ModifyUser reaches the nodes at once, even for connections already authenticated
                ec.modifyUser(r -> r.userId("app-user").appendAccessString("+del"));
                assertEquals(1L, app.del("app:1"));
            }

            RedisClient lettuce = RedisClient.create(RedisURI.builder()
                    .withHost(primary.getHostString())
                    .withPort(primary.getPort())
                    .withAuthentication("app", "a-very-long-password-1".toCharArray())
                    .build());
            try (StatefulRedisConnection<String, String> c = lettuce.connect()) {
                assertEquals("OK", c.sync().set("app:2", "w"));
                RedisCommandExecutionException e = assertThrows(
                        RedisCommandExecutionException.class, () -> c.sync().aclWhoami());
                assertEquals("NOPERM User app has no permissions to run the 'acl|whoami' command", e.getMessage());
            } finally {
                lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }

            // the replica node has the same users
            InetSocketAddress replica = ElastiCacheClients.address(
                    ec.describeCacheClusters(r -> r.cacheClusterId("rbac-002").showCacheNodeInfo(true))
                            .cacheClusters()
                            .get(0)
                            .cacheNodes()
                            .get(0)
                            .endpoint());
            try (Jedis app = jedis(replica, "app", "a-very-long-password-1")) {
                assertEquals("PONG", app.ping());
            }
            // and so does a replica added later
            ec.increaseReplicaCount(
                    r -> r.replicationGroupId("rbac").newReplicaCount(2).applyImmediately(true));
            InetSocketAddress added = ElastiCacheClients.address(
                    ec.describeCacheClusters(r -> r.cacheClusterId("rbac-003").showCacheNodeInfo(true))
                            .cacheClusters()
                            .get(0)
                            .cacheNodes()
                            .get(0)
                            .endpoint());
            try (Jedis app = jedis(added, "app", "a-very-long-password-1")) {
                assertEquals("PONG", app.ping());
            }

            // without the user group the nodes are open again, and the app user is gone
            ec.modifyReplicationGroup(r -> r.replicationGroupId("rbac").userGroupIdsToRemove("apps"));
            try (Jedis anonymous = new Jedis(primary.getHostString(), primary.getPort())) {
                assertEquals("PONG", anonymous.ping());
                assertTrue(anonymous.aclUsers().equals(List.of("default")), "only default is left");
            }
        }
    }
}
