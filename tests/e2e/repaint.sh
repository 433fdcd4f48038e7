#!/usr/bin/env bash
# In a real terminal emulator (tmux), what casebook draws frame by frame — only the changed
# cells, with the fewest cursor moves (src/tui/wire.rs) — must equal a full repaint of the same
# screen (Ctrl-L clears and draws everything again). Checked after moves, a case, the help popup
# over double-width text, a search, the statistics, training and a language switch, at 120×40 and
# 80×24. Runs after ssh.sh (which installs tmux if missing). Usage: tests/e2e/repaint.sh [binary]
set -euo pipefail

bin=$(realpath "${1:-target/debug/casebook}")
[ -x "$bin" ] || { echo "repaint.sh: no casebook binary at $bin" >&2; exit 1; }
command -v tmux >/dev/null || { echo "repaint.sh: tmux is needed" >&2; exit 1; }

work=$(mktemp -d)
socket="$work/tmux.sock"
trap 'tmux -S "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

screen() { tmux -S "$socket" capture-pane -p -t w; }
# The screen once it has stopped changing for a second (a slow machine may still be drawing, or
# busy a while before it draws: making training's exercises in a debug build), up to 10 s.
settled() {
  local before after still=0
  before=$(screen)
  for _ in $(seq 40); do
    sleep 0.25
    after=$(screen)
    if [ "$after" = "$before" ]; then
      still=$((still + 1))
      [ "$still" -ge 4 ] && break
    else
      still=0
    fi
    before=$after
  done
  echo "$before"
}
keys() { tmux -S "$socket" send-keys -t w "$@"; sleep 0.25; }
# The screen as drawn, then as repainted from nothing: they must be the same.
check() {
  local drawn repainted
  drawn=$(settled)
  keys C-l
  repainted=$(settled)
  if [ "$drawn" != "$repainted" ]; then
    echo "repaint.sh: $1 ($2): the frame drawn differs from a full repaint" >&2
    diff <(echo "$drawn") <(echo "$repainted") >&2 || true
    exit 1
  fi
}

for size in 120x40 80x24; do
  tmux -S "$socket" -f /dev/null new-session -d -s w -x "${size%x*}" -y "${size#*x}" \
    "TERM=xterm-256color CASEBOOK_LANG=zh $bin --state $work/state --no-mouse"
  sleep 0.8
  keys j; keys j; keys j; check "moves" "$size"
  keys Enter; keys j; keys j; check "a case, scrolled" "$size"
  keys Escape; keys Escape; keys f; keys ' '; keys Escape; check "a filter" "$size"
  keys '?'; check "help over the list" "$size"
  keys '?'; keys /; keys f; keys d; keys d; keys Enter; check "a search" "$size"
  keys Escape; keys S; keys j; keys j; check "statistics" "$size"
  keys Escape; keys t; keys a; check "training feedback" "$size"
  keys L; check "English" "$size"
  keys Escape; keys s; keys n; keys n; check "a provision" "$size"
  keys q
  sleep 0.3
  tmux -S "$socket" kill-server 2>/dev/null || true
done
echo "repaint.sh: frames drawn in tmux equal full repaints: ok"
