package dev.minicloud.dns.ec2.api;

import dev.minicloud.core.xml.XmlWriter;
import dev.minicloud.dns.ec2.store.RegionState;

/**
 * One EC2 call in progress: its parameters, the caller's resources in the request's region (whose
 * monitor is held while the operation runs) and the response document being written.
 */
record Call(Ec2Request params, RegionState state, XmlWriter out) {
}
