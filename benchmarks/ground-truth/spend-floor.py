#!/usr/bin/env python3
"""A floor under the replay suite's training spend: what any sound search must train, case by case.

    benchmarks/ground-truth/spend-floor.py [SHAPEDNN_DLL] [-v]

The rule, per case of replay-cases.tsv (over the case's design space and the shapes that meet its
size, latency and energy limits, as `shapednn replay` sees them):
  - the exhaustive answer, trained in full (the delivered shape is always trained and measured);
  - plus, for a cost goal with MinAccuracy, 0.8 of a training for every shape whose goal metric is
    below the answer's and whose true validation accuracy lies within 0.3 pp below MinAccuracy
    (at least MinAccuracy - 0.3 pp, less than MinAccuracy). Such a shape is cheaper than the answer
    and fails by less than the predictor's error without training (~0.2 pp) plus seed noise
    (0.18 pp), so no search can rule it out untrained; 0.8 is the measured fraction of a failing run
    that the learning-curve stop rule needs (epochs 1-6 of the one-cycle curve carry no rank
    information beyond depth and width; epoch 7 onwards does).
  - Everything else is counted free: shapes further below the limit, costlier shapes, and for
    MaximizeAccuracy every shape but the answer. So the floor is optimistic (a search cannot know
    the answer before training it, and on the CPU's quick budget the predictor's error is ~1 pp,
    not 0.2 pp); a search at the floor is ideal, not merely good.
Prints per case the floor, the search's spend and exhaustive training, then the totals. The search's
spend, the exhaustive choice and the feasible set's training come from `shapednn replay --json` (the
script checks that its own feasible set matches the replay's).
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
args = [a for a in sys.argv[1:] if not a.startswith("-")]
dll = args[0] if args else os.path.join(HERE, "../../src/ShapeDnn.Cli/bin/Release/net10.0/shapednn.dll")
verbose = "-v" in sys.argv
TOLERANCE = 0.003  # 0.3 pp below MinAccuracy: the rightness rule's tolerance, and predictor error + seed noise
FRACTION = 0.8     # of a training, for a shape that must be ruled out by training


def quantity(text, units):
    m = re.fullmatch(r"\s*([0-9.]+)\s*([A-Za-z]*)\s*", text)
    return float(m.group(1)) * units[m.group(2)]


def limits(constraints):
    """The constraints the floor needs, in the ground truth's units (parameters, ms, mJ, fraction)."""
    out = {}
    for entry in filter(None, (e.strip() for e in constraints.split(";"))):
        key, value = entry.split("=", 1)
        if key == "MinAccuracy":
            out[key] = float(value.rstrip("%")) / 100
        elif key == "MaxParameters":
            out[key] = quantity(value, {"": 1, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9})
        elif key == "MaxLatency":
            out[key] = quantity(value, {"us": 1e-3, "ms": 1, "s": 1e3})
        elif key == "MaxEnergy":
            out[key] = quantity(value, {"uJ": 1e-3, "mJ": 1, "J": 1e3})
        else:
            sys.exit(f"spend-floor.py: constraint {key} is not handled; extend limits()")
    return out


def space(text):
    """The shapes of a --design-space such as depths=10,16,22;widths=1,2,4 (None: the whole file)."""
    if text == "-":
        return None
    parts = dict(p.split("=", 1) for p in text.split(";"))
    depths = [int(v) for v in parts["depths"].split(",")]
    widths = [int(v) for v in parts["widths"].split(",")]
    return {f"WRN-{d}-{w}" for d in depths for w in widths}


def metric(record, goal, batch):
    if goal == "MinimizeSize":
        return record["parameters"]
    if goal == "MinimizeLatency":
        return record["latencyMs"][batch]
    if goal == "MinimizeEnergy":
        return record["energyMj"][batch]
    return record["validationAccuracy"]


def feasible(record, lim, batch):
    return not (("MaxParameters" in lim and record["parameters"] > lim["MaxParameters"])
                or ("MaxLatency" in lim and record["latencyMs"].get(batch, 0) > lim["MaxLatency"])
                or ("MaxEnergy" in lim and record["energyMj"].get(batch, 0) > lim["MaxEnergy"]))


total_floor = total_exhaustive = total_spent = 0
for line in open(os.path.join(HERE, "replay-cases.tsv")):
    if line.startswith("#") or not line.strip():
        continue
    name, file, goal, constraints, batch, budget, design, parallel, *_ = line.rstrip("\n").split("\t")
    cmd = ["dotnet", dll, "replay", "--ground-truth", os.path.join(HERE, file), "--goal", goal,
           "--batch-size", batch, "--parallel", parallel, "--json"]
    if constraints != "-":
        cmd += ["--constraints", constraints]
    if budget != "-":
        cmd += ["--budget", budget]
    if design != "-":
        cmd += ["--design-space", design]
    replay = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)

    seed = 2 if budget == "seed=2" else 1
    shapes = space(design)
    records = {r["shape"]: r for r in map(json.loads, filter(str.strip, open(os.path.join(HERE, file))))
               if r["seed"] == seed and (shapes is None or r["shape"] in shapes)}
    lim = limits("" if constraints == "-" else constraints)
    candidates = {s: r for s, r in records.items() if feasible(r, lim, batch)}
    exhaustive = sum(r["trainSeconds"] for r in candidates.values())
    if len(candidates) != replay["feasibleShapes"] or abs(exhaustive - replay["exhaustiveSeconds"]) > 1e-6 * exhaustive:
        sys.exit(f"spend-floor.py: {name}: {len(candidates)} feasible shapes here, {replay['feasibleShapes']} in the replay")

    answer = candidates[replay["exhaustiveChoice"]]
    floor = answer["trainSeconds"]
    must = []
    if goal != "MaximizeAccuracy" and "MinAccuracy" in lim:
        cost = metric(answer, goal, batch)
        for shape, r in candidates.items():
            if shape != answer["shape"] and metric(r, goal, batch) < cost \
                    and lim["MinAccuracy"] - TOLERANCE <= r["validationAccuracy"] < lim["MinAccuracy"]:
                floor += FRACTION * r["trainSeconds"]
                must.append(shape)
    total_floor += floor
    total_exhaustive += exhaustive
    total_spent += replay["trainingSeconds"]
    print(f"{name:28s} answer {answer['shape']:9s} floor {floor:6.0f}  search {replay['trainingSeconds']:6.0f}  exhaustive {exhaustive:6.0f}"
          + (f"  must rule out: {' '.join(must)}" if verbose and must else ""))
print(f"floor {total_floor:.0f} / {total_exhaustive:.0f} s = {total_floor / total_exhaustive:.3f}; "
      f"search {total_spent:.0f} s = {total_spent / total_exhaustive:.3f}")
