#!/usr/bin/env bash
# Warm throughput of validation in one JVM (io.orca.bench.ValidateBench), with the JVM's default JIT and with the
# launcher's flags (C1 only). Usage: bench/warm.sh [FILE]   (default: the largest Bevel sample, 33 KB)
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-src/test/resources/reference/bevel/samples/hyperledger-fabric__network-fabricv2.yaml}"
./orca --version >/dev/null                       # builds target/orca.jar when stale
mvn -B -q -ntp -o test-compile >/dev/null 2>&1 || mvn -B -q -ntp test-compile >/dev/null
mkdir -p bench/results
out="bench/results/warm-$(basename "$file" .yaml).txt"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== default JIT (C2), -XX:+UseSerialGC"
  echo "command: java -XX:+UseSerialGC -cp target/test-classes:target/orca.jar io.orca.bench.ValidateBench $file 10 10 2"
  java -XX:+UseSerialGC -cp target/test-classes:target/orca.jar io.orca.bench.ValidateBench "$file" 10 10 2
  echo "== launcher flags: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m"
  echo "command: java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m -cp target/test-classes:target/orca.jar io.orca.bench.ValidateBench $file 10 10 2"
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m -cp target/test-classes:target/orca.jar io.orca.bench.ValidateBench "$file" 10 10 2
} | tee "$out"
