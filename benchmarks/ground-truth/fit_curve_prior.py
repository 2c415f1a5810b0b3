#!/usr/bin/env python3
"""Fits the search's learning-curve prior (src/ShapeDnn.Core/Search/LearningCurves/LearningCurvePrior.cs)
and prints the other constants the search takes from the ground truth.

    benchmarks/ground-truth/fit_curve_prior.py [gpu-standard.jsonl cpu-quick.jsonl]

For every complete curve and every epoch k < E: r = log(final error / lowest error in the first k epochs), at the
fraction t = k / E of the run. Per t: the mean and the standard deviation of r between shapes (the
search replaces the mean by its own complete curves; the spread is what limits early stopping).
Also: seed noise (validation and test accuracy of the shapes trained with two seeds), the largest
drop in final validation accuracy from a shape to one at least as deep and as wide (monotonicity),
and a least-squares fit of final validation accuracy to scaled log depth and log width (the predictor's prior trend).
"""
import json
import math
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
files = sys.argv[1:] or [os.path.join(HERE, "gpu-standard.jsonl"), os.path.join(HERE, "cpu-quick.jsonl")]
records = {f: [json.loads(l) for l in open(f) if l.strip()] for f in files if os.path.exists(f)}

by_t = {}
for f, rows in records.items():
    for r in rows:
        c, e = r["validationCurve"], r["epochs"]
        final = max(1e-4, 1 - c[-1])
        for k in range(1, e):
            # The best accuracy so far, not the last: mid-run accuracy dips at the peak learning rate.
            by_t.setdefault(round(k / e, 4), []).append(math.log(final / max(1e-4, 1 - max(c[:k]))))
print("fraction  n   mean log ratio  spread")
for t in sorted(by_t):
    v = by_t[t]
    print(f"{t:8.3f} {len(v):3d} {statistics.mean(v):15.3f} {statistics.stdev(v):7.3f}")

for f, rows in records.items():
    pairs = {}
    for r in rows:
        pairs.setdefault(r["shape"], {})[r["seed"]] = r
    two = [p for p in pairs.values() if len(p) >= 2]
    if two:
        dv = [p[1]["validationAccuracy"] - p[2]["validationAccuracy"] for p in two]
        dt = [p[1]["testAccuracy"] - p[2]["testAccuracy"] for p in two]
        # One run's noise is the spread of a difference of two runs divided by sqrt(2).
        print(f"{os.path.basename(f)}: {len(two)} shapes with 2 seeds; validation seed1-seed2 mean {statistics.mean(dv)*100:+.2f} pp, "
              f"sd of one run {statistics.pstdev(dv)/math.sqrt(2)*100:.2f} pp (validation split differs by seed); test mean {statistics.mean(dt)*100:+.2f} pp, sd of one run {statistics.pstdev(dt)/math.sqrt(2)*100:.2f} pp")
    seed1 = [r for r in rows if r["seed"] == 1]
    worst = (0, None, None)
    for a in seed1:
        for b in seed1:
            if b is not a and b["depth"] >= a["depth"] and b["width"] >= a["width"]:
                drop = a["validationAccuracy"] - b["validationAccuracy"]
                if drop > worst[0]:
                    worst = (drop, a["shape"], b["shape"])
    print(f"{os.path.basename(f)}: largest drop to a dominating shape {worst[0]*100:.2f} pp ({worst[1]} -> {worst[2]})")

for f, rows in records.items():
    seed1 = [r for r in rows if r["seed"] == 1]
    dmin, dmax = min(r["depth"] for r in seed1), max(r["depth"] for r in seed1)
    wmin, wmax = min(r["width"] for r in seed1), max(r["width"] for r in seed1)
    X = [[1, math.log(r["depth"] / dmin) / math.log(dmax / dmin), math.log(r["width"] / wmin) / math.log(wmax / wmin) if wmax > wmin else 0] for r in seed1]
    y = [r["validationAccuracy"] for r in seed1]
    A = [[sum(a[i] * a[j] for a in X) + (1e-9 if i == j else 0) for j in range(3)] for i in range(3)]
    B = [sum(a[i] * v for a, v in zip(X, y)) for i in range(3)]
    M = [A[i][:] + [B[i]] for i in range(3)]
    for i in range(3):
        for r in range(3):
            if r != i:
                q = M[r][i] / M[i][i]
                M[r] = [a - q * b for a, b in zip(M[r], M[i])]
    b = [M[i][3] / M[i][i] for i in range(3)]
    print(f"{os.path.basename(f)}: accuracy ~ {b[0]:.4f} + {b[1]:.4f} * scaled log depth + {b[2]:.4f} * scaled log width")
