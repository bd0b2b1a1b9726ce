"""Listeners for the connect tests, on one port of both loopbacks:
[::1]:PORT drops every SYN (its accept queue, of length 1, is held full by
a connection nobody accepts) and 127.0.0.1:PORT answers each line with the
same line. Prints PORT, then serves until stdin closes or 60 s pass."""
import select
import socket
import sys
import time

v6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
v6.bind(("::1", 0))
v6.listen(0)
port = v6.getsockname()[1]
filler = socket.create_connection(("::1", port))
v4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
v4.bind(("127.0.0.1", port))
v4.listen(16)
print(port, flush=True)
end = time.monotonic() + 60
while time.monotonic() < end:
    ready, _, _ = select.select([v4, sys.stdin], [], [], 1)
    if sys.stdin in ready:
        break
    if v4 in ready:
        conn, _ = v4.accept()
        conn.settimeout(2)
        try:
            data = conn.recv(256)
            if data:
                conn.sendall(data)
        except OSError:
            pass
        conn.close()
