#!/usr/bin/env bash
# Cold start: `./orca validate FILE` (a new JVM each run, as a user or CI runs it) against the peer, ajv-cli with
# Bevel's schema, on the largest Bevel sample and on a generated 200-organization Besu network. hyperfine, 10 runs
# after 2 warm-ups (which also make the launcher's CDS archive). Results: bench/results/cold-*.json and .md.
# Needs: apt-get install -y hyperfine; npm install --prefix bench (ajv-cli from bench/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=src/test/resources/reference/bevel              # Bevel's samples and schema, copied into the project
sample="$ref/samples/hyperledger-fabric__network-fabricv2.yaml"
schema="$ref/network-schema.json"
mkdir -p bench/data bench/results
python3 bench/gen-network.py 200 5 > bench/data/besu-200-orgs.yaml
[ -x bench/node_modules/.bin/ajv ] || npm install --prefix bench --no-audit --no-fund >/dev/null
./orca --version >/dev/null                        # builds the jar when stale
rm -f target/orca-jdk*.aot target/orca-jdk*.jsa target/orca-jdk*.failed
ORCA_TRAIN=wait ./orca --version >/dev/null        # trains the start-up cache first (AOT on JDK 25+, CDS before)
# The same launcher on JDK 17 (CDS archive), when one is installed: what a machine without a newer JDK gets.
jdk17=""
for home in /usr/lib/jvm/*/; do
  [ -x "$home/bin/java" ] && grep -q '^JAVA_VERSION="17' "$home/release" 2>/dev/null && { jdk17="${home%/}/bin/java"; break; }
done
[ -z "$jdk17" ] || ORCA_TRAIN=wait ORCA_JAVA="$jdk17" ./orca --version >/dev/null
ajv="bench/node_modules/.bin/ajv validate --strict=false -s $schema -d"
runs="${RUNS:-10}"
jvm="$(ORCA_JAVA_OPTS=-XshowSettings:properties ./orca --version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
echo "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), launcher JVM $jvm, node $(node --version)"
for f in "$sample" bench/data/besu-200-orgs.yaml; do
  tag=$(basename "$f" .yaml)
  # -i: ajv exits 1 on the generated file (Bevel's schema lacks Orca's keys); its timing still covers the whole check.
  hyperfine -N -i --warmup 2 --runs "$runs" --export-json "bench/results/cold-$tag.json" \
      --export-markdown "bench/results/cold-$tag.md" \
      -n "orca validate" "./orca validate $f" \
      -n "ajv validate (Bevel schema)" "$ajv $f" \
      -n "orca --version (JVM + CLI floor)" "./orca --version" \
      ${jdk17:+-n "orca validate on JDK 17 (CDS)" "env ORCA_JAVA=$jdk17 ./orca validate $f"}
done
