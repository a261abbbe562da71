package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.CacheNode;
import dev.minicloud.kv.elasticache.internal.model.EndpointNames;
import dev.minicloud.kv.elasticache.internal.model.Event;
import dev.minicloud.kv.elasticache.internal.model.ParameterGroup;
import dev.minicloud.kv.elasticache.internal.model.Parameters;
import dev.minicloud.kv.elasticache.internal.model.RegionCaches;
import dev.minicloud.kv.elasticache.internal.model.ReplicationGroup;
import dev.minicloud.kv.elasticache.internal.model.SubnetGroup;
import dev.minicloud.spi.VpcDirectory;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;

/**
 * ElastiCache's response documents ({@code <ActionResponse xmlns=...><ActionResult>...</ActionResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata>}) and the XML of each resource, with the
 * member element names of the 2015-02-02 model ({@code CacheClusters/CacheCluster}, {@code Tags/Tag}, ...).
 */
final class EcXml {
    static final String NAMESPACE = "http://elasticache.amazonaws.com/doc/2015-02-02/";

    private EcXml() {}

    /** Starts a response; the writer is left inside {@code <ActionResult>}. */
    static XmlWriter response(String action) {
        XmlWriter w = XmlWriter.document(action + "Response", NAMESPACE);
        w.start(action + "Result");
        return w;
    }

    static byte[] finish(XmlWriter w, String requestId) {
        w.end();
        w.start("ResponseMetadata").element("RequestId", requestId).end();
        return w.toBytes();
    }

    /** An endpoint: the DNS name (when the call asks for names) or the IP the node listens on, and its real port. */
    static void endpoint(Call c, String element, String name, InetSocketAddress a) {
        if (a == null) {
            return;
        }
        c.out()
                .start(element)
                .element("Address", c.dnsNames() ? name : a.getAddress().getHostAddress())
                .element("Port", a.getPort())
                .end();
    }

    static void cluster(Call call, String element, CacheCluster c, boolean showNodes) {
        XmlWriter w = call.out();
        Instant now = call.now();
        String status = c.lifecycle().status(now);
        w.start(element);
        w.element("CacheClusterId", c.id());
        w.element("ClientDownloadLandingPage", "https://console.aws.amazon.com/elasticache/home#client-download:");
        w.element("CacheNodeType", c.nodeType());
        w.element("Engine", c.engine());
        w.element("EngineVersion", c.version().fullVersion());
        w.element("CacheClusterStatus", status);
        w.element("NumCacheNodes", c.nodes().size());
        w.element("PreferredAvailabilityZone", c.availabilityZone());
        w.element("CacheClusterCreateTime", c.created());
        w.element("PreferredMaintenanceWindow", c.maintenanceWindow());
        w.emptyElement("PendingModifiedValues");
        w.emptyElement("CacheSecurityGroups");
        w.start("CacheParameterGroup")
                .element("CacheParameterGroupName", c.parameterGroup())
                .element("ParameterApplyStatus", "in-sync")
                .emptyElement("CacheNodeIdsToReboot")
                .end();
        w.element("CacheSubnetGroupName", c.subnetGroup());
        if (showNodes) {
            w.start("CacheNodes");
            for (CacheNode n : c.nodes()) {
                w.start("CacheNode");
                w.element("CacheNodeId", n.id());
                w.element("CacheNodeStatus", status.equals("creating") ? "creating" : "available");
                w.element("CacheNodeCreateTime", n.created());
                endpoint(
                        call,
                        "Endpoint",
                        EndpointNames.node(call.state(), c.id(), n.id()),
                        n.server().address());
                w.element("ParameterGroupStatus", "in-sync");
                w.element("CustomerAvailabilityZone", n.availabilityZone());
                w.end();
            }
            w.end();
        }
        w.element("AutoMinorVersionUpgrade", true);
        if (!c.securityGroupIds().isEmpty()) {
            w.start("SecurityGroups");
            c.securityGroupIds()
                    .forEach(id -> w.start("member")
                            .element("SecurityGroupId", id)
                            .element("Status", "active")
                            .end());
            w.end();
        }
        w.element("ReplicationGroupId", c.replicationGroupId());
        w.element("SnapshotRetentionLimit", c.snapshotRetentionLimit());
        w.element("SnapshotWindow", c.snapshotWindow());
        w.element("AuthTokenEnabled", c.authTokenEnabled());
        w.element("TransitEncryptionEnabled", c.transitEncryption());
        w.element("AtRestEncryptionEnabled", false);
        w.element("ARN", c.arn());
        w.element("ReplicationGroupLogDeliveryEnabled", false);
        w.emptyElement("LogDeliveryConfigurations");
        w.element("NetworkType", "ipv4");
        w.element("IpDiscovery", "ipv4");
        w.end();
    }

