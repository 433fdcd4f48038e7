#!/usr/bin/env python3
"""The browser as a user meets it, in a pty at 120x40: the time until the first frame is written
(the end of its synchronized update, ESC[?2026l), then, after `/`, the time from each key of QUERY
until the end of the frame it causes, a pause after each as a typist leaves; then the process's
peak and resident memory (VmHWM, VmRSS) once the first frame is drawn and at the end, in MB
(10^6 bytes).

Usage: benches/pty_keys.py QUERY target/release/casebook --cases DIR --only
(Run once first to write the cache: the second run is the warm start.)
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

FRAME_END = b"\x1b[?2026l"


def read_until(fd, marker, timeout):
    start = time.monotonic()
    seen = b""
    while time.monotonic() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.005)
        if ready:
            seen += os.read(fd, 1 << 20)
            if marker in seen:
                return time.monotonic() - start
    return None


def drain(fd):
    while select.select([fd], [], [], 0.2)[0]:
        os.read(fd, 1 << 20)


def memory(pid):
    """The process's peak and resident memory, in MB (the kernel counts in KiB)."""
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    mb = lambda name: int(fields[name].split()[0]) * 1024 / 1e6
    return f"peak {mb('VmHWM'):.1f} MB, resident {mb('VmRSS'):.1f} MB"


def main():
    query, command = sys.argv[1], sys.argv[2:]
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    if read_until(fd, FRAME_END, 60) is None:
        sys.exit("no frame within 60 s")
    print(f"first frame: {(time.monotonic() - start) * 1000:.0f} ms")
    drain(fd)
    print("at the first frame, " + memory(pid))
    os.write(fd, b"/")
    read_until(fd, FRAME_END, 10)
    keys = []
    for key in query:
        drain(fd)
        os.write(fd, key.encode())
        took = read_until(fd, FRAME_END, 10)
        keys.append(f"{key} {took * 1000:.0f}" if took is not None else f"{key} -")
    print("keys (ms): " + " | ".join(keys))
    print("at the end, " + memory(pid))
    os.write(fd, b"\x1bq")
    time.sleep(0.3)
    try:
        os.kill(pid, 9)
    except OSError:
        pass


if __name__ == "__main__":
    main()
