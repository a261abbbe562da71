#!/usr/bin/env python3
"""Runs emulator-kv's command cases (emulator-kv/src/test/resources/kv-cases/*.txt, format in
CaseFile.java) against a real redis-server, to confirm that the expected replies are Redis' own.

  kv-cases-vs-redis.py PORT FILE...          report every step whose reply differs from Redis'
  kv-cases-vs-redis.py --fill PORT FILE...   rewrite steps whose expected reply is '?' with Redis' reply

Start the server yourself: redis-server --port PORT --save '' --appendonly no --daemonize yes.
A developer tool: not part of the build or CI (the build has no Redis). 'clock +N' sleeps N, so keep
clock steps short; 'match' steps are checked as regexes like the Java test does.
"""
import re
import socket
import sys
import time

COMMAND = re.compile(r'^(\d*)> (.*)$')
READ = re.compile(r'^(\d+)<\s*$')
CLOCK = re.compile(r'^clock \+(\d+)(ms|s|m)$')
BULK_HEADER = re.compile(r'^[$=!]\d+$')


def unescape(s):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            if n == 'x' and i + 3 < len(s) and all(ch in '0123456789abcdefABCDEF' for ch in s[i + 2:i + 4]):
                out.append(int(s[i + 2:i + 4], 16))
                i += 4
                continue
            out += {'n': b'\n', 'r': b'\r', 't': b'\t', 'b': b'\b', 'a': b'\a'}.get(n, n.encode())
            i += 2
        else:
            out += c.encode()
            i += 1
    return bytes(out)


def split(s):
    out, i = [], 0
    while True:
        while i < len(s) and s[i].isspace():
            i += 1
        if i >= len(s):
            return out
        arg = bytearray()
        q = s[i]
        if q in '"\'':
            i += 1
            while s[i] != q:
                if s[i] == '\\' and i + 1 < len(s):
                    if q == "'":
                        if s[i + 1] == "'":
                            arg += b"'"
                            i += 2
                            continue
                    else:
                        j = i + 4 if s[i + 1] == 'x' else i + 2
                        arg += unescape(s[i:j])
                        i = j
                        continue
                arg += s[i].encode()
                i += 1
            i += 1
        else:
            while i < len(s) and not s[i].isspace():
                arg += s[i].encode()
                i += 1
        out.append(bytes(arg))


def encode(args):
    b = b'*%d\r\n' % len(args)
    for a in args:
        b += b'$%d\r\n%s\r\n' % (len(a), a)
    return b


def is_step(l):
    return (l.strip() == '' or l == '#' or l.startswith('# ') or l.startswith('### ') or l.startswith('raw>')
            or COMMAND.match(l) or READ.match(l) or CLOCK.match(l))


def escape(b):
    out = bytearray()
    for v in b:
        if v == 92:
            out += b'\\\\'
        elif v == 13:
            out += b'\\r'
        elif v == 10:
            out += b'\\n'
        elif v < 0x20 or v >= 0x7f:
            out += b'\\x%02x' % v
        else:
            out.append(v)
    return out.decode('latin-1')


def render(b):
    """Reply bytes as case-file lines: one per RESP line, a bulk payload on one line (escaped)."""
    lines, i = [], 0
    while i < len(b):
        end = b.find(b'\r\n', i)
        if end < 0:
            lines.append(escape(b[i:]))
            break
        head = b[i:end]
        lines.append(escape(head))
        i = end + 2
        if head[:1] in (b'$', b'=', b'!') and head[1:].isdigit():
            n = int(head[1:])
            lines.append(escape(b[i:i + n]))
            i += n + 2
    return lines


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(('127.0.0.1', port))
        self.buf = b''

    def complete(self):
        """Length of the first complete reply in buf, or None."""
        def parse(pos):
            end = self.buf.find(b'\r\n', pos)
            if end < 0:
                return None
            t, body = self.buf[pos:pos + 1], self.buf[pos + 1:end]
            nxt = end + 2
            if t in b'$=!':
                n = int(body)
                if n < 0:
                    return nxt
                return nxt + n + 2 if len(self.buf) >= nxt + n + 2 else None
            if t in b'*~>%|':
                n = int(body)
                if n < 0:
                    return nxt
                n = n * 2 if t in b'%|' else n
                for _ in range(n):
                    nxt = parse(nxt)
                    if nxt is None:
                        return None
                if t == b'|':
                    return parse(nxt)
                return nxt
            return nxt
        return parse(0) if self.buf else None

    def read_all(self, wait):
        """Every reply that arrives: at least one complete one unless wait is 0, then until quiet."""
        self.s.settimeout(5 if wait else 0.1)
        got = b''
        while True:
            try:
                data = self.s.recv(65536)
            except socket.timeout:
                data = None
            if data:
                self.buf += data
            while True:
                n = self.complete()
                if n is None:
                    break
                got += self.buf[:n]
                self.buf = self.buf[n:]
            if data is None or data == b'':
                return got
            if got and not self.buf:
                self.s.settimeout(0.05)


