#!/usr/bin/python3
# Classifies every case replay-random.py --json wrote that is not right, by a first matching rule:
# the filter excluded the optimum (it covers a shape over MaxLatency: latency is not monotone; or SDNN013),
# the run before giving up stopped short of the optimum, the top shape closed by a dominator that failed by less
# than the tolerance, the budget ceiling (BudgetSpent), the quick budget (CPU), a knife-edge (the optimum clears
# MinAccuracy by < 0.3 pp), WRN-40-6 (0.26 pp above WRN-40-8, the space's largest drop), other.
#   benchmarks/ground-truth/replay-random-causes.py RESULT.json...
import json, sys, re
import os
G=os.path.dirname(os.path.abspath(__file__))+"/"
gt={}
for name,f in [("gpu","gpu-standard.jsonl"),("cpu","cpu-quick.jsonl")]:
    for l in open(G+f):
        r=json.loads(l); gt.setdefault(name,{}).setdefault(r["seed"],{})[r["shape"]]=r
def recs(src):
    if src=="cpu": return gt["cpu"][1]
    d=dict(gt["gpu"][1])
    if src=="gpu-seed2": d.update(gt["gpu"][2])
    return d
def covers(a,b): return a["depth"]>=b["depth"] and a["width"]>=b["width"]
def cause(r):
    R=recs(r["source"]); x=r.get("replay")
    if x:
        trained={t["shape"]:t for t in x["trained"]}; opt=x["exhaustiveChoice"]; stop=x["stopReason"]; chosen=x["chosen"]
    elif r["error"].startswith("SDNN013"):
        return "filter: SDNN013 (every shape excluded) though some are feasible", f'#{r["id"]} {r["source"]} {r["goal"]} [{r["constraints"]}] b{r["batch"]} p{r["parallel"]}{" "+r["space"] if r["space"] else ""}: gave up with SDNN013 ({r["error"][:90]}...)'
    else:
        trained={t.split(":")[0]:{"epochs":int(t.split(":")[1])} for t in (r.get("gaveup_trained") or "").split()}
        m=re.search(r"exhaustive search chooses ([\w-]+)",r["error"]); opt=m.group(1); chosen="gave up"
        stop="BudgetSpent" if "budget spent" in r["error"] else "AllTrained" if "every feasible" in r["error"] else "AccuracyOutOfReach"
    bs=str(r["batch"]); cons=r["constraints"]
    ml=re.search(r"MaxLatency=([0-9.]+)ms",cons)
    space=r["space"]
    shapes=[s for s in R if not space or (R[s]["depth"] in [int(v) for v in re.search(r"depths=([0-9,]+)",space).group(1).split(",")] and R[s]["width"] in [float(v) for v in re.search(r"widths=([0-9.,]+)",space).group(1).split(",")])]
    o=R[opt]
    margin=(o["validationAccuracy"]-r["minacc"]/100)*100 if r["minacc"] is not None else None
    if ml and opt not in trained and any(covers(o,R[s]) and R[s]["latencyMs"][bs]>float(ml.group(1)) for s in shapes if s!=opt):
        c="filter: excluded untrained as covering a shape over MaxLatency (latency not monotone)"
    elif chosen=="gave up" and stop=="AccuracyOutOfReach" and opt in trained and trained[opt]["epochs"]<(4 if r["source"]=="cpu" else 10):
        c="gave up: the run before giving up was stopped by the prediction it tested"
    elif chosen=="gave up" and stop=="AccuracyOutOfReach" and opt not in trained and not (margin is not None and margin<0.05):
        c="gave up: top shape closed by a dominator that failed by less than the tolerance"
    elif stop=="BudgetSpent": c="budget ceiling" + (" (quick: 6 runs)" if r["source"]=="cpu" else "")
    elif r["source"]=="cpu": c="quick budget: predictor/noise (1,000 validation images)"
    elif margin is not None and margin<0.3: c=f"knife-edge: optimum clears MinAccuracy by {margin:.2f} pp" + (" (seed-2 split mix)" if r["source"]=="gpu-seed2" else "")
    elif opt=="WRN-40-6": c="WRN-40-6 closed by stopped WRN-40-8 (last-epoch jump)"
    else: c="other"
    st="untrained" if opt not in trained else f'{trained[opt]["epochs"]} ep'
    return c, f'#{r["id"]} {r["source"]} {r["goal"]} [{cons or "-"}] b{bs} p{r["parallel"]}{" "+space if space else ""}: chose {chosen}, exhaustive {opt} ({st}){"" if margin is None else f", +{margin:.2f} pp"}; {stop}'
from collections import Counter
for path in sys.argv[1:]:
    res=json.load(open(path))
    cnt=Counter()
    print(f"## {path}")
    for r in res:
        if r["right"]: continue
        c,d=cause(r); cnt[c.split(":")[0].split(" (")[0]]+=1
        print(f"- {d} — {c}")
    print("  counts:", dict(cnt))
