#!/usr/bin/env python3
# A model of a GPU search's training wall time, from the replay: the suite's GPU cases
# (replay-cases.tsv, gpu-standard.jsonl) replayed at --parallel N, each round's wall time taken as its longest
# training (as if alone: k/E of its trainSeconds) times the slowdown of n concurrent trainings on one GPU,
# n / T(n), where T(n) is the summed throughput of n trainings relative to one. T measured on the H200 with
# benchmarks/gpu/concurrent-autotune.sh WRN-10-4 3 N (autotuning off, epochs 2-3, one run per N; 2026-12-02
# 16:22 UTC): 1.95 s an epoch alone, 1.72 with 2 at once (T(2) taken as 2), 2.17 with 3 (T = 2.70), 2.72 with
# 4 (2.87), 3.95 with 6 (2.96), 5.3 with 8 (2.94); linear in between. The 110-shape searches' smaller
# first-round shapes reached 3.4 with 4 and 3.46 with 8 (grid110-2026-12-02-evening.json). Stdlib only.
#   benchmarks/ground-truth/replay-wall.py [--parallel N] [--join-percent P ...] [-v] [--dll SHAPEDNN_DLL]
# Prints per --join-percent value the modelled wall seconds, the training spent (as if alone) and the rounds.
import argparse, json, os, subprocess

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--parallel", type=int, default=4)
ap.add_argument("--join-percent", type=int, nargs="*", default=[None])
ap.add_argument("--dll", default=os.path.join(here, "../../src/ShapeDnn.Cli/bin/Release/net10.0/shapednn.dll"))
ap.add_argument("-v", action="store_true")
args = ap.parse_args()
MEASURED = {1: 1.0, 2: 2.0, 3: 2.7, 4: 2.87, 6: 2.96, 8: 2.94}

def throughput(n):
    if n in MEASURED: return MEASURED[n]
    lo = max(k for k in MEASURED if k < n); hi = min((k for k in MEASURED if k > n), default=None)
    if hi is None: return MEASURED[lo]
    return MEASURED[lo] + (MEASURED[hi] - MEASURED[lo]) * (n - lo) / (hi - lo)

truth = {}
for line in open(os.path.join(here, "gpu-standard.jsonl")):
    d = json.loads(line)
    if d["seed"] == 1: truth[d["shape"]] = d["trainSeconds"] / d["epochs"]
cases = [l.rstrip("\n").split("\t") for l in open(os.path.join(here, "replay-cases.tsv")) if l.strip() and not l.startswith("#")]
for join in args.join_percent:
    wall = spend = rounds = n = 0
    for name, file, goal, constraints, batch, budget, space, _parallel, *_ in cases:
        if file != "gpu-standard.jsonl": continue
        cmd = ["dotnet", args.dll, "replay", "--ground-truth", os.path.join(here, file), "--goal", goal, "--batch-size", batch,
               "--parallel", str(args.parallel), "--json"]
        if join is not None: cmd += ["--join-percent", str(join)]
        if constraints != "-": cmd += ["--constraints", constraints]
        if budget != "-": cmd += ["--budget", budget]
        if space != "-": cmd += ["--design-space", space]
        r = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        by_round = {}
        for t in r["trained"]: by_round.setdefault(t["round"], []).append(truth[t["shape"]] * t["epochs"])
        case_wall = sum(max(ts) * len(ts) / throughput(len(ts)) for ts in by_round.values())
        wall += case_wall; spend += r["trainingSeconds"]; rounds += len(by_round); n += 1
        if args.v: print(f"  {name:28s} rounds {len(by_round):2d}  modelled wall {case_wall:6.0f} s  training {r['trainingSeconds']:6.0f} s")
    label = "default" if join is None else f"{join} %"
    print(f"--parallel {args.parallel}, join {label}: {n} GPU cases, modelled wall {wall:.0f} s, training {spend:.0f} s, {rounds} rounds")
