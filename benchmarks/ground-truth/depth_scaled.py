#!/usr/bin/env python3
"""The paper's second claim on our ground truth: for each depth-scaled ResNet (width 1, WRN-10-1 ... WRN-64-1),
the fastest shape of the grid whose validation accuracy is at least that network's, and the latency ratio
(depth-scaled / fastest), on the GPU at batch 128 and on the CPU at batch 1.

    benchmarks/ground-truth/depth_scaled.py     (reads gpu-standard.jsonl, seed 1, and cpu-latency.json)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
rows = [json.loads(l) for l in open(os.path.join(HERE, "gpu-standard.jsonl")) if l.strip()]
rows = [r for r in rows if r["seed"] == 1]
cpu_path = os.path.join(HERE, "cpu-latency.json")
cpu = json.load(open(cpu_path)) if os.path.exists(cpu_path) else {}

def table(name, latency_of):
    print(f"{name}")
    print("| depth-scaled | val. acc. | its latency | fastest shape at ≥ that accuracy | its val. acc. | its latency | speed-up |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for base in sorted((r for r in rows if r["width"] == 1), key=lambda r: r["depth"]):
        if latency_of(base) is None:
            continue
        rivals = [r for r in rows if r["validationAccuracy"] >= base["validationAccuracy"] and latency_of(r) is not None]
        best = min(rivals, key=latency_of)
        print(f"| {base['shape']} | {base['validationAccuracy']*100:.2f} % | {latency_of(base):.3f} ms | {best['shape']} | "
              f"{best['validationAccuracy']*100:.2f} % | {latency_of(best):.3f} ms | {latency_of(base)/latency_of(best):.2f}× |")
    print()

table("GPU (NVIDIA H200), batch 128", lambda r: r["latencyMs"].get("128"))
if cpu:
    table("CPU, batch 1", lambda r: cpu.get(r["shape"]))
