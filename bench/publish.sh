#!/usr/bin/env bash
# Publish benchmark: Orca's JGit publish engine vs the git CLI making the same commit and push, on a loopback
# smart-HTTP remote (git http-backend + Basic auth). 200 organizations x 5 HelmReleases by default.
# Knobs: ORGS, RELEASES, ROUNDS. Output: target/bench/publish.md (a markdown table).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test -Dtest='io.orca.publish.bench.PublishBenchmark' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dorca.bench=true -Dorca.bench.orgs="${ORGS:-200}" -Dorca.bench.releases="${RELEASES:-5}" \
  -Dorca.bench.rounds="${ROUNDS:-5}"
cat target/bench/publish.md
