#!/usr/bin/env python3
"""A DNS server on 127.0.0.1 that answers A queries (192.0.2.1, TTL 60)
and never answers AAAA: the middlebox failure the resolver must survive.
Prints its port on stdout, then serves until its parent dies."""
import ctypes
import os
import signal
import socket
import struct
import sys

# Die with the test that started us (PR_SET_PDEATHSIG).
ctypes.CDLL(None).prctl(1, signal.SIGKILL)
if os.getppid() == 1:
    sys.exit(0)

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
while True:
    q, peer = s.recvfrom(512)
    if len(q) < 17:
        continue
    i = 12
    while i < len(q) and q[i] != 0:
        i += 1 + q[i]
    if i + 5 > len(q):
        continue
    qtype = struct.unpack(">H", q[i + 1:i + 3])[0]
    if qtype != 1:
        continue
    head = q[:2] + b"\x81\x80" + struct.pack(">HHHH", 1, 1, 0, 0)
    rr = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + bytes([192, 0, 2, 1])
    s.sendto(head + q[12:i + 5] + rr, peer)
