package dev.minicloud.s3.internal.acl;

/** One entry of an S3 access control list: a grantee and the permission it gets. */
public record Grant(Grantee grantee, Permission permission) {}
