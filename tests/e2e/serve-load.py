#!/usr/bin/env python3
"""32 officers at once: each opens the browser through `ssh -tt`, then for 20 s opens cases and
searches, and every key must be answered (bytes back within 5 s). Prints the server's memory per
session and CPU per keystroke. Usage: serve-load.py PORT KEY SERVER_PID [SESSIONS] [SECONDS]"""
import os, pty, select, sys, time

port, key, server = sys.argv[1], sys.argv[2], int(sys.argv[3])
sessions = int(sys.argv[4]) if len(sys.argv) > 4 else 32
seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 20.0


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start():
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp("ssh", ["ssh", "-tt", "-p", port, "-i", key, "-o", "IdentitiesOnly=yes",
                          "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                          "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "localhost"])
    return pid, fd


def read_until(fd, want, limit):
    got, end = b"", time.time() + limit
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return got, False
            if not chunk:
                return got, False
            got += chunk
            if want in got:
                return got, True
    return got, False


rss_idle = rss_kb(server)
clients = [start() for _ in range(sessions)]
for pid, fd in clients:
    # The end of a frame (synchronized update): the browser is drawn.
    _, ok = read_until(fd, b"\x1b[?2026l", 30)
    if not ok:
        sys.exit(f"serve-load: a session never showed the browser")
rss_open = rss_kb(server)
cpu_before = cpu_seconds(server)
# Each session in turn: a key, then its answer (any bytes) before the next key for that session.
keys = [b"j", b"j", b"\r", b"j", b"\x1b", b"k", b"/", b"f", b"d", b"d", b"\r", b"\x1b", b"\x7f", b"g"]
sent = answered = 0
pending = {}  # fd -> time the key was sent
step = {fd: 0 for _, fd in clients}
end = time.time() + seconds
while time.time() < end:
    for _, fd in clients:
        if fd not in pending:
            os.write(fd, keys[step[fd] % len(keys)])
            step[fd] += 1
            pending[fd] = time.time()
            sent += 1
    ready, _, _ = select.select(list(pending), [], [], 0.2)
    for fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            sys.exit("serve-load: a session dropped")
        answered += 1
        del pending[fd]
    for fd, at in pending.items():
        if time.time() - at > 5:
            sys.exit(f"serve-load: a key went unanswered for 5 s ({answered} of {sent} answered)")
cpu = cpu_seconds(server) - cpu_before
for pid, fd in clients:
    os.kill(pid, 15)
    os.close(fd)
    os.waitpid(pid, 0)
print(f"serve-load: {sessions} sessions for {seconds:.0f} s: {answered} keys answered of {sent} sent, none dropped")
print(f"serve-load: server memory {rss_idle} kB idle, {rss_open} kB with {sessions} browsers open: "
      f"{(rss_open - rss_idle) / sessions:.0f} kB per session")
print(f"serve-load: server CPU {cpu:.2f} s for {answered} keystrokes: {1000 * cpu / max(answered, 1):.2f} ms per keystroke")
