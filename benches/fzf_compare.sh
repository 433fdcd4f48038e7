#!/usr/bin/env bash
# Compares `casebook search` end to end with `fzf --filter` over the same cases, flattened to one
# line per case, on a generated library. Usage: benches/fzf_compare.sh N QUERY...
# Needs hyperfine, fzf and jq (Debian packages) and a release build.
set -euo pipefail
n=${1:-10000}; shift || true
queries=("${@:-房产经纪 fangchan}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo run --release --quiet --example gen_library -- "$n" "$dir/lib" >/dev/null
bin=target/release/casebook
"$bin" --cases "$dir/lib" --only list --json |
  jq -r '.[] | [.id, .title, .party.name, .place.province, (.place.city // ""), (.authority // ""),
               ((.data_kinds // []) | join(" ")), .summary] | join(" ") | gsub("\n"; " ")' >"$dir/flat.txt"
for q in "${queries[@]}"; do
  hyperfine --warmup 2 --runs 10 \
    "$bin --cases $dir/lib --only search $q" \
    "fzf --filter $q --no-sort -i < $dir/flat.txt" 2>/dev/null |
    grep -E 'Benchmark|Time \(mean'
done
