#!/usr/bin/env python3
"""Fits the search's learning-curve prior (src/ShapeDnn.Core/Search/LearningCurves/LearningCurvePrior.cs),
prints it as the C# table, and prints the other constants the search takes from the ground truth.

    benchmarks/ground-truth/fit_curve_prior.py [--variant none|gain|shape|depth] [--json OUT] [gpu-standard.jsonl cpu-quick.jsonl]

The first file is the standard budget the table is fitted to (10 epochs); the second (quick budget) only
widens the spread. For every complete curve and every epoch k < E: r = log(final error / lowest error in
the first k epochs), at the fraction t = k / E of the run. Per t of the standard budget: the mean of r
and its standard deviation between shapes (the search replaces the mean by its own complete curves; the
spread is what limits early stopping); the table's spread at a fraction is the largest measured at that
fraction or later, in either budget (non-increasing in t); the shift uncertainty is half the mean.
--variant none (the default) prints the shipped table, OneCycleCosine.

The other variants regress r, per t, on a covariate (centred on the standard budget's mean) and were
measured and not kept (benchmarks/RESULTS.md, issue 9, fifth pass, "A shape-aware or curve-conditioned
learning-curve prior"):
  gain:  the last epoch's gain, log(lowest error in the first k epochs / in the first k - 1), 0 at k = 1;
  shape: log depth and log width;
  depth: log depth alone.
Their spread is the root mean square of the leave-one-shape-out residual (the held-out shape's records
predicted from the other shapes' fit; the quick budget's around its own mean, with the standard budget's
slopes). curve_prior_crosscheck.py evaluates them out of sample; --json writes the table for the
replay experiment in experiments/curve-prior-variants.patch (SHAPEDNN_PRIOR_EXP=OUT).
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
FRACTIONS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
VARIANTS = ("none", "gain", "shape", "depth")


def load(path):
    return [json.loads(l) for l in open(path) if l.strip()]


def err(acc):
    return max(1e-4, 1 - acc)


def ratio(c, k):
    """log(final error / lowest error in the first k epochs): the best so far, not the last (mid-run accuracy dips at the peak learning rate)."""
    return math.log(err(c[-1]) / err(max(c[:k])))


def gain(c, k):
    """log(lowest error in the first k epochs / lowest in the first k - 1); 0 at k = 1 and when epoch k set no new best."""
    return math.log(err(max(c[:k])) / err(max(c[:k - 1]))) if k > 1 else 0.0


def covariates(variant, r, k):
    if variant == "gain": return [gain(r["validationCurve"], k)]
    if variant == "shape": return [math.log(r["depth"]), math.log(r["width"])]
    if variant == "depth": return [math.log(r["depth"])]
    return []


def interp(values, t):
    """LearningCurvePrior's interpolation: flat before the first fraction, linear between, to 0 at t = 1."""
    if t >= 1: return 0.0
    if t <= FRACTIONS[0]: return values[0]
    for i in range(1, len(FRACTIONS)):
        if FRACTIONS[i] >= t:
            w = (t - FRACTIONS[i - 1]) / (FRACTIONS[i] - FRACTIONS[i - 1])
            return values[i - 1] + w * (values[i] - values[i - 1])
    return values[-1] * (1 - (t - FRACTIONS[-1]) / (1 - FRACTIONS[-1]))


def solve(A, b):
    n = len(b)
    M = [A[i][:] + [b[i]] for i in range(n)]
    for i in range(n):
        for j in range(n):
            if j != i:
                q = M[j][i] / M[i][i]
                M[j] = [x - q * y for x, y in zip(M[j], M[i])]
    return [M[i][n] / M[i][i] for i in range(n)]


def regress(variant, rows, k):
    """Mean of r, the covariates' means and r's least-squares slopes on them (centred: the intercept is the mean)."""
    y = [ratio(r["validationCurve"], k) for r in rows]
    X = [covariates(variant, r, k) for r in rows]
    my = statistics.mean(y)
    if not X[0]: return my, [], []
    mx = [statistics.mean(col) for col in zip(*X)]
    Xc = [[a - m for a, m in zip(x, mx)] for x in X]
    p = len(mx)
    A = [[sum(x[i] * x[j] for x in Xc) + (1e-12 if i == j else 0) for j in range(p)] for i in range(p)]
    b = [sum(x[i] * (v - my) for x, v in zip(Xc, y)) for i in range(p)]
    return my, mx, solve(A, b) if any(A[i][i] > 1e-9 for i in range(p)) else [0.0] * p


def fractions_of(rows):
    """{t: k} for the epochs of one budget's curves (all of one length)."""
    e = rows[0]["epochs"]
    assert all(r["epochs"] == e for r in rows), "one budget per file"
    return {round(k / e, 4): k for k in range(1, e)}


