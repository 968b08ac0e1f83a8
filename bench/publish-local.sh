#!/usr/bin/env bash
# `orca publish --local` of a generated 200-organization Besu network (bench/gen-network.py 200 5: 1,000 services,
# 200 embedded local repositories .orca/git/<org>.git, every Secret sealed with SOPS/age), against the git CLI doing
# the equivalent commits in the same run: 200 local repositories, the same files copied in, `git add -A && git commit`.
#   first     — empty state and repositories: keys drawn, every file written and committed
#   no-op     — the same network again: nothing to commit
#   one-org   — one organization's node changed (org-150's member-1: metrics off): one repository changes
# Each of ROUNDS rounds runs the three in order for Orca, then for the git CLI on the files Orca's commits hold
# (exported beforehand, not timed). Wall and CPU (user + sys) by /usr/bin/time; medians over the rounds.
# Knobs: ORGS (200), SERVICES (5), ROUNDS (3). Output: bench/results/publish-local.txt (table + raw lines).
set -euo pipefail
cd "$(dirname "$0")/.."
orgs="${ORGS:-200}" services="${SERVICES:-5}" rounds="${ROUNDS:-3}"
root="$(pwd)"
./orca --version >/dev/null                          # builds the jar when stale and trains its start-up cache
work="$(mktemp -d /tmp/orca-publish-local.XXXXXX)"
trap 'rm -rf "$work"' EXIT
python3 bench/gen-network.py "$orgs" "$services" > "$work/net.yaml"
# one node of one organization changes; nothing another organization's files name
changed_org="org-$(printf %03d $(( orgs * 3 / 4 )))"
python3 - "$work/net.yaml" "$work/net-changed.yaml" "$changed_org" <<'EOF'
import sys
text = open(sys.argv[1]).read()
marker = "      name: %s\n" % sys.argv[3]
head, tail = text.split(marker, 1)
old = "metrics: { enabled: true, port: 9545 }"
assert old in tail
open(sys.argv[2], "w").write(head + marker + tail.replace(old, "metrics: { enabled: false, port: 9545 }", 1))
EOF
out="bench/results/publish-local.txt"
mkdir -p bench/results
raw="$work/raw.txt"
: > "$raw"
measure() { # label command...: appends "label wall cpu" to $raw
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > "$work/out" 2> "$work/err" || {
    local rc=$?; [ "$rc" -le 1 ] || { cat "$work/err" >&2; exit "$rc"; }; }
  read -r wall user sys < <(tail -1 "$work/t")
  echo "$label $wall $(python3 -c "print(round($user + $sys, 2))")" | tee -a "$raw"
}
export_trees() { # dest: the files of every organization's repository head, as Orca committed them
  local dest="$1"; rm -rf "$dest"; mkdir -p "$dest"
  for repo in "$work"/p/.orca/git/*.git; do
    local name; name="$(basename "$repo" .git)"; mkdir -p "$dest/$name"
    git --git-dir "$repo" archive main | tar -x -C "$dest/$name"
  done
}
git_cli() { # src: copy each tree into its own repository and commit what changed, as a script would
  local src="$1"
  for dir in "$src"/*/; do
    local name; name="$(basename "$dir")"; local wt="$work/cli/$name"
    [ -d "$wt/.git" ] || git init -q -b main "$wt"
    find "$wt" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
    cp -a "$dir." "$wt/"
    git -C "$wt" add -A
    git -C "$wt" diff --cached --quiet || git -C "$wt" -c user.name=bench -c user.email=bench@example.test commit -q -m "publish"
  done
}
export -f git_cli
export work
echo "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(git --version), ORGS=$orgs SERVICES=$services ROUNDS=$rounds" | tee "$out"
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/p" "$work/cli" "$work/cache"; mkdir -p "$work/p"
  cp "$work/net.yaml" "$work/p/net.yaml"; cp "$work/net-changed.yaml" "$work/p/net-changed.yaml"
  cd "$work/p"
  export ORCA_WORK_DIR="$work/cache"
  measure "orca-first" "$root/orca" publish net.yaml --local -q
  export_trees "$work/gen-first"
  measure "orca-noop" "$root/orca" publish net.yaml --local -q
  measure "orca-one-org" "$root/orca" publish net-changed.yaml --local -q
  grep -q "1 committed, $(( orgs - 1 )) unchanged, 0 failed" "$work/out" || { echo "one-org: expected one commit" >&2; cat "$work/out" | tail -3 >&2; exit 1; }
  export_trees "$work/gen-changed"
  cd "$root"
  measure "git-first" bash -c 'git_cli "$work/gen-first"'
  measure "git-noop" bash -c 'git_cli "$work/gen-first"'
  measure "git-one-org" bash -c 'git_cli "$work/gen-changed"'
done
python3 - "$raw" <<'EOF' | tee -a "$out"
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    label, wall, cpu = line.split()
    rows.setdefault(label, []).append((float(wall), float(cpu)))
med = lambda xs: statistics.median(xs)
print("\n| operation | Orca wall | Orca CPU | git CLI wall | git CLI CPU | wall ratio | CPU ratio |")
print("|---|---:|---:|---:|---:|---:|---:|")
for op, name in (("first", "first publish"), ("noop", "no-op publish"), ("one-org", "one organization changed")):
    o, g = rows["orca-" + op], rows["git-" + op]
    ow, oc, gw, gc = med([w for w, _ in o]), med([c for _, c in o]), med([w for w, _ in g]), med([c for _, c in g])
    print(f"| {name} | {ow:.2f} s | {oc:.2f} s | {gw:.2f} s | {gc:.2f} s | {ow / gw:.2f} | {oc / gc:.2f} |")
EOF
echo "raw (label wall cpu):" >> "$out"; cat "$raw" >> "$out"
