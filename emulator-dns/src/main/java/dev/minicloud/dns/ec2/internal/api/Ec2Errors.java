package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.internal.aws.AwsException;

/** EC2's error codes and messages, worded as EC2 words them. */
public final class Ec2Errors {
    private Ec2Errors() {}

    public static AwsException of(String code, String message) {
        return new AwsException(400, code, message);
    }

    public static AwsException invalidAction(String action) {
        return of("InvalidAction", "The action " + action + " is not valid for this web service.");
    }

    public static AwsException missingParameter(String name) {
        return of("MissingParameter", "The request must contain the parameter " + name);
    }

    public static AwsException invalidParameterValue(String message) {
        return of("InvalidParameterValue", message);
    }

    public static AwsException invalidValue(String value, String parameter, String why) {
        return invalidParameterValue("Value (" + value + ") for parameter " + parameter + " is invalid. " + why);
    }

    public static AwsException notFound(String type, String code, String id) {
        return of(code, "The " + type + " ID '" + id + "' does not exist");
    }

    public static AwsException vpcNotFound(String id) {
        return notFound("vpc", "InvalidVpcID.NotFound", id);
    }

    public static AwsException subnetNotFound(String id) {
        return notFound("subnet", "InvalidSubnetID.NotFound", id);
    }

    public static AwsException groupNotFound(String id) {
        return of("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
    }

    public static AwsException malformedId(String code, String id) {
        return of(code, "Invalid id: \"" + id + "\"");
    }

    public static AwsException dependencyViolation(String message) {
        return of("DependencyViolation", message);
    }

    public static AwsException invalidParameterCombination(String message) {
        return of("InvalidParameterCombination", message);
    }

    public static AwsException unknownFilter(String name) {
        return invalidParameterValue("The filter '" + name + "' is invalid");
    }
}