def fit(standard, quick=None, variant="none"):
    """The table: fractions, mean (of r), centres and slopes per fraction, spread, shift, and the spreads measured per budget."""
    ks = fractions_of(standard)
    assert sorted(ks) == FRACTIONS, "the standard budget has 10 epochs"
    mean, centre, slope, measured = [], [], [], {}
    shapes = sorted({r["shape"] for r in standard})
    for t in FRACTIONS:
        k = ks[t]
        m, mx, b = regress(variant, standard, k)
        mean.append(m); centre.append(mx); slope.append(b)
        if variant == "none":
            s = statistics.stdev(ratio(r["validationCurve"], k) for r in standard)
        else:
            res = []
            for held in shapes:
                m2, mx2, b2 = regress(variant, [r for r in standard if r["shape"] != held], k)
                res += [ratio(r["validationCurve"], k) - m2 - sum(bi * (x - c) for bi, x, c in zip(b2, covariates(variant, r, k), mx2))
                        for r in standard if r["shape"] == held]
            s = math.sqrt(statistics.mean(x * x for x in res))
        measured.setdefault(t, []).append(s)
    if quick:
        for t, k in fractions_of(quick).items():
            b = [interp([sl[i] for sl in slope], t) for i in range(len(slope[0]))]
            c = [interp([ce[i] for ce in centre], t) for i in range(len(centre[0]))]
            adj = [ratio(r["validationCurve"], k) - sum(bi * (x - ci) for bi, x, ci in zip(b, covariates(variant, r, k), c)) for r in quick]
            if variant == "none":
                s = statistics.stdev(adj)
            else:
                s = math.sqrt(statistics.mean((x - statistics.mean(adj[:i] + adj[i + 1:])) ** 2 for i, x in enumerate(adj)))
            measured.setdefault(t, []).append(s)
    spread = [max(max(v) for u, v in measured.items() if u >= t - 1e-9) for t in FRACTIONS]
    mean = [round(m, 3) for m in mean]
    # Half the (rounded) mean, rounded half up: what the C# table says.
    shift = [math.floor(abs(m) / 2 * 1000 + 0.5 + 1e-9) / 1000 for m in mean]
    return dict(variant=variant, fractions=FRACTIONS, mean=mean, centre=centre, slope=slope, spread=[round(s, 3) for s in spread], shift=shift, measured=measured)


def csharp(table):
    f = lambda v: "[" + ", ".join(f"{x:.{1 if v is FRACTIONS else 3}f}" for x in v) + "]"
    return "\n".join([
        "    public static LearningCurvePrior OneCycleCosine { get; } = new(",
        f"        {f(table['fractions'])},",
        f"        {f(table['mean'])},",
        f"        {f(table['spread'])},",
        f"        {f(table['shift'])});"])


if __name__ == "__main__":
    argv = sys.argv[1:]
    variant = "none"
    json_out = None
    while argv[:1] in (["--variant"], ["--json"]):
        if argv[0] == "--variant": variant = argv[1]
        else: json_out = argv[1]
        argv = argv[2:]
    assert variant in VARIANTS, f"--variant is one of {VARIANTS}"
    files = argv or [os.path.join(HERE, "gpu-standard.jsonl"), os.path.join(HERE, "cpu-quick.jsonl")]
    records = {f: load(f) for f in files if os.path.exists(f)}
    rows = list(records.values())
    table = fit(rows[0], rows[1] if len(rows) > 1 else None, variant)
    print("fraction  spread measured (" + ", ".join(os.path.basename(f) for f in records) + ")")
    for t in sorted(table["measured"]):
        print(f"{t:8.3f}  " + " ".join(f"{x:.3f}" for x in table["measured"][t]))
    if variant == "none":
        print("The C# table (LearningCurvePrior.OneCycleCosine):")
        print(csharp(table))
    else:
        print(f"variant {variant} (not shipped): " + json.dumps({k: table[k] for k in ("fractions", "mean", "centre", "slope", "spread", "shift")}))
    if json_out:
        # The experiment patch's format: the four arrays, and the covariates' centres and slopes by name.
        hook = {k: table[k] for k in ("fractions", "mean", "spread", "shift")}
        if variant == "gain":
            hook.update(gain=[c[0] for c in table["centre"]], slope=[b[0] for b in table["slope"]])
        if variant in ("shape", "depth"):
            hook.update(dslope=[b[0] for b in table["slope"]], wslope=[b[1] if len(b) > 1 else 0.0 for b in table["slope"]],
                        dcenter=table["centre"][0][0], wcenter=table["centre"][0][1] if len(table["centre"][0]) > 1 else 0.0)
        with open(json_out, "w") as f: json.dump(hook, f)

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
