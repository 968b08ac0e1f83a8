#!/usr/bin/env bash
# Per-chart render cost: the helm CLI (built by bench/build-helm, the Helm version helm-java embeds) against helm-java
# on the same chart with the same values (a planned release of the 200-organization network, written with
# Manifests.yaml(release.values())). hyperfine for the CLI and for a JVM per render (cold, launcher flags), and
# io.orca.bench.HelmBench warm for helm-java in one warm JVM. Checks that both outputs are byte-identical first.
# Usage: bench/helm-compare.sh [RELEASE...]   (default: org-050-member-1 (besu-node) org-050-network (besu-network))
# Results: bench/results/helm-*.json, .md, .txt
set -euo pipefail
cd "$(dirname "$0")/.."
helm="$(bench/build-helm)"
releases=("$@"); [ ${#releases[@]} -gt 0 ] || releases=(org-050-member-1 org-050-network)
runs="${RUNS:-15}"
mkdir -p bench/data/helm bench/results
[ -f bench/data/besu-200-orgs.yaml ] || python3 bench/gen-network.py 200 5 > bench/data/besu-200-orgs.yaml
mvn -B -q -ntp -o test-compile >/dev/null 2>&1 || mvn -B -q -ntp test-compile >/dev/null
cp="target/test-classes:target/classes:$(ls target/orca.jar)"
jflags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m)   # the launcher's flags
for rel in "${releases[@]}"; do
  [ -f "bench/data/helm/$rel.values.yaml" ] || java "${jflags[@]}" -cp "$cp" io.orca.bench.HelmBench prepare bench/data/besu-200-orgs.yaml "$rel" bench/data/helm
  read -r chart ns < "bench/data/helm/$rel.args"
  values="bench/data/helm/$rel.values.yaml"
  "$helm" template "$rel" "charts/$chart" -f "$values" --namespace "$ns" > "bench/data/helm/$rel.cli.yaml"
  java "${jflags[@]}" -cp "$cp" io.orca.bench.HelmBench once "target/classes/charts/$chart" "$ns" "$rel" "$values" "bench/data/helm/$rel.java.yaml"
  out="bench/results/helm-$rel.txt"
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "release: $rel  chart: charts/$chart  values: $(wc -c < "$values") bytes  output: $(wc -c < "bench/data/helm/$rel.cli.yaml") bytes"
    if cmp -s "bench/data/helm/$rel.cli.yaml" "bench/data/helm/$rel.java.yaml"; then echo "outputs: byte-identical"; else echo "outputs: DIFFER"; fi
    echo "command: java -XX:+UseSerialGC -Xss4m -cp $cp io.orca.bench.HelmBench warm target/classes/charts/$chart $ns $rel $values 20 30"
    java -XX:+UseSerialGC -Xss4m -cp "$cp" io.orca.bench.HelmBench warm "target/classes/charts/$chart" "$ns" "$rel" "$values" 20 30
  } | tee "$out"
  hyperfine -N --warmup 2 --runs "$runs" --export-json "bench/results/helm-$rel.json" --export-markdown "bench/results/helm-$rel.md" \
      -n "helm template (CLI $("$helm" version --template '{{.Version}}'))" "$helm template $rel charts/$chart -f $values --namespace $ns" \
      -n "helm-java, a JVM per render" "java ${jflags[*]} -cp $cp io.orca.bench.HelmBench once target/classes/charts/$chart $ns $rel $values /dev/null" \
      | tee -a "$out"
done