    static void replicationGroup(Call call, String element, ReplicationGroup g) {
        XmlWriter w = call.out();
        RegionCaches state = call.state();
        String status = g.lifecycle().status(call.now());
        CacheCluster primary = state.clusters().get(g.primaryClusterId());
        w.start(element);
        w.element("ReplicationGroupId", g.id());
        w.element("Description", g.description());
        w.element("Status", status);
        w.emptyElement("PendingModifiedValues");
        w.start("MemberClusters");
        g.members().forEach(m -> w.element("ClusterId", m));
        w.end();
        w.start("NodeGroups").start("NodeGroup");
        w.element("NodeGroupId", "0001");
        w.element("Status", status);
        endpoint(
                call,
                "PrimaryEndpoint",
                EndpointNames.primary(state, g.id()),
                primary == null ? null : primary.nodes().get(0).server().address());
        endpoint(call, "ReaderEndpoint", EndpointNames.reader(state, g.id()), readerAddress(g, state));
        w.start("NodeGroupMembers");
        for (String m : g.members()) {
            CacheCluster c = state.clusters().get(m);
            w.start("NodeGroupMember");
            w.element("CacheClusterId", m);
            w.element("CacheNodeId", c.nodes().get(0).id());
            endpoint(
                    call,
                    "ReadEndpoint",
                    EndpointNames.node(state, m, c.nodes().get(0).id()),
                    c.nodes().get(0).server().address());
            w.element("PreferredAvailabilityZone", c.availabilityZone());
            w.element("CurrentRole", m.equals(g.primaryClusterId()) ? "primary" : "replica");
            w.end();
        }
        w.end();
        w.end().end();
        w.element("AutomaticFailover", g.automaticFailover() ? "enabled" : "disabled");
        w.element("MultiAZ", g.multiAz() ? "enabled" : "disabled");
        w.element("SnapshotRetentionLimit", 0);
        w.element("SnapshotWindow", "05:00-06:00");
        w.element("ClusterEnabled", false);
        w.element("CacheNodeType", g.nodeType());
        w.element("AuthTokenEnabled", g.authTokenEnabled());
        w.element("TransitEncryptionEnabled", g.transitEncryption());
        w.element("AtRestEncryptionEnabled", g.atRestEncryption());
        w.element("ARN", g.arn());
        w.emptyElement("LogDeliveryConfigurations");
        w.element("ReplicationGroupCreateTime", g.created());
        w.element("DataTiering", "disabled");
        w.element("AutoMinorVersionUpgrade", true);
        w.element("NetworkType", "ipv4");
        w.element("IpDiscovery", "ipv4");
        w.element("ClusterMode", "disabled");
        if (!g.userGroupIds().isEmpty()) {
            w.start("UserGroupIds");
            g.userGroupIds().forEach(u -> w.element("member", u));
            w.end();
        }
        w.element("Engine", g.engine());
        w.end();
    }

    /** The reader endpoint: the first replica (there is no load balancing yet), else the primary. */
    static InetSocketAddress readerAddress(ReplicationGroup g, RegionCaches state) {
        for (String m : g.members()) {
            if (!m.equals(g.primaryClusterId())) {
                return state.clusters().get(m).nodes().get(0).server().address();
            }
        }
        CacheCluster primary = state.clusters().get(g.primaryClusterId());
        return primary == null ? null : primary.nodes().get(0).server().address();
    }

    static void subnetGroup(XmlWriter w, String element, SubnetGroup g) {
        w.start(element);
        w.element("CacheSubnetGroupName", g.name());
        w.element("CacheSubnetGroupDescription", g.description());
        w.element("VpcId", g.vpcId());
        w.start("Subnets");
        for (VpcDirectory.Subnet s : g.subnets()) {
            w.start("Subnet")
                    .element("SubnetIdentifier", s.subnetId())
                    .start("SubnetAvailabilityZone")
                    .element("Name", s.availabilityZone())
                    .end()
                    .start("SupportedNetworkTypes")
                    .element("member", "ipv4")
                    .end()
                    .end();
        }
        w.end();
        w.element("ARN", g.arn());
        w.start("SupportedNetworkTypes").element("member", "ipv4").end();
        w.end();
    }

    static void parameterGroup(XmlWriter w, String element, ParameterGroup g) {
        w.start(element);
        w.element("CacheParameterGroupName", g.name());
        w.element("CacheParameterGroupFamily", g.family());
        w.element("Description", g.description());
        w.element("IsGlobal", false);
        w.element("ARN", g.arn());
        w.end();
    }

    /** One parameter as DescribeCacheParameters lists it; {@code group} null for the engine defaults. */
    static void parameter(XmlWriter w, Parameters.Definition d, ParameterGroup group) {
        w.start("Parameter");
        w.element("ParameterName", d.name());
        w.element("ParameterValue", group == null ? d.defaultValue() : group.value(d));
        w.element("Description", d.description());
        w.element("Source", group != null && group.isUserSet(d.name()) ? "user" : "system");
        w.element("DataType", d.dataType());
        w.element("AllowedValues", d.allowedValues());
        w.element("IsModifiable", d.modifiable());
        w.element("MinimumEngineVersion", "2.8.6");
        w.element("ChangeType", d.changeType());
        w.end();
    }

    static void event(XmlWriter w, Event e) {
        w.start("Event")
                .element("SourceIdentifier", e.sourceIdentifier())
                .element("SourceType", e.sourceType())
                .element("Message", e.message())
                .element("Date", e.date())
                .end();
    }

    static void tagList(XmlWriter w, Map<String, String> tags) {
        w.start("TagList");
        tags.forEach(
                (k, v) -> w.start("Tag").element("Key", k).element("Value", v).end());
        w.end();
    }
}
