#!/usr/bin/env bash
# orca generate on the 200-organization Besu network (bench/gen-network.py 200 5): warm (io.orca.bench.GenerateBench,
# GenerateService.plan with a seeded SecureRandom and an in-memory material store, with and without write) and cold
# (./orca generate end-to-end with hyperfine: first run with an empty state folder, then re-runs).
# Two networks: as generated (https repositories: no age recipients, so no Secret is sealed) and "-local" (the
# gitops sections removed: every organization gets an embedded local repository, a local age key, and SOPS-encrypted
# Secrets). "compare" (issue 16): the same Besu network and its GoQuorum twin (bench/gen-network.py 200 5 quorum), warm
# and cold, wall time and peak RSS (/usr/bin/time), in one run.
# Usage: bench/generate-bench.sh [warm|warm-https|warm-local|cold|compare|all]   Results: bench/results/generate-*.txt, .json, .md
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
WARMUP="${WARMUP:-2}" RUNS="${RUNS:-5}"
mkdir -p bench/data bench/results
net=bench/data/besu-200-orgs.yaml local=bench/data/besu-200-orgs-local.yaml
[ -f $net ] || python3 bench/gen-network.py 200 5 > $net
# Without a gitops section an organization gets the embedded local repository .orca/git/<org>.git.
python3 - "$net" "$local" <<'PY'
import sys
out, skip = [], False
for line in open(sys.argv[1]):
    if line.startswith("      gitops:"): skip = True; continue
    if skip and line.startswith("        "): continue
    skip = False; out.append(line)
open(sys.argv[2], "w").write("".join(out))
PY
./orca --version >/dev/null                        # builds target/orca.jar when stale
mvn -B -q -ntp -o test-compile >/dev/null 2>&1 || mvn -B -q -ntp test-compile >/dev/null
cp="target/test-classes:target/classes:target/orca.jar"
host() { echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"; }
warm() { # tag file args...
  local tag="$1" f="$2"; shift 2
  { host
    echo "command: java -XX:+UseSerialGC -Xss4m -cp $cp io.orca.bench.GenerateBench $f warmup=$WARMUP runs=$RUNS $*"
    java -XX:+UseSerialGC -Xss4m -cp "$cp" io.orca.bench.GenerateBench "$f" "warmup=$WARMUP" "runs=$RUNS" "$@"
  } | tee "bench/results/generate-warm-$tag.txt"
}
if [ "$what" = warm ] || [ "$what" = warm-https ] || [ "$what" = all ]; then
  warm https "$net" write=true stages=true
  warm https-rerun "$net" write=true stages=true store=rerun   # keys from the material store, as a re-run
fi
if [ "$what" = warm ] || [ "$what" = warm-local ] || [ "$what" = all ]; then
  warm local-sealed "$local" local=true write=true
  warm local-unsealed "$local" local=true seal=false write=true
  warm local-rerun "$local" local=true store=rerun write=true
fi
if [ "$what" = cold ] || [ "$what" = all ]; then
  ORCA_TRAIN=wait ./orca --version >/dev/null   # the launcher's start-up cache, trained before timing
  work=$(mktemp -d) root=$PWD
  for f in "$net" "$local"; do
    tag=$(basename "$f" .yaml)
    cp "$f" "$work/network.yaml"
    gen="$PWD/orca generate network.yaml --out out"
    host | tee "bench/results/generate-cold-$tag.txt"
    # first run: no .orca (no state, no age keys) and no output: generates every key and encrypts every Secret
    (cd "$work" && hyperfine -N --runs "${COLD_RUNS:-3}" --prepare "rm -rf $work/.orca $work/out" \
        --export-json "$root/bench/results/generate-cold-first-$tag.json" -n "orca generate (first run)" "$gen") \
        | tee -a "bench/results/generate-cold-$tag.txt"
    # re-run: keys read back from .orca/secrets, encrypted Secrets kept from the previous output
    (cd "$work" && rm -rf .orca out && $gen >/dev/null 2>&1 && hyperfine -N --warmup 1 --runs "${COLD_RUNS:-3}" \
        --export-json "$root/bench/results/generate-cold-rerun-$tag.json" -n "orca generate (re-run)" "$gen") \
        | tee -a "bench/results/generate-cold-$tag.txt"
    (cd "$work" && echo "output: $(find out -type f | wc -l) files, $(du -sb out | cut -f1) bytes; sops files: $(find out -name '*.sops.yaml' | wc -l)") \
        | tee -a "bench/results/generate-cold-$tag.txt"
  done
  rm -rf "$work"
fi
if [ "$what" = compare ]; then
  qnet=bench/data/quorum-200-orgs.yaml
  [ -f $qnet ] || python3 bench/gen-network.py 200 5 quorum > $qnet
  ORCA_TRAIN=wait ./orca --version >/dev/null   # the launcher's start-up cache, trained before timing
  root=$PWD tmp=$(mktemp -d)
  {
    host
    for f in "$net" "$qnet"; do
      tag=$(basename "$f" .yaml)
      echo "== $tag ($(wc -c < "$f") bytes, sha256 $(sha256sum "$f" | cut -c1-12))"
      echo "-- warm: java -XX:+UseSerialGC -Xss4m -cp $cp io.orca.bench.GenerateBench $f warmup=$WARMUP runs=$RUNS write=true stages=true"
      /usr/bin/time -o "$tmp/time" -f "warm JVM: peak RSS %M KB" \
        java -XX:+UseSerialGC -Xss4m -cp "$cp" io.orca.bench.GenerateBench "$f" "warmup=$WARMUP" "runs=$RUNS" write=true stages=true
      cat "$tmp/time"
      echo "-- cold: ./orca generate network.yaml --out out (first run: empty .orca and out; re-run: both kept)"
      work=$(mktemp -d)
      cp "$f" "$work/network.yaml"
      for i in $(seq "${COLD_RUNS:-3}"); do
        rm -rf "$work/.orca" "$work/out"
        (cd "$work" && /usr/bin/time -o "$tmp/time" -f "first run: %e s wall, %U s user, %S s sys, peak RSS %M KB" \
          "$root/orca" generate network.yaml --out out >/dev/null 2>&1)
        cat "$tmp/time"
      done
      for i in $(seq "${COLD_RUNS:-3}"); do
        (cd "$work" && /usr/bin/time -o "$tmp/time" -f "re-run: %e s wall, %U s user, %S s sys, peak RSS %M KB" \
          "$root/orca" generate network.yaml --out out >/dev/null 2>&1)
        cat "$tmp/time"
      done
      echo "output: $(find "$work/out" -type f | wc -l) files, $(du -sb "$work/out" | cut -f1) bytes"
      rm -rf "$work"
    done
  } | tee bench/results/generate-compare-besu-quorum.txt
  rm -rf "$tmp"
fi
