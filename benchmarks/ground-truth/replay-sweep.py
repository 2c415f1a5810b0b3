#!/usr/bin/env python3
# A wider replay check than replay-cases.tsv: 53 cases generated over goals x MinAccuracy steps x batch
# sizes, accuracy goals under latency/size limits, the seed-2 part, the CPU part and two sub-spaces.
# Prints every case that is not right (same rule as replay-suite.sh) and the totals.
#   benchmarks/ground-truth/replay-sweep.py [SHAPEDNN_DLL] [-v]
import json, os, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
here=os.path.dirname(os.path.abspath(__file__))
dll=sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else os.path.join(here, "../../src/ShapeDnn.Cli/bin/Release/net10.0/shapednn.dll")
gt=here + "/"
cases=[]
for goal,bs in [("MinimizeLatency","128"),("MinimizeLatency","1"),("MinimizeSize","1"),("MinimizeEnergy","128")]:
    for acc in ["93.8","94","94.2","94.4","94.6","94.8","95","95.2"]:
        cases.append((f"{goal}-{bs}-{acc}","gpu-standard.jsonl",goal,f"MinAccuracy={acc}%",bs,None,None))
for lim in ["1.5ms","2ms","2.5ms","3ms","4ms"]:
    cases.append((f"maxacc-lat{lim}","gpu-standard.jsonl","MaximizeAccuracy",f"MaxLatency={lim}","128",None,None))
for lim in ["1M","3M","6M","12M"]:
    cases.append((f"maxacc-p{lim}","gpu-standard.jsonl","MaximizeAccuracy",f"MaxParameters={lim}","1",None,None))
for acc in ["93.5","94","94.5"]:
    cases.append((f"seed2-size-{acc}","gpu-standard.jsonl","MinimizeSize",f"MinAccuracy={acc}%","1","seed=2",None))
for acc in ["76","77","78","79","80"]:
    cases.append((f"cpu-lat-{acc}","cpu-quick.jsonl","MinimizeLatency",f"MinAccuracy={acc}%","1","quick",None))
for sp in ["depths=10,16,22;widths=1,2,4","depths=16,22,28,40;widths=2,4,6,8"]:
    for acc in ["94.4","94.8"]:
        cases.append((f"sub-{sp[:12]}-{acc}","gpu-standard.jsonl","MinimizeLatency",f"MinAccuracy={acc}%","128",None,sp))
def run(c):
    name,f,goal,cons,bs,budget,space=c
    args=["dotnet",dll,"replay","--ground-truth",gt+f,"--goal",goal,"--constraints",cons,"--batch-size",bs,"--json"]
    if budget: args+=["--budget",budget]
    if space: args+=["--design-space",space]
    p=subprocess.run(args,capture_output=True,text=True,env=os.environ)
    if p.returncode!=0:
        import re as _re
        m=_re.search(r"MinAccuracy=([0-9.]+)%",cons); limit=float(m.group(1))/100 if m else 0
        seed=2 if budget=="seed=2" else 1
        recs=[json.loads(l) for l in open(gt+f) if l.strip()]
        recs=[x for x in recs if x["seed"]==seed]
        if not any(x["validationAccuracy"]>=limit for x in recs): return (name,"right","error, none reaches",0,0,1)
        return (name,"ERROR",p.stdout[:100]+p.stderr[:100],0,0,0)
    r=json.loads(p.stdout)
    import re
    m=re.search(r"MinAccuracy=([0-9.]+)%",cons); limit=float(m.group(1))/100 if m else None
    if r.get("exhaustiveChoice") is None: return (name,"NOOPT",r["chosen"],r["trainingSeconds"],r["exhaustiveSeconds"],1)
    if goal=="MaximizeAccuracy": right=r["chosenMetric"]>=r["exhaustiveMetric"]-0.003
    else: right=r["chosenMetric"]<=1.03*r["exhaustiveMetric"]
    right=right and (limit is None or r["chosenValidationAccuracy"]>=limit-0.003)
    return (name,"right" if right else "MISS",f'{r["chosen"]}/{r["exhaustiveChoice"]}',r["trainingSeconds"],r["exhaustiveSeconds"],right)
with ThreadPoolExecutor(3) as ex: res=list(ex.map(run,cases))
ok=sum(1 for r in res if r[1]=="right"); n=len(res)
t=sum(r[3] for r in res); e=sum(r[4] for r in res)
for r in res:
    if r[1]!="right" or "-v" in sys.argv: print("  ",r[0],r[1],r[2],round(r[3]),round(r[4]))
print(f"right {ok}/{n} spend {t:.0f}/{e:.0f} = {t/e:.3f}")