def reply_to(conns, port, n, request):
    while len(conns) < n:
        conns.append(Conn(port))
    c = conns[n - 1]
    if request is not None:
        c.s.sendall(request)
    return c.read_all(request is not None)


def run(port, path, fill):
    lines = open(path, encoding='utf-8').read().split('\n')
    out, i, conns, failures = [], 0, [], 0
    while i < len(lines):
        l = lines[i]
        line_no = i + 1
        out.append(l)
        i += 1
        if l.startswith('### '):
            for c in conns:
                c.s.close()
            conns = []
            admin = Conn(port)
            for cmd in (b'FLUSHALL', b'SCRIPT FLUSH', b'FUNCTION FLUSH', b'CONFIG RESETSTAT', b'SLOWLOG RESET'):
                admin.s.sendall(encode(cmd.split()))
                admin.read_all(True)
            # users a case made: every case starts with the default user only
            admin.s.sendall(encode([b'ACL', b'USERS']))
            users = [u for u in render(admin.read_all(True)) if u and u[0] not in '*$' and u != 'default']
            if users:
                admin.s.sendall(encode([b'ACL', b'DELUSER'] + [u.encode() for u in users]))
                admin.read_all(True)
            admin.s.close()
            continue
        m = CLOCK.match(l)
        if m:
            time.sleep(int(m.group(1)) / {'ms': 1000, 's': 1, 'm': 1 / 60}[m.group(2)])
            continue
        request, n = None, None
        if l.startswith('raw>'):
            request, n = unescape(l[4:].lstrip()), 1
        elif COMMAND.match(l) and not (l.startswith('#') or l.strip() == ''):
            m = COMMAND.match(l)
            request, n = encode(split(m.group(2))), int(m.group(1) or 1)
        elif READ.match(l):
            n = int(READ.match(l).group(1))
        else:
            continue
        expected, payload_next = [], False
        while i < len(lines) and (payload_next or not is_step(lines[i])):
            expected.append(lines[i])
            payload_next = not payload_next and bool(BULK_HEADER.match(lines[i])) and lines[i] != '$-1'
            i += 1
        wait = not (expected == ['(no reply)'] or request is None)
        actual = reply_to(conns, port, n, request) if wait else (
            reply_to(conns, port, n, request) if request is None else send_quiet(conns, port, n, request))
        actual_lines = render(actual) if actual else ['(no reply)']
        if fill and expected == ['?']:
            out.extend(actual_lines)
            continue
        out.extend(expected)
        if expected and expected[0].startswith('match '):
            ok = re.fullmatch(expected[0][6:], actual.decode('latin-1'), re.S) is not None
        else:
            ok = expected == actual_lines
        if not ok:
            failures += 1
            print('%s:%d %s\n--- expected\n%s\n--- redis\n%s\n' % (path, line_no, l, '\n'.join(expected),
                                                                  '\n'.join(actual_lines)))
    if fill:
        open(path, 'w', encoding='utf-8').write('\n'.join(out))
    return failures


def send_quiet(conns, port, n, request):
    while len(conns) < n:
        conns.append(Conn(port))
    conns[n - 1].s.sendall(request)
    return conns[n - 1].read_all(False)


if __name__ == '__main__':
    args = sys.argv[1:]
    fill = args[:1] == ['--fill']
    if fill:
        args = args[1:]
    total = sum(run(int(args[0]), p, fill) for p in args[1:])
    print('%d step(s) differ from redis-server' % total)
    sys.exit(1 if total and not fill else 0)
