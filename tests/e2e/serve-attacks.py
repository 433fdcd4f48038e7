#!/usr/bin/env python3
"""What OpenSSH's client cannot send, sent to `casebook serve` by a scripted client (paramiko), as
a hostile officer would: each attack of issue 27 reproduced, and the server's memory and log read
after it. Usage: serve-attacks.py PORT KEY SERVER_PID LOG. Exits non-zero with the finding."""
import os, sys, threading, time

import paramiko

port, key_path, server, log_path = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
key = paramiko.Ed25519Key.from_private_key_file(key_path)


def rss_mb():
    with open(f"/proc/{server}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024


def fail(why):
    sys.exit(f"serve-attacks: {why}")


def connect():
    t = paramiko.Transport(("127.0.0.1", port))
    t.start_client(timeout=10)
    t.auth_publickey("officer", key)
    if not t.is_authenticated():
        fail("the officer's key was refused")
    return t


def raw_request(chan, kind, payload=b"", reply=False):
    m = paramiko.Message()
    m.add_byte(paramiko.common.cMSG_CHANNEL_REQUEST)
    m.add_int(chan.remote_chanid)
    m.add_string(kind)
    m.add_boolean(reply)
    if payload:
        m.add_bytes(payload)
    chan.transport._send_user_message(m)


def string(b):
    return len(b).to_bytes(4, "big") + b


def pty_payload(cols, rows):
    return string(b"xterm") + cols.to_bytes(4, "big") + rows.to_bytes(4, "big") + \
        (0).to_bytes(4, "big") * 2 + string(b"")


def closing_line(address):
    """The log's closing line for the connection from `address` (host:port)."""
    for _ in range(600):
        with open(log_path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if f" {address} " in line and "closed after" in line:
                    return line
        time.sleep(0.1)
    fail(f"no closing line for {address}")


base = rss_mb()

# 1. 5,000 refused subsystem requests on one channel (of 1 KB here, 30 KB in the finding, to keep
#    a debug build's time short): the connection's record and its log line stay bounded (it grew
#    to 170 MB and wrote one 150 MB line).
t = connect()
address = "%s:%d" % t.sock.getsockname()
chan = t.open_session()
for _ in range(5000):
    raw_request(chan, "subsystem", string(b"s" * 1_000))
time.sleep(1)
t.close()
line = closing_line(address)
if len(line.encode()) > 2300:
    fail(f"the closing log line is {len(line.encode())} bytes")
if "more" not in line:
    fail(f"the closing line does not say how many entries it left out: {line[:300]}")
print(f"serve-attacks: 5,000 subsystem requests: log line {len(line.encode())} bytes, "
      f"server {rss_mb():.0f} MB (from {base:.0f})")

# 2. Two shell requests on one channel: one browser only.
t = connect()
address = "%s:%d" % t.sock.getsockname()
chan = t.open_session()
chan.get_pty(width=80, height=24)
chan.invoke_shell()
raw_request(chan, "shell")
time.sleep(1)
t.close()
line = closing_line(address)
if "a second shell on one channel (refused)" not in line:
    fail(f"a second shell on one channel was not refused: {line[:300]}")
print("serve-attacks: a second shell on one channel: refused")

# 3. Pty requests on channels opened and closed 300 times: nothing kept of closed channels.
t = connect()
before = rss_mb()
for _ in range(300):
    c = t.open_session()
    raw_request(c, "pty-req", pty_payload(65535, 65535))
    c.close()
grown = rss_mb() - before
t.close()
if grown > 20:
    fail(f"300 closed channels with pty requests grew the server by {grown:.0f} MB")
print(f"serve-attacks: 300 closed channels with 65535x65535 ptys: +{grown:.1f} MB")

# 4. Input without end to a browser, and a client that never reads what it draws: both bounded
#    (input grew to 5.4 GB, queued frames to 515 MB).
t = connect()
chan = t.open_session()
chan.get_pty(width=200, height=60)
chan.invoke_shell()
time.sleep(0.5)
before = rss_mb()
stop = time.time() + 8
sent = 0


def flood():
    global sent
    burst = b"jkjkjkjkG g/fdd\x1b" * 4096
    while time.time() < stop:
        try:
            chan.sendall(burst)
            sent += len(burst)
        except Exception:
            return


sender = threading.Thread(target=flood, daemon=True)
sender.start()
peak = before
while time.time() < stop:
    peak = max(peak, rss_mb())
    time.sleep(0.2)
t.close()
grown = peak - before
if grown > 100:
    fail(f"a flood of {sent >> 20} MB of keys to an unread browser grew the server by {grown:.0f} MB")
print(f"serve-attacks: {sent >> 20} MB of keys to a browser never read: peak +{grown:.0f} MB")

# The server is alive and answers after all of it.
t = connect()
chan = t.open_session()
chan.exec_command("show 7 --format citation")
out = chan.makefile().read()
status = chan.recv_exit_status()
t.close()
if status != 0 or b"7" not in out:
    fail(f"no answer after the attacks ({status})")
print("serve-attacks: the server answers after the attacks: ok")
