#!/usr/bin/env python3
"""Cold `orca validate` of this tree against an earlier revision, in one run: builds REV's jar in a temporary
worktree, then runs both launchers (each with its own start-up cache) on the same files in interleaved rounds, so
that both see the same machine load. Reports median and minimum wall time and mean CPU (user + system of the JVM),
the steadier figure on a loaded machine.

Usage: python3 bench/cold-ab.py REV [ROUNDS]      (ROUNDS defaults to 8)
Output: a table on stdout and bench/results/cold-ab-<rev>.txt.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(cmd, cwd, env=None):
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed(cmd, cwd, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    # validate exits 0 or 1 (the generated file may carry warnings only); anything else is a failure of the run
    code = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd)} in {cwd} exited {code}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rev, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8
    short = subprocess.check_output(["git", "rev-parse", "--short", rev], cwd=ROOT, text=True).strip()
    head = subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True).strip()
    files = ["src/test/resources/reference/bevel/samples/hyperledger-fabric__network-fabricv2.yaml",
             "bench/data/besu-200-orgs.yaml"]
    os.makedirs(os.path.join(ROOT, "bench/data"), exist_ok=True)
    with open(os.path.join(ROOT, files[1]), "w") as out:
        subprocess.run([sys.executable, "bench/gen-network.py", "200", "5"], cwd=ROOT, stdout=out, check=True)
    tmp = tempfile.mkdtemp(prefix="orca-cold-ab-")
    old = os.path.join(tmp, "old")
    try:
        sh(["git", "worktree", "add", "--detach", old, rev], ROOT)
        sh(["mvn", "-B", "-ntp", "-q", "package", "-DskipTests"], old)
        env = dict(os.environ, ORCA_TRAIN="wait")
        for tree in (old, ROOT):
            sh(["./orca", "--version"], tree, env)  # builds a stale jar, trains the start-up cache first
        env = {k: v for k, v in os.environ.items() if not k.startswith("ORCA_")}
        results = {}
        for _ in range(rounds):
            for f in files:
                for name, tree in ((short, old), (head, ROOT)):
                    results.setdefault((f, name), []).append(timed(["./orca", "validate", os.path.join(ROOT, f)], tree, env))
        lines = [f"cold ./orca validate, {rounds} interleaved rounds, {os.cpu_count()} cores, "
                 f"load average at the end {open('/proc/loadavg').read().split()[0:3]}",
                 "| file | revision | median wall | min wall | mean CPU (user+sys) |", "| --- | --- | --- | --- | --- |"]
        for (f, name), runs in results.items():
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            lines.append(f"| {os.path.basename(f)} | {name} | {statistics.median(walls):.3f} s | {min(walls):.3f} s "
                         f"| {statistics.mean(cpus):.3f} s |")
        text = "\n".join(lines) + "\n"
        print(text, end="")
        os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
        with open(os.path.join(ROOT, f"bench/results/cold-ab-{short}.txt"), "w") as out:
            out.write(text)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", old], cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
