#!/usr/bin/env python3
"""Generates the DNS benchmark data set into a directory:
zone file for Knot, Route 53 ChangeResourceRecordSets XML batches for MiniCloud (<= 1000 changes each),
a dnsperf query file (existing names of mixed types, NODATA and NXDOMAIN), and the 1,000-record
change batch (plus an untimed warm-up batch) in both forms (Route 53 XML and an nsupdate script)."""
import random
import sys

ZONE = "bench.example"


def main(out, port_for_nsupdate):
    rnd = random.Random(53)
    sets = []  # (name, type, ttl, [values])
    for i in range(1000):
        sets.append((f"host{i}.{ZONE}", "A", 300, [f"10.{i // 250}.{i % 250}.{(i * 7) % 250 + 1}"]))
        if i % 3 == 0:
            sets.append((f"host{i}.{ZONE}", "AAAA", 300, [f"2001:db8::{i:x}"]))
        if i % 5 == 0:
            sets.append((f"host{i}.{ZONE}", "TXT", 300, [f'"v=bench{i}"', f'"owner=team{i % 17}"']))
        if i % 7 == 0:
            sets.append((f"mx{i}.{ZONE}", "MX", 300, [f"10 host{i}.{ZONE}", f"20 host{(i + 1) % 1000}.{ZONE}"]))
    for i in range(150):
        sets.append((f"www{i}.{ZONE}", "CNAME", 300, [f"host{(i * 13) % 1000}.{ZONE}"]))
    for i in range(60):
        sets.append((f"_svc{i}._tcp.{ZONE}", "SRV", 300, [f"0 5 {5000 + i} host{i}.{ZONE}"]))
    sets.append((f"*.wild.{ZONE}", "A", 300, ["10.99.99.99"]))

    with open(f"{out}/{ZONE}.zone", "w") as z:
        z.write(f"$ORIGIN {ZONE}.\n$TTL 300\n")
        z.write(f"@ 900 IN SOA ns1.{ZONE}. hostmaster.{ZONE}. 1 7200 900 1209600 86400\n")
        z.write(f"@ 172800 IN NS ns1.{ZONE}.\nns1 300 IN A 10.255.255.1\n")
        for name, rtype, ttl, values in sets:
            for v in values:
                z.write(f"{name}. {ttl} IN {rtype} {v if rtype != 'CNAME' and rtype != 'MX' and rtype != 'SRV' else fq(v)}\n")

    # Route 53 batches (NS/SOA come with the hosted zone; ns1 A is added for parity)
    r53_sets = sets + [(f"ns1.{ZONE}", "A", 300, ["10.255.255.1"])]
    for b in range(0, len(r53_sets), 1000):
        with open(f"{out}/batch{b // 1000}.xml", "w") as f:
            f.write(change_batch(r53_sets[b:b + 1000]))

    queries = []
    names = [(n, t) for n, t, _, _ in sets if not n.startswith("*")]
    for _ in range(20000):
        r = rnd.random()
        if r < 0.75:
            n, t = rnd.choice(names)
            queries.append(f"{n} {t}")
        elif r < 0.85:
            queries.append(f"host{rnd.randrange(1000)}.{ZONE} MX")  # NODATA
        elif r < 0.90:
            queries.append(f"x{rnd.randrange(100000)}.wild.{ZONE} A")  # wildcard
        else:
            queries.append(f"missing{rnd.randrange(100000)}.{ZONE} A")  # NXDOMAIN
    with open(f"{out}/queries.txt", "w") as f:
        f.write("\n".join(queries) + "\n")

    # "warm" is applied untimed first (JIT, journal), "change" is the one measured.
    for prefix, fname in (("warm", "warm1000"), ("batch", "change1000")):
        batch = [(f"{prefix}{i}.{ZONE}", "A", 60, [f"10.200.{i // 250}.{i % 250 + 1}"]) for i in range(1000)]
        with open(f"{out}/{fname}.xml", "w") as f:
            f.write(change_batch(batch))
        with open(f"{out}/{fname}.nsupdate", "w") as f:
            f.write(f"server 127.0.0.1 {port_for_nsupdate}\nzone {ZONE}\n")
            for n, t, ttl, vs in batch:
                f.write(f"update add {n}. {ttl} IN {t} {vs[0]}\n")
            f.write("send\n")


def fq(v):
    return v if v.endswith(".") else v + "."


def change_batch(sets):
    parts = ['<?xml version="1.0" encoding="UTF-8"?>'
             '<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">'
             '<ChangeBatch><Changes>']
    for name, rtype, ttl, values in sets:
        rr = "".join(f"<ResourceRecord><Value>{esc(v)}</Value></ResourceRecord>" for v in values)
        parts.append(f"<Change><Action>CREATE</Action><ResourceRecordSet><Name>{name}</Name><Type>{rtype}</Type>"
                     f"<TTL>{ttl}</TTL><ResourceRecords>{rr}</ResourceRecords></ResourceRecordSet></Change>")
    parts.append("</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>")
    return "".join(parts)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
