#!/usr/bin/env bash
# casebook over a real SSH session, end to end. Installs OpenSSH's server from Debian's packages if
# missing, starts sshd on 127.0.0.1 with throwaway keys, and from a local tmux pane runs
# `ssh -tt` into it to start casebook. Drives it (filter, open a case, search), reads the screen
# back, quits, and checks the exit status and that the terminal was restored (tmux's own record
# of the pane's modes). Then drops the link mid-session (kills the ssh client) and checks that
# casebook is gone. Loopback only, bounded in time, and it cleans up after itself.
# Usage: tests/e2e/ssh.sh [path/to/casebook]
set -euo pipefail

bin=$(realpath "${1:-target/debug/casebook}")
[ -x "$bin" ] || { echo "ssh.sh: no casebook binary at $bin" >&2; exit 1; }

# Installing needs root; elsewhere sudo.
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
if [ ! -x /usr/sbin/sshd ] || ! command -v tmux >/dev/null || ! command -v pgrep >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  packages="openssh-server tmux procps"
  $sudo apt-get install -y -q $packages >/dev/null 2>&1 ||
    { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q $packages >/dev/null; }
fi

work=$(mktemp -d)
socket="$work/tmux.sock"
cleanup() {
  tmux -S "$socket" kill-server 2>/dev/null || true
  [ -f "$work/sshd.pid" ] && kill "$(cat "$work/sshd.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Throwaway keys and a private sshd on a free loopback port.
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/id"
cp "$work/id.pub" "$work/authorized_keys"
chmod 600 "$work/authorized_keys"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
[ -d /run/sshd ] || $sudo mkdir -p /run/sshd
cat >"$work/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
AcceptEnv LANG TERM
CONF
/usr/sbin/sshd -f "$work/sshd_config" -E "$work/sshd.log"
for _ in $(seq 50); do [ -f "$work/sshd.pid" ] && break; sleep 0.1; done

ssh_cmd="ssh -tt -i $work/id -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5 $(id -un)@127.0.0.1"

screen() { tmux -S "$socket" capture-pane -p -t "$1"; }
# Waits up to 10 s for text on a pane's screen.
expect() {
  for _ in $(seq 100); do
    screen "$1" | grep -qF -- "$2" && return 0
    sleep 0.1
  done
  echo "ssh.sh: the screen never showed \"$2\":" >&2
  screen "$1" >&2
  exit 1
}
keys() { tmux -S "$socket" send-keys -t "$1" "${@:2}"; sleep 0.3; }

# 1. A whole session: filter, open a case, search, quit.
tmux -S "$socket" -f /dev/null new-session -d -s one -x 80 -y 24 \
  "$ssh_cmd 'TERM=xterm-256color CASEBOOK_LANG=zh $bin'; echo EXIT=\$? > $work/one.exit; sleep 30"
tmux -S "$socket" set-option -g remain-on-exit on >/dev/null
# Let OSC 52 from the pane make a tmux buffer (what a user's tmux.conf sets to copy over SSH).
tmux -S "$socket" set-option -g set-clipboard on >/dev/null
expect one "25 / 25 例"
keys one f Space
expect one "14 / 25 例"
keys one Escape
keys one j Enter
expect one "第 7 例"
keys one c
keys one / n n Enter
expect one "/nn"
# 1b. Copy over SSH: y sends the open case's citation as OSC 52; tmux keeps it as a buffer.
keys one y
expect one "已复制引用"
citation=$(CASEBOOK_LANG=zh "$bin" show nanning-fangduoduo --format citation)
for _ in $(seq 50); do
  tmux -S "$socket" show-buffer 2>/dev/null | grep -qF -- "$citation" && break
  sleep 0.1
done
tmux -S "$socket" show-buffer 2>/dev/null | grep -qF -- "$citation" ||
  { echo "ssh.sh: the citation did not reach tmux's buffer:" >&2; tmux -S "$socket" show-buffer >&2; exit 1; }
echo "ssh.sh: y copies the citation over ssh into tmux's buffer: ok"
[ "$(tmux -S "$socket" display -p -t one '#{alternate_on}')" = 1 ] ||
  { echo "ssh.sh: casebook did not use the alternate screen" >&2; exit 1; }
keys one q
for _ in $(seq 100); do [ -f "$work/one.exit" ] && break; sleep 0.1; done
[ "$(cat "$work/one.exit" 2>/dev/null)" = "EXIT=0" ] ||
  { echo "ssh.sh: casebook over ssh ended with $(cat "$work/one.exit" 2>/dev/null)" >&2; exit 1; }
# Restored: the alternate screen left, the cursor shown, mouse reporting off.
modes=$(tmux -S "$socket" display -p -t one '#{alternate_on} #{cursor_flag} #{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}')
[ "$modes" = "0 1 0000" ] ||
  { echo "ssh.sh: terminal not restored (alternate cursor mouse: $modes)" >&2; exit 1; }
echo "ssh.sh: a whole session over ssh: ok"

# 2. The link drops mid-session: casebook must go (SIGHUP), not linger.
marker="casebook-ssh-e2e-$$"
tmux -S "$socket" new-session -d -s two -x 80 -y 24 \
  "$ssh_cmd 'CASEBOOK_LANG=zh exec -a $marker $bin'; sleep 30"
expect two "25 / 25 例"
pgrep -f "$marker" >/dev/null || { echo "ssh.sh: casebook is not running" >&2; exit 1; }
pkill -KILL -f "ssh -tt -i $work/id"
for _ in $(seq 100); do pgrep -f "$marker" >/dev/null || break; sleep 0.1; done
if pgrep -f "$marker" >/dev/null; then
  echo "ssh.sh: casebook outlived its dropped ssh link" >&2
  pkill -KILL -f "$marker" || true
  exit 1
fi
echo "ssh.sh: a dropped ssh link ends casebook: ok"

# 3. casebook gate behind this sshd, as an office that runs its own: one account, each officer's
# key on a line `command="casebook gate --person NAME",restrict,pty …`. sshd authenticates and
# refuses forwarding; gate gives the browser (progress kept per person) or a read-only command,
# and refuses anything else as serve does.
ssh-keygen -q -t ed25519 -N '' -f "$work/alice"
echo "command=\"$bin --state $work/state gate --person alice\",restrict,pty $(cat "$work/alice.pub")" >>"$work/authorized_keys"
as_alice=(ssh -i "$work/alice" -o IdentitiesOnly=yes -p "$port" -o StrictHostKeyChecking=no
  -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5 -o BatchMode=yes "$(id -un)@127.0.0.1")
json=$("${as_alice[@]}" list --json) || { echo "ssh.sh: gate: list --json failed" >&2; exit 1; }
python3 -c 'import json,sys; assert len(json.loads(sys.argv[1])) == 25' "$json" ||
  { echo "ssh.sh: gate: list --json gave $json" >&2; exit 1; }
set +e
out=$("${as_alice[@]}" rm -rf / 2>&1); status=$?
"${as_alice[@]}" list --cases /etc >/dev/null 2>&1; cases=$?
"${as_alice[@]}" search nosuchword >/dev/null 2>&1; nothing=$?
timeout 20 "${as_alice[@]}" -W 127.0.0.1:"$port" </dev/null >/dev/null 2>&1; forward=$?
set -e
[ "$status" = 2 ] && grep -q "is not served here" <<<"$out" ||
  { echo "ssh.sh: gate: rm -rf / was not refused: $status $out" >&2; exit 1; }
[ "$cases" = 2 ] || { echo "ssh.sh: gate: --cases was not refused ($cases)" >&2; exit 1; }
[ "$nothing" = 1 ] || { echo "ssh.sh: gate: a search finding nothing did not exit 1 ($nothing)" >&2; exit 1; }
[ "$forward" != 0 ] || { echo "ssh.sh: gate: forwarding got through restrict" >&2; exit 1; }
tmux -S "$socket" new-session -d -s gate -x 80 -y 24 \
  "ssh -tt -i $work/alice -o IdentitiesOnly=yes -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR $(id -un)@127.0.0.1; echo GATE-EXIT=\$? >$work/gate.exit; sleep 30"
expect gate "25 / 25 例"
keys gate t
expect gate "1/10"
keys gate 1
keys gate Escape
keys gate q
for _ in $(seq 100); do [ -f "$work/gate.exit" ] && break; sleep 0.1; done
[ "$(cat "$work/gate.exit" 2>/dev/null)" = "GATE-EXIT=0" ] ||
  { echo "ssh.sh: gate: the browser ended with $(cat "$work/gate.exit" 2>/dev/null)" >&2; exit 1; }
[ -s "$work/state/people/alice/progress.toml" ] ||
  { echo "ssh.sh: gate: alice's progress was not kept under people/alice" >&2; ls -R "$work/state" >&2 || true; exit 1; }
echo "ssh.sh: casebook gate behind sshd (commands, refusals, browser, progress per person): ok"
