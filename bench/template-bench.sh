#!/usr/bin/env bash
# orca template's rendering (TemplateService.render: every release's chart through helm-java) for the 200-organization
# Besu network, in one JVM, with 1 and 2 render threads (-Dorca.template.threads). Usage: bench/template-bench.sh [RUNS]
# Result: bench/results/template-besu-200-orgs.txt
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
mkdir -p bench/data bench/results
[ -f bench/data/besu-200-orgs.yaml ] || python3 bench/gen-network.py 200 5 > bench/data/besu-200-orgs.yaml
mvn -B -q -ntp -o test-compile >/dev/null 2>&1 || mvn -B -q -ntp test-compile >/dev/null
cp="target/test-classes:target/classes:target/orca.jar"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: java -XX:+UseSerialGC -Xss4m -cp $cp io.orca.bench.TemplateBench bench/data/besu-200-orgs.yaml ${THREADS:-1,2} $runs"
  java -XX:+UseSerialGC -Xss4m -cp "$cp" io.orca.bench.TemplateBench bench/data/besu-200-orgs.yaml "${THREADS:-1,2}" "$runs"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee bench/results/template-besu-200-orgs.txt
