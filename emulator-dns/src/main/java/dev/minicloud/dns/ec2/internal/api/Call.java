package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.dns.ec2.internal.store.RegionState;
import dev.minicloud.internal.xml.XmlWriter;

/**
 * One EC2 call in progress: its parameters, the caller's resources in the request's region (whose
 * monitor is held while the operation runs) and the response document being written.
 */
record Call(Ec2Request params, RegionState state, XmlWriter out) {}
