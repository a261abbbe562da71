#!/usr/bin/env python3
"""Sets up the routing part of the DNS benchmark through the Route 53 API of a running MiniCloud.

  routed.py zone <edge-port> <out-dir> <tcp-target-port>
      a zone routed.example with 200 names of each routing policy (failover, weighted, latency,
      geolocation), every set behind a TCP health check probed every 10 s, and a dnsperf query file
      <out-dir>/routed-queries.txt over those names
  routed.py checks <edge-port> <count> <tcp-target-port>
      <count> more TCP health checks (10 s interval), not used by any record: probe load only
  routed.py observed <edge-port> <since-epoch-seconds>
      of a sample of 500 health checks, how many have an observation newer than <since>; the sample
      size; how many checks exist

One keep-alive HTTP connection; no AWS SDK needed (lenient auth takes unsigned requests)."""
import http.client
import random
import re
import sys
import time

NS = "https://route53.amazonaws.com/doc/2013-04-01/"
ZONE = "routed.example"


class R53:
    def __init__(self, port):
        self.c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)

    def call(self, method, path, body=None):
        self.c.request(method, "/2013-04-01/" + path, body=body, headers={"Content-Type": "text/xml"})
        r = self.c.getresponse()
        data = r.read().decode()
        if r.status >= 300:
            raise SystemExit(f"{method} {path}: {r.status} {data[:300]}")
        return data

    def health_check(self, ref, port):
        body = (f'<CreateHealthCheckRequest xmlns="{NS}"><CallerReference>{ref}</CallerReference><HealthCheckConfig>'
                f'<IPAddress>127.0.0.1</IPAddress><Port>{port}</Port><Type>TCP</Type><RequestInterval>10</RequestInterval>'
                f'<FailureThreshold>3</FailureThreshold></HealthCheckConfig></CreateHealthCheckRequest>')
        return re.search(r"<Id>([^<]+)</Id>", self.call("POST", "healthcheck", body)).group(1)


def rrset(name, ident, value, check, policy):
    return (f"<Change><Action>CREATE</Action><ResourceRecordSet><Name>{name}</Name><Type>A</Type>"
            f"<SetIdentifier>{ident}</SetIdentifier>{policy}<TTL>60</TTL><ResourceRecords><ResourceRecord>"
            f"<Value>{value}</Value></ResourceRecord></ResourceRecords><HealthCheckId>{check}</HealthCheckId>"
            f"</ResourceRecordSet></Change>")


def zone(port, out, target):
    r = R53(port)
    created = r.call("POST", "hostedzone", f'<CreateHostedZoneRequest xmlns="{NS}"><Name>{ZONE}</Name>'
                                           f'<CallerReference>routed</CallerReference></CreateHostedZoneRequest>')
    zone_id = re.search(r"<Id>/hostedzone/([^<]+)</Id>", created).group(1)
    checks = [r.health_check(f"routed-{i}", target) for i in range(64)]
    changes, names = [], []
    for i in range(200):
        c = lambda k: checks[(i * 7 + k) % len(checks)]
        n = f"fo{i}.{ZONE}"
        changes += [rrset(n, "p", f"10.1.{i % 250}.1", c(0), "<Failover>PRIMARY</Failover>"),
                    rrset(n, "s", f"10.1.{i % 250}.2", c(1), "<Failover>SECONDARY</Failover>")]
        n = f"w{i}.{ZONE}"
        changes += [rrset(n, f"w{k}", f"10.2.{i % 250}.{k + 1}", c(k), f"<Weight>{k + 1}</Weight>") for k in range(3)]
        n = f"lat{i}.{ZONE}"
        changes += [rrset(n, reg, f"10.3.{i % 250}.{k + 1}", c(k), f"<Region>{reg}</Region>")
                    for k, reg in enumerate(("us-east-1", "eu-west-1", "ap-southeast-1"))]
        n = f"geo{i}.{ZONE}"
        changes += [rrset(n, g, f"10.4.{i % 250}.{k + 1}", c(k), f"<GeoLocation>{loc}</GeoLocation>")
                    for k, (g, loc) in enumerate((("de", "<CountryCode>DE</CountryCode>"),
                                                  ("eu", "<ContinentCode>EU</ContinentCode>"),
                                                  ("any", "<CountryCode>*</CountryCode>")))]
        names += [f"fo{i}", f"w{i}", f"lat{i}", f"geo{i}"]
    for b in range(0, len(changes), 1000):
        r.call("POST", f"hostedzone/{zone_id}/rrset", f'<ChangeResourceRecordSetsRequest xmlns="{NS}"><ChangeBatch>'
               f'<Changes>{"".join(changes[b:b + 1000])}</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>')
    rnd = random.Random(53)
    with open(f"{out}/routed-queries.txt", "w") as f:
        f.write("\n".join(f"{rnd.choice(names)}.{ZONE} A" for _ in range(20000)) + "\n")


def checks(port, count, target):
    r = R53(port)
    for i in range(int(count)):
        r.health_check(f"load-{i}", target)


def observed(port, since):
    r = R53(port)
    ids, marker = [], None
    while True:
        page = r.call("GET", "healthcheck?maxitems=1000" + (f"&marker={marker}" if marker else ""))
        ids += re.findall(r"<HealthCheck><Id>([^<]+)</Id>", page)
        m = re.search(r"<NextMarker>([^<]+)</NextMarker>", page)
        if not m:
            break
        marker = m.group(1)
    fresh = 0
    sample = random.Random(7).sample(ids, min(500, len(ids)))
    for i in sample:
        times = re.findall(r"<CheckedTime>([^<]+)</CheckedTime>", r.call("GET", f"healthcheck/{i}/status"))
        if any(time.mktime(time.strptime(t[:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone >= float(since) for t in times):
            fresh += 1
    print(f"{fresh} {len(sample)} {len(ids)}")


if __name__ == "__main__":
    {"zone": zone, "checks": checks, "observed": observed}[sys.argv[1]](*sys.argv[2:])
