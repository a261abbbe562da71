#!/usr/bin/env bash
# The EC2 VPC control plane through Debian's AWS CLI (`aws ec2`).
set -euo pipefail
E=$MINICLOUD_ENDPOINT
ec2() { aws --endpoint-url "$E" ec2 "$@"; }

# every account starts with its default VPC
[ "$(ec2 describe-vpcs --filters Name=isDefault,Values=true --query 'Vpcs[0].CidrBlock' --output text)" = "172.31.0.0/16" ]
vpc=$(ec2 create-vpc --cidr-block 10.42.0.0/16 \
  --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=interop}]' --query Vpc.VpcId --output text)
[ "$(ec2 describe-vpcs --filters Name=tag:Name,Values=interop --query 'Vpcs[0].VpcId' --output text)" = "$vpc" ]
subnet=$(ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.42.1.0/24 --availability-zone us-east-1a \
  --query Subnet.SubnetId --output text)
# an overlapping subnet is EC2's InvalidSubnet.Conflict
if ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.42.1.0/25 2>"$INTEROP_WORK/ec2.err"; then exit 1; fi
grep -q 'InvalidSubnet.Conflict' "$INTEROP_WORK/ec2.err"
sg=$(ec2 create-security-group --group-name web --description "web tier" --vpc-id "$vpc" --query GroupId --output text)
ec2 authorize-security-group-ingress --group-id "$sg" --protocol tcp --port 443 --cidr 0.0.0.0/0 >/dev/null
[ "$(ec2 describe-security-groups --group-ids "$sg" --query 'SecurityGroups[0].IpPermissions[0].FromPort' --output text)" = "443" ]
ec2 modify-vpc-attribute --vpc-id "$vpc" --enable-dns-hostnames '{"Value":true}'
[ "$(ec2 describe-vpc-attribute --vpc-id "$vpc" --attribute enableDnsHostnames --query EnableDnsHostnames.Value --output text)" = "True" ]
# a VPC with a subnet cannot go
if ec2 delete-vpc --vpc-id "$vpc" 2>"$INTEROP_WORK/ec2.err"; then exit 1; fi
grep -q 'DependencyViolation' "$INTEROP_WORK/ec2.err"
ec2 delete-security-group --group-id "$sg"
ec2 delete-subnet --subnet-id "$subnet"
ec2 delete-vpc --vpc-id "$vpc"
[ "$(ec2 describe-availability-zones --query 'length(AvailabilityZones)' --output text)" = "6" ]
