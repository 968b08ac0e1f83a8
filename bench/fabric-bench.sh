#!/usr/bin/env bash
# Fabric plan + generate (issue 15): Bevel's fabricv2 sample (at Fabric 2.5.4) and a generated 50-organization
# network (bench/gen-fabric-network.py 50 2 5: 1 orderer organization with 5 orderers, 49 peer organizations of 2
# peers). Warm: io.orca.bench.GenerateBench (plan + write, stages); cold: ./orca generate end to end with hyperfine and
# its peak RSS (GNU time); crypto per identity: io.orca.bench.FabricCryptoBench.
# Usage: bench/fabric-bench.sh [warm|cold|crypto|all]   Results: bench/results/fabric-*.txt, .json
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
WARMUP="${WARMUP:-2}" RUNS="${RUNS:-5}"
mkdir -p bench/data bench/results
big=bench/data/fabric-50-orgs.yaml sample=bench/data/fabricv2-2.5.4.yaml
[ -f $big ] || python3 bench/gen-fabric-network.py 50 2 5 > $big
sed -E 's/^(  version: )2\.2\.2.*/\1"2.5.4"/' "${BEVEL_SAMPLES:-src/test/resources/reference/bevel/samples}/hyperledger-fabric__network-fabricv2.yaml" > $sample
./orca --version >/dev/null                        # builds target/orca.jar when stale
mvn -B -q -ntp -o test-compile >/dev/null 2>&1 || mvn -B -q -ntp test-compile >/dev/null
cp="target/test-classes:target/classes:target/orca.jar"
host() { echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"; }
if [ "$what" = warm ] || [ "$what" = all ]; then
  for f in "$sample" "$big"; do
    tag=$(basename "$f" .yaml)
    { host
      echo "command: java -XX:+UseSerialGC -Xss4m -cp $cp io.orca.bench.GenerateBench $f warmup=$WARMUP runs=$RUNS write=true stages=true"
      java -XX:+UseSerialGC -Xss4m -cp "$cp" io.orca.bench.GenerateBench "$f" "warmup=$WARMUP" "runs=$RUNS" write=true stages=true
      echo "re-run (keys from the material store):"
      java -XX:+UseSerialGC -Xss4m -cp "$cp" io.orca.bench.GenerateBench "$f" "warmup=$WARMUP" "runs=$RUNS" write=true store=rerun
    } 2>&1 | tee "bench/results/fabric-generate-warm-$tag.txt"
  done
fi
if [ "$what" = crypto ] || [ "$what" = all ]; then
  { host; echo "command: java -XX:+UseSerialGC -cp $cp io.orca.bench.FabricCryptoBench 100 10"
    java -XX:+UseSerialGC -cp "$cp" io.orca.bench.FabricCryptoBench 100 10; } | tee bench/results/fabric-crypto.txt
fi
if [ "$what" = cold ] || [ "$what" = all ]; then
  ORCA_TRAIN=wait ./orca --version >/dev/null
  work=$(mktemp -d) root=$PWD
  for f in "$sample" "$big"; do
    tag=$(basename "$f" .yaml)
    cp "$f" "$work/network.yaml"
    gen="$PWD/orca generate network.yaml --out out"
    { host
      (cd "$work" && hyperfine -N --runs "${COLD_RUNS:-3}" --prepare "rm -rf $work/.orca $work/out" \
          --export-json "$root/bench/results/fabric-generate-cold-$tag.json" -n "orca generate (first run)" "$gen")
      (cd "$work" && rm -rf .orca out && /usr/bin/time -v $gen 2>&1 >/dev/null | grep -E "Maximum resident|Elapsed|User time|System time")
    } 2>&1 | tee "bench/results/fabric-generate-cold-$tag.txt"
  done
  rm -rf "$work"
fi
