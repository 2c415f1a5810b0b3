#!/usr/bin/env python3
"""Turns the tool's and PyTorch's JSON into the three markdown tables of benchmarks/RESULTS.md."""
import json, re, statistics, sys

out_md, ref_path, rep_path, sidecar_path, *ours_paths = sys.argv[1:]
# pynvml's readings of the counter during the tool's runs: (unix seconds first seen, mJ), in time order.
sidecar = [tuple(float(x) for x in line.split()) for line in open(sidecar_path) if line.strip()]


def pynvml_at(t):
    """The counter value pynvml had seen by unix time t (None before its first reading)."""
    value = None
    for seen, mj in sidecar:
        if seen > t:
            break
        value = mj
    return value
ref = json.load(open(ref_path))
ours = {}
for p in ours_paths:
    doc = json.load(open(p))
    for m in doc["measurements"]:
        ours[(m["shape"], doc["input"].split(",")[0].strip(), m["batchSize"])] = (m, doc)
rep = json.load(open(rep_path))

def key_input(inp):  # the tool prints InputShape as "1x28x28, 10 classes" or similar; normalise
    return inp.split(",")[0].split(" ")[0]

ours = {(s, key_input(i), b): v for (s, i, b), v in ours.items()}
lines = [f"Card: {ref['card']}, driver {ref['driver']}, PyTorch {ref['torch']} (cudnn.benchmark={ref['cudnnBenchmark']}).",
         f"Tool device: {next(iter(ours.values()))[1]['device'] if ours else '?'}", "",
         "### Latency: shapednn (TorchSharp, K back-to-back passes per sample, synchronised wall clock) vs PyTorch (torch.cuda.Event around K back-to-back passes), medians per pass", "",
         "Both warm up for >= 0.5 s and pick K so that a sample lasts >= 10 ms. \"single\" is PyTorch's event time of one pass with a synchronise after each, for context (not compared).", "",
         "| shape | input | batch | shapednn ms (p10–p90) | K | PyTorch event ms (p10–p90) | K | PyTorch wall ms | PyTorch single ms | diff | within 15 % |",
         "|---|---|---|---|---|---|---|---|---|---|---|"]
lat_ok = 0
energy_rows = []
for r in ref["measurements"]:
    k = (r["shape"], r["input"], r["batchSize"])
    m = ours.get(k, (None,))[0]
    if m is None or "error" in r or "error" in m:
        lines.append(f"| {k[0]} | {k[1]} | {k[2]} | {m.get('error', '-') if m else 'missing'} | | {r.get('error', '-') if 'error' in r else round(r['medianMs'], 3)} | | | | | no |")
        continue
    if m.get("parameters") != r.get("parameters"):
        lines.append(f"| {k[0]} | {k[1]} | {k[2]} | STRUCTURE MISMATCH: {m.get('parameters')} vs {r.get('parameters')} parameters | | | | | | | no |")
        continue
    diff = m["medianMs"] / r["medianMs"] - 1
    ok = abs(diff) <= 0.15
    lat_ok += ok
    lines.append(f"| {k[0]} | {k[1]} | {k[2]} | {m['medianMs']:.3f} ({m['p10Ms']:.3f}–{m['p90Ms']:.3f}) | {m.get('passesPerSample', '?')} | {r['medianMs']:.3f} ({r['p10Ms']:.3f}–{r['p90Ms']:.3f}) | {r.get('passesPerSample', '?')} | {r['wallMedianMs']:.3f} | {r.get('singlePassMs', float('nan')):.3f} | {diff:+.1%} | {'yes' if ok else 'NO'} |")
    if "energyMj" in m:
        energy_rows.append((k, m, r))
lines += ["", f"Shapes×inputs×batches within 15 %: {lat_ok} of {len(ref['measurements'])}.", "",
          "### Energy per forward pass: shapednn (NVML via P/Invoke, back-to-back loop, counter on its own thread, update-aligned window) vs pynvml read around a PyTorch back-to-back loop", "",
          "\"loop ms/pass\": wall time per pass in each energy loop (ours / PyTorch): a loop slower than the latency spreads idle power over fewer passes.", "",
          "| shape | input | batch | shapednn mJ | source | pynvml mJ | loop ms/pass | diff | within 15 % |", "|---|---|---|---|---|---|---|---|---|"]
