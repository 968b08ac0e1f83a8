#!/usr/bin/env bash
# The fuzz/property test with the benchmark-sized count (CI runs 3,000). Usage: bench/fuzz.sh [COUNT] [SEED]
# Prints the summary FuzzTest writes to target/fuzz-summary.txt and keeps a copy in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
seed="${2:-104372539625761}"   # FuzzTest.DEFAULT_SEED
mkdir -p bench/results
start=$(date +%s)
set +e
mvn -B -q -ntp test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dorca.fuzz.count="$count" -Dorca.fuzz.seed="$seed" > bench/results/fuzz-mvn.log 2>&1
rc=$?
set -e
end=$(date +%s)
out="bench/results/fuzz-$count-$seed.txt"
{
  echo "command: bench/fuzz.sh $count $seed"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "mvn exit code: $rc  wall time (incl. Maven): $((end - start)) s"
  cat target/fuzz-summary.txt 2>/dev/null || echo "no target/fuzz-summary.txt"
} | tee "$out"
exit $rc
