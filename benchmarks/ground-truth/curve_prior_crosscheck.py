#!/usr/bin/env python3
"""Out-of-sample check of the learning-curve prior's variants (fit_curve_prior.py --variant none|gain|shape|depth):
fitted on one part of the ground truth, judged on another, with a mirror of LearningCurveModel's
prediction (log final error = log lowest error so far + mean + slopes x (covariates - centres), spread
sqrt(spread^2 + shift^2 / n), n = 1 + complete curves seen, own curves re-estimating the mean).

    benchmarks/ground-truth/curve_prior_crosscheck.py

Splits: GPU seed 1 -> GPU seed 2 (8 shapes); GPU (both seeds) -> CPU quick (another budget: the shift);
leave one GPU shape out. Per split and variant, for the first round (no complete curve of its own) and
with 3 of the held-out set's other curves seen (as LearningCurveModelTests does):
  rms    residual of log(final error) at the mean prediction, over every held-out run and epoch k < E;
  wrong  share of (run, epoch) decisions that stop the run against its own final - 0.1 pp (the stop rule's
         2 % must hold: a wrong stop is a lost pick);
  stop@+0.5 / stop@+1  mean fraction of the run trained before the rule stops it against a threshold
         0.5 / 1 pp above its final (1.0: never stopped): how early failing runs stop.
"""
import math
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the repository
import fit_curve_prior as F  # noqa: E402

STOP = 0.02  # ShapeSearch.StopProbability


def phi(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def predict(table, variant, run, k, own):
    """(log median, log sd) of the run's final error after k epochs; own: complete curves (records) the search has seen."""
    c, e = run["validationCurve"], run["epochs"]
    t = k / e
    m, s, sh = F.interp(table["mean"], t), F.interp(table["spread"], t), F.interp(table["shift"], t)
    p = len(table["slope"][0])
    b = [F.interp([x[i] for x in table["slope"]], t) for i in range(p)]
    ce = [F.interp([x[i] for x in table["centre"]], t) for i in range(p)]
    adj = lambda r: sum(bi * (x - ci) for bi, x, ci in zip(b, F.covariates(variant, r, k), ce))
    total, n = m, 1
    for o in own:
        total += F.ratio(o["validationCurve"], k) - adj(o)
        n += 1
    return math.log(F.err(max(c[:k]))) + total / n + adj(run), math.sqrt(s * s + sh * sh / n)


def judge(table, variant, held, own_count):
    res, wrong, decisions, stops = [], 0, 0, {0.005: [], 0.01: []}
    for i, run in enumerate(held):
        own = [o for o in held if o["shape"] != run["shape"]][:own_count]
        c, e = run["validationCurve"], run["epochs"]
        truth = c[-1]
        first = {d: e for d in stops}
        for k in range(1, e):
            mu, sd = predict(table, variant, run, k, own)
            res.append(math.log(F.err(truth)) - mu)
            p = lambda thr: phi((math.log(1 - thr) - mu) / sd)
            decisions += 1
            if p(truth - 0.001) < STOP: wrong += 1
            for d in stops:
                if first[d] == e and p(truth + d) < STOP: first[d] = k
        for d in stops: stops[d].append(first[d] / e)
    return (math.sqrt(statistics.mean(x * x for x in res)), wrong / decisions,
            statistics.mean(stops[0.005]), statistics.mean(stops[0.01]))


def main():
    gpu = F.load(os.path.join(HERE, "gpu-standard.jsonl"))
    cpu = F.load(os.path.join(HERE, "cpu-quick.jsonl"))
    seed1 = [r for r in gpu if r["seed"] == 1]
    seed2 = [r for r in gpu if r["seed"] == 2]
    print(f"{'split':34} {'variant':7} {'own':>3} {'rms':>6} {'wrong':>6} {'stop@+0.5':>9} {'stop@+1':>8}")
    for variant in F.VARIANTS:
        splits = [("fit GPU seed 1 (+CPU) -> GPU seed 2", F.fit(seed1, cpu, variant), seed2),
                  ("fit GPU -> CPU quick", F.fit(gpu, None, variant), cpu)]
        for name, table, held in splits:
            for own in (0, 3):
                rms, wrong, s5, s10 = judge(table, variant, held, own)
                print(f"{name:34} {variant:7} {own:3d} {rms:6.3f} {wrong:6.3f} {s5:9.3f} {s10:8.3f}")
        # leave one GPU shape out: fitted on the other shapes (with the CPU's spread), judged on the held-out shape's runs
        agg = {0: [], 3: []}
        shapes = sorted({r["shape"] for r in gpu})
        for s in shapes:
            table = F.fit([r for r in gpu if r["shape"] != s], cpu, variant)
            held = [r for r in gpu if r["shape"] == s]
            for own in (0, 3):
                others = [r for r in gpu if r["shape"] != s][:own]
                agg[own].append([judge_one(table, variant, h, others) for h in held])
        for own in (0, 3):
            rows = [x for group in agg[own] for x in group]
            rms = math.sqrt(statistics.mean(x[0] for x in rows))
            print(f"{'leave one GPU shape out':34} {variant:7} {own:3d} {rms:6.3f} {statistics.mean(x[1] for x in rows):6.3f} "
                  f"{statistics.mean(x[2] for x in rows):9.3f} {statistics.mean(x[3] for x in rows):8.3f}")


def judge_one(table, variant, run, own):
    """For leave-one-shape-out: (mean squared residual, wrong-stop share, stop fractions) of one held-out run."""
    c, e = run["validationCurve"], run["epochs"]
    truth = c[-1]
    sq, wrong, first = [], 0, {0.005: e, 0.01: e}
    for k in range(1, e):
        mu, sd = predict(table, variant, run, k, own)
        sq.append((math.log(F.err(truth)) - mu) ** 2)
        p = lambda thr: phi((math.log(1 - thr) - mu) / sd)
        if p(truth - 0.001) < STOP: wrong += 1
        for d in first:
            if first[d] == e and p(truth + d) < STOP: first[d] = k
    return statistics.mean(sq), wrong / (e - 1), first[0.005] / e, first[0.01] / e


if __name__ == "__main__":
    main()