en_ok = 0
for k, m, r in energy_rows:
    diff = m["energyMj"] / r["energyMj"] - 1 if r.get("energyMj") else float("nan")
    ok = abs(diff) <= 0.15 and m["energySource"] == "measured"  # an estimate fallback never passes
    en_ok += ok
    ours_loop = re.search(r"\(([0-9.]+) ms a pass", m.get("energyMethod", ""))
    ref_loop = r["energySeconds"] * 1000 / r["energyPasses"] if r.get("energyPasses") else float("nan")
    loop = f"{float(ours_loop.group(1)):.3f} / {ref_loop:.3f}" if ours_loop else f"? / {ref_loop:.3f}"
    lines.append(f"| {k[0]} | {k[1]} | {k[2]} | {m['energyMj']:.2f} | {m['energySource']} | {r['energyMj']:.2f} | {loop} | {diff:+.1%} | {'yes' if ok else 'NO'} |")
lines += ["", f"Within 15 %: {en_ok} of {len(energy_rows)}. (Context: the two loops are different programs; energy per pass follows each loop's own time per pass.)", ""]

# The spec check: pynvml's reading of the same counter around the same loop (the tool's own window).
steps = [b[0] - a[0] for a, b in zip(sidecar, sidecar[1:])]
step_ms = statistics.median(steps) * 1000 if steps else float("nan")
lines += ["### Energy per forward pass: shapednn's NVML reading vs pynvml's reading of the same counter around the same loop", "",
          f"A pynvml process read the counter every 0.5 ms during the tool's runs (updates seen every {step_ms:.0f} ms, median). For each of the tool's "
          "windows (its start and end in unix time, from `profile --json`), pynvml's counter 5 ms after each edge, divided by the tool's passes in the window.", "",
          "| shape | input | batch | shapednn mJ | pynvml mJ (same window) | window s | passes | diff | within 15 % |", "|---|---|---|---|---|---|---|---|---|"]
same_ok = same_n = 0
for k, m, r in energy_rows:
    w = m.get("energyWindow")
    if not w:
        lines.append(f"| {k[0]} | {k[1]} | {k[2]} | {m['energyMj']:.2f} | no window ({m['energySource']}) | | | | NO |")
        same_n += 1
        continue
    a, b = pynvml_at(w["startUnixMs"] / 1000 + 0.005), pynvml_at(w["endUnixMs"] / 1000 + 0.005)
    same_n += 1
    if a is None or b is None:
        lines.append(f"| {k[0]} | {k[1]} | {k[2]} | {m['energyMj']:.2f} | sidecar has no reading there | | | | NO |")
        continue
    theirs = (b - a) / w["passes"]
    diff = m["energyMj"] / theirs - 1 if theirs else float("nan")
    ok = abs(diff) <= 0.15
    same_ok += ok
    lines.append(f"| {k[0]} | {k[1]} | {k[2]} | {m['energyMj']:.2f} | {theirs:.2f} | {(w['endUnixMs'] - w['startUnixMs']) / 1000:.3f} | {w['passes']:.1f} | {diff:+.1%} | {'yes' if ok else 'NO'} |")
lines += ["", f"Within 15 %: {same_ok} of {same_n}.", "",
          "### Repeatability: the same shape measured 5 times by shapednn (separate `--repeat` runs, fresh model each)", "",
          "| run | median ms | p10 | p90 | K |", "|---|---|---|---|---|"]
meds = []
for m in rep["measurements"]:
    if "medianMs" in m:
        meds.append(m["medianMs"])
        lines.append(f"| {m['repeat']} | {m['medianMs']:.4f} | {m['p10Ms']:.4f} | {m['p90Ms']:.4f} | {m.get('passesPerSample', '?')} |")
if meds:
    spread = (max(meds) - min(meds)) / statistics.median(meds)
    lines += ["", f"Shape {rep['measurements'][0]['shape']}, batch {rep['measurements'][0]['batchSize']}: spread of medians (max−min)/median = {spread:.2%} ({'under' if spread < 0.05 else 'NOT under'} 5 %)."]
ref_meds = [x["medianMs"] for x in ref.get("repeatability", [])]
if ref_meds:
    lines.append(f"PyTorch's own spread for {ref['repeatability'][0]['shape']}: {(max(ref_meds) - min(ref_meds)) / statistics.median(ref_meds):.2%}.")
open(out_md, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
