package dev.minicloud.dns.internal.zones;

import dev.minicloud.internal.aws.AwsException;
import java.util.List;

/** The Route 53 errors the zone logic raises, with the status codes and messages Route 53 uses. */
public final class Route53Errors {
    private Route53Errors() {}

    public static AwsException noSuchHostedZone(String id) {
        return new AwsException(404, "NoSuchHostedZone", "No hosted zone found with ID: " + id);
    }

    public static AwsException noSuchChange(String id) {
        return new AwsException(404, "NoSuchChange", "A change with the specified change ID does not exist.");
    }

    public static AwsException invalidInput(String message) {
        return new AwsException(400, "InvalidInput", message);
    }

    /** A model constraint broken, in the words of AWS's request validation ({@code null} for a missing member). */
    public static AwsException validation(String value, String member, String constraint) {
        return invalidInput("1 validation error detected: Value " + (value == null ? "null" : "'" + value + "'")
                + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    /** A {@code nexttoken} that no earlier page handed out. */
    public static AwsException invalidPaginationToken() {
        return new AwsException(
                400,
                "InvalidPaginationToken",
                "The value that you specified to get the second or " + "subsequent page of results is invalid.");
    }

    public static AwsException invalidDomainName(String message) {
        return new AwsException(400, "InvalidDomainName", message);
    }

    /** Route 53 lists every problem of a batch in one message: {@code [m1, m2]}. */
    public static AwsException invalidChangeBatch(List<String> messages) {
        return new AwsException(400, "InvalidChangeBatch", "[" + String.join(", ", messages) + "]");
    }

    public static AwsException hostedZoneAlreadyExists(String name, String callerReference) {
        return new AwsException(
                409,
                "HostedZoneAlreadyExists",
                "A hosted zone has already been created with the " + "specified caller reference.");
    }

    public static AwsException hostedZoneNotEmpty() {
        return new AwsException(
                400,
                "HostedZoneNotEmpty",
                "The specified hosted zone contains non-required resource record sets and so cannot be deleted.");
    }

    public static AwsException publicZoneVpcAssociation(String zoneId) {
        return new AwsException(
                400, "PublicZoneVPCAssociation", "Public hosted zone " + zoneId + " cannot be associated with a VPC.");
    }

    public static AwsException lastVpcAssociation() {
        return new AwsException(
                400,
                "LastVPCAssociation",
                "The VPC that you're trying to disassociate from the private hosted zone is the last VPC that is "
                        + "associated with the hosted zone. Amazon Route 53 doesn't support disassociating the last "
                        + "VPC from a hosted zone.");
    }

    public static AwsException vpcAssociationNotFound(VpcRef vpc, String zoneId) {
        return new AwsException(
                404,
                "VPCAssociationNotFound",
                "The specified VPC " + vpc.vpcId() + " (" + vpc.region() + ") is not associated with hosted zone "
                        + zoneId + ".");
    }

    public static AwsException conflictingDomainExists(VpcRef vpc, String name) {
        return new AwsException(
                400,
                "ConflictingDomainExists",
                "A hosted zone with the name " + name + " is already associated with VPC " + vpc.vpcId() + " in region "
                        + vpc.region() + ".");
    }

    public static AwsException invalidVpcId(String message) {
        return new AwsException(400, "InvalidVPCId", message);
    }

    public static AwsException notAuthorized() {
        return new AwsException(
                401,
                "NotAuthorizedException",
                "Associating the specified VPC with the specified hosted zone has not been authorized.");
    }

    public static AwsException vpcAssociationAuthorizationNotFound(VpcRef vpc, String zoneId) {
        return new AwsException(
                404,
                "VPCAssociationAuthorizationNotFound",
                "The VPC " + vpc.vpcId() + " (" + vpc.region()
                        + ") is not authorized to be associated with hosted zone " + zoneId + ".");
    }

    public static AwsException noSuchHealthCheck(String id) {
        return new AwsException(404, "NoSuchHealthCheck", "A health check with id " + id + " does not exist.");
    }

    /** A reused {@code CallerReference}: of a deleted check, or of a live one with other settings. */
    public static AwsException healthCheckAlreadyExists(String callerReference) {
        return new AwsException(
                409,
                "HealthCheckAlreadyExists",
                "A health check with the caller reference " + callerReference
                        + " already exists, or existed and was deleted, with different settings.");
    }

    public static AwsException healthCheckVersionMismatch() {
        // The model's own description of the error.
        return new AwsException(
                409,
                "HealthCheckVersionMismatch",
                "The value of HealthCheckVersion in the request "
                        + "doesn't match the value of HealthCheckVersion in the health check.");
    }

    public static AwsException healthCheckInUse(String id, String parentId) {
        return new AwsException(
                400,
                "HealthCheckInUse",
                "The health check " + id + " can't be deleted because the calculated health check " + parentId
                        + " refers to it.");
    }

    public static AwsException noSuchDelegationSet(String id) {
        return new AwsException(
                400,
                "NoSuchDelegationSet",
                "A reusable delegation set with the specified ID does not " + "exist: " + id);
    }

    public static AwsException delegationSetAlreadyCreated() {
        return new AwsException(
                400,
                "DelegationSetAlreadyCreated",
                "A delegation set with the same owner and caller " + "reference combination has already been created.");
    }

    public static AwsException delegationSetAlreadyReusable() {
        return new AwsException(
                400,
                "DelegationSetAlreadyReusable",
                "The specified delegation set has already been marked as reusable.");
    }

    public static AwsException delegationSetInUse() {
        return new AwsException(
                400,
                "DelegationSetInUse",
                "The specified delegation contains associated hosted zones "
                        + "which must be deleted before the reusable delegation set can be deleted.");
    }

    /** Two zones on one set that are equal, parent or child would share name servers. */
    public static AwsException delegationSetConflict(String setId, String name) {
        return new AwsException(
                400,
                "ConflictingDomainExists",
                "Cannot create hosted zone with DelegationSetId " + setId + " as the DNSName " + name
                        + " conflicts with existing ones sharing the delegation set");
    }

    /** CreateReusableDelegationSet's answer for a zone id that is not the caller's. */
    public static AwsException hostedZoneNotFound(String id) {
        return new AwsException(400, "HostedZoneNotFound", "The specified HostedZone can't be found: " + id);
    }

    public static AwsException tooManyHostedZones(Route53Limit limit) {
        return new AwsException(
                400, "TooManyHostedZones", "Limits Exceeded: " + limit + " - Cannot create more " + "hosted zones.");
    }

    public static AwsException tooManyHealthChecks(long max) {
        return new AwsException(
                400,
                "TooManyHealthChecks",
                "Limits Exceeded: " + Route53Limit.MAX_HEALTH_CHECKS_BY_OWNER + " - Cannot create more than " + max
                        + " health checks.");
    }

    public static AwsException limitsExceeded(Route53Limit limit) {
        return new AwsException(400, "LimitsExceeded", "Limits Exceeded: " + limit + " - Cannot create more.");
    }

    public static AwsException queryLoggingConfigAlreadyExists() {
        return new AwsException(
                409,
                "QueryLoggingConfigAlreadyExists",
                "A query logging configuration already exists for this hosted zone.");
    }

    public static AwsException noSuchQueryLoggingConfig() {
        return new AwsException(
                404, "NoSuchQueryLoggingConfig", "There is no DNS query logging configuration with the specified ID.");
    }

    public static AwsException noSuchGeoLocation() {
        return new AwsException(
                404, "NoSuchGeoLocation", "Amazon Route 53 doesn't support the specified geographic " + "location.");
    }

    /** A DNSSEC error: Route 53 gives each its own code. */
    public static AwsException dnssec(int status, String code, String message) {
        return new AwsException(status, code, message);
    }
}
