#!/usr/bin/env bash
# The ElastiCache control plane through Debian's AWS CLI (`aws elasticache`), redis-cli against the
# node it starts, and dig for the node's endpoint name.
set -euo pipefail
E=$MINICLOUD_ENDPOINT
ec() { aws --endpoint-url "$E" elasticache "$@"; }
ec2() { aws --endpoint-url "$E" ec2 "$@"; }

[ "$(ec describe-cache-engine-versions --engine valkey --default-only --query 'CacheEngineVersions[0].CacheParameterGroupFamily' --output text)" = "valkey8" ]

# a subnet group over EC2 subnets
vpc=$(ec2 create-vpc --cidr-block 10.61.0.0/16 --query Vpc.VpcId --output text)
subnet=$(ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.61.1.0/24 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
ec create-cache-subnet-group --cache-subnet-group-name interop --cache-subnet-group-description interop --subnet-ids "$subnet" >/dev/null
[ "$(ec describe-cache-subnet-groups --cache-subnet-group-name interop --query 'CacheSubnetGroups[0].VpcId' --output text)" = "$vpc" ]

# a parameter group that the node really runs with
ec create-cache-parameter-group --cache-parameter-group-name interop-lru --cache-parameter-group-family redis7 --description interop >/dev/null
ec modify-cache-parameter-group --cache-parameter-group-name interop-lru \
  --parameter-name-values ParameterName=maxmemory-policy,ParameterValue=allkeys-lru >/dev/null

ec create-cache-cluster --cache-cluster-id interop-cache --engine redis --engine-version 7.1 --cache-node-type cache.t3.micro \
  --num-cache-nodes 1 --cache-subnet-group-name interop --cache-parameter-group-name interop-lru >/dev/null
port=$(ec describe-cache-clusters --cache-cluster-id interop-cache --show-cache-node-info --query 'CacheClusters[0].CacheNodes[0].Endpoint.Port' --output text)
host=$(ec describe-cache-clusters --cache-cluster-id interop-cache --show-cache-node-info --query 'CacheClusters[0].CacheNodes[0].Endpoint.Address' --output text)
[ "$(ec describe-cache-clusters --cache-cluster-id interop-cache --query 'CacheClusters[0].PreferredAvailabilityZone' --output text)" = "us-east-1b" ]
[ "$(redis-cli -h "$host" -p "$port" ping)" = "PONG" ]
redis-cli -h "$host" -p "$port" set interop yes >/dev/null
[ "$(redis-cli -h "$host" -p "$port" get interop)" = "yes" ]
redis-cli -h "$host" -p "$port" config get maxmemory-policy | grep -qx 'allkeys-lru'
redis-cli -h "$host" -p "$port" info server | grep -q '^redis_version:7.1.0'
# the node's ElastiCache name, answered by MiniCloud's DNS with the node's address
name=$(curl -s "$E/_minicloud/elasticache/caches" | grep -o '"dnsName":"interop-cache\.[^"]*"' | cut -d'"' -f4)
case "$name" in interop-cache.??????.0001.use1.cache.amazonaws.com) ;; *) echo "bad name '$name'"; exit 1 ;; esac
[ "$(dig +short @127.0.0.1 -p "$MINICLOUD_DNS_PORT" "$name" A)" = "$host" ]

# ElastiCache's own errors
if ec create-cache-cluster --cache-cluster-id interop-cache --engine redis --cache-node-type cache.t3.micro 2>"$INTEROP_WORK/ec.err"; then exit 1; fi
grep -q 'CacheClusterAlreadyExists' "$INTEROP_WORK/ec.err"
if ec create-cache-cluster --cache-cluster-id bad--name --engine redis --cache-node-type cache.t3.micro 2>"$INTEROP_WORK/ec.err"; then exit 1; fi
grep -q 'InvalidParameterValue' "$INTEROP_WORK/ec.err"
if ec create-replication-group --replication-group-id sharded --replication-group-description x --engine redis \
  --cache-node-type cache.t3.micro --num-node-groups 2 2>"$INTEROP_WORK/ec.err"; then exit 1; fi
grep -q 'InvalidParameterCombination' "$INTEROP_WORK/ec.err"
if ec delete-cache-subnet-group --cache-subnet-group-name interop 2>"$INTEROP_WORK/ec.err"; then exit 1; fi
grep -q 'CacheSubnetGroupInUse' "$INTEROP_WORK/ec.err"

# a replication group: three members, each its own node
ec create-replication-group --replication-group-id interop-rg --replication-group-description interop --engine valkey \
  --cache-node-type cache.t3.micro --num-cache-clusters 3 >/dev/null
[ "$(ec describe-replication-groups --replication-group-id interop-rg --query 'length(ReplicationGroups[0].MemberClusters)' --output text)" = "3" ]
pport=$(ec describe-replication-groups --replication-group-id interop-rg --query 'ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.Port' --output text)
[ "$(redis-cli -h 127.0.0.1 -p "$pport" ping)" = "PONG" ]
ec delete-replication-group --replication-group-id interop-rg >/dev/null

arn=$(ec describe-cache-clusters --cache-cluster-id interop-cache --query 'CacheClusters[0].ARN' --output text)
ec add-tags-to-resource --resource-name "$arn" --tags Key=team,Value=interop >/dev/null
[ "$(ec list-tags-for-resource --resource-name "$arn" --query 'TagList[0].Value' --output text)" = "interop" ]

ec delete-cache-cluster --cache-cluster-id interop-cache >/dev/null
if redis-cli -h "$host" -p "$port" ping 2>/dev/null | grep -q PONG; then exit 1; fi
dig @127.0.0.1 -p "$MINICLOUD_DNS_PORT" "$name" A | grep -q 'status: NXDOMAIN'
ec delete-cache-subnet-group --cache-subnet-group-name interop
ec delete-cache-parameter-group --cache-parameter-group-name interop-lru
ec2 delete-subnet --subnet-id "$subnet"
ec2 delete-vpc --vpc-id "$vpc"
