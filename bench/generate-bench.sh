#!/usr/bin/env bash
# orca generate on the 200-organization Besu network (bench/gen-network.py 200 5): warm (io.orca.bench.GenerateBench,
# GenerateService.plan with a seeded SecureRandom and an in-memory material store, with and without write) and cold
# (./orca generate end-to-end with hyperfine: first run with an empty state folder, then re-runs).
# Two networks: as generated (https repositories: no age recipients, so no Secret is sealed) and "-local" (the
# gitops sections removed: every organization gets an embedded local repository, a local age key, and SOPS-encrypted
# Secrets). Usage: bench/generate-bench.sh [warm|warm-https|warm-local|cold|all]   Results: bench/results/generate-*.txt, .json, .md
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
