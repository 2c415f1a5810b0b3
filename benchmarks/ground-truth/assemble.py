#!/usr/bin/env python3
"""Assembles the ground truth (issue 9) from the raw results of gpu-ground-truth.sh and cpu-latency.sh.

    benchmarks/ground-truth/assemble.py [RAW_DIR]   (default: benchmarks/ground-truth/raw, holding gt/ and cpu-latency.json)

Writes, one trained shape a line (JSON Lines, the format `shapednn replay --ground-truth` reads):
  gpu-standard.jsonl  standard budget on the GPU (seeds 1 and 2); latencyMs at batch 1 and 128 and energyMj at 128 on the GPU
  cpu-quick.jsonl     quick budget on the CPU (the shapes the machine allowed); latencyMs at batch 1 on the CPU

trainSeconds "as if trained alone": the standard runs trained 6 at a time on one GPU, so their own clock
is inflated by the others. Each shape was therefore also trained alone for 2 epochs of 10,000 images
(phase 'alone'); from that run: throughput ips = 10,000 / (training-step seconds of epoch 2), validation
seconds per epoch v = epoch-2 seconds - its step seconds, first-epoch warm-up w = epoch-1 step seconds -
10,000 / ips, set-up s = run seconds - sum of epoch seconds; and
    trainSeconds = s + w + epochs * (trainImages / ips + v).
The concurrent run's own clock is kept as trainSecondsConcurrent. The CPU runs trained 3 at a time on
2 cores each of a 16-core host, so their own clock is used as is.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "raw")
GT = os.path.join(RAW, "gt")


def load(path):
    try:
        with open(path) as f:
            text = f.read().strip()
        return json.loads(text) if text else None
    except (OSError, ValueError):
        return None


def measurements(path):
    doc = load(path)
    out = {}
    for m in (doc or {}).get("measurements", []):
        if "medianMs" in m:
            key = (m["shape"], m["batchSize"])
            # Several runs of one shape (cpu-latency.sh --repeat): keep the lowest median, since load only adds time.
            if key not in out or m["medianMs"] < out[key]["medianMs"]:
                out[key] = m
    return out


def depth_width(name):
    _, d, w = name.split("-")
    return int(d), float(w)


def width_value(w):
    return int(w) if w == int(w) else w


def alone_seconds(alone, full):
    e1, e2 = alone["epochDetails"][0], alone["epochDetails"][1]
    n = alone["trainImages"]
    ips = n / e2["trainingSeconds"]
    validation = e2["seconds"] - e2["trainingSeconds"]
    warmup = max(0.0, e1["trainingSeconds"] - n / ips)
    setup = max(0.0, alone["trainingSeconds"] - sum(e["seconds"] for e in alone["epochDetails"]))
    return setup + warmup + full["epochs"] * (full["trainImages"] / ips + validation)


def line(run, seed, train_seconds, latency, energy, extra):
    d, w = depth_width(run["shape"])
    curve = [e["validationAccuracy"] for e in run["epochDetails"]]
    record = {
        "shape": run["shape"], "depth": d, "width": width_value(w), "parameters": run["parameters"], "seed": seed,
        "epochs": run["epochs"], "trainSeconds": round(train_seconds, 3), "validationCurve": curve,
        "validationAccuracy": curve[-1], "testAccuracy": run["testAccuracy"],
        "latencyMs": latency, "energyMj": energy,
    }
    record.update(extra)
    return record


def main():
    gpu_b1 = measurements(os.path.join(GT, "gpu-latency-b1.json"))
    gpu_b128 = measurements(os.path.join(GT, "gpu-profile-b128.json"))
    cpu_b1 = measurements(os.path.join(RAW, "cpu-latency.json"))
    machine = open(os.path.join(GT, "machine.txt")).read().strip().replace("\n", "; ") if os.path.exists(os.path.join(GT, "machine.txt")) else ""

    gpu_lines, missing = [], []
    for f in sorted(os.listdir(os.path.join(GT, "train"))):
        if not f.endswith(".json"):
            continue
        run = load(os.path.join(GT, "train", f))
        if not run or "epochDetails" not in run:
            missing.append(f)
            continue
        shape, seed = run["shape"], int(f.rsplit("-seed", 1)[1].split(".")[0])
        alone = load(os.path.join(GT, "alone", shape + ".json"))
        if not alone:
            missing.append("alone/" + shape)
        latency = {}
        if (shape, 1) in gpu_b1:
            latency["1"] = round(gpu_b1[(shape, 1)]["medianMs"], 5)
        if (shape, 128) in gpu_b128:
            latency["128"] = round(gpu_b128[(shape, 128)]["medianMs"], 5)
        energy = {}
        if (shape, 128) in gpu_b128 and "energyMj" in gpu_b128[(shape, 128)]:
            energy["128"] = round(gpu_b128[(shape, 128)]["energyMj"], 4)
        # Without the alone run (not measured yet), the concurrent clock stands in, and the line says so.
        seconds, method = (alone_seconds(alone, run), "alone") if alone else (run["trainingSeconds"], "concurrent")
        gpu_lines.append(line(run, seed, seconds, latency, energy,
                              {"trainSecondsMethod": method, "trainSecondsConcurrent": round(run["trainingSeconds"], 3), "device": run["device"]}))

    cpu_lines = []
    for f in sorted(os.listdir(os.path.join(GT, "cpu"))):
        if not f.endswith(".json"):
            continue
        run = load(os.path.join(GT, "cpu", f))
        if not run or "epochDetails" not in run:
            continue
        latency = {"1": round(cpu_b1[(run["shape"], 1)]["medianMs"], 5)} if (run["shape"], 1) in cpu_b1 else {}
        cpu_lines.append(line(run, 1, run["trainingSeconds"], latency, {}, {"device": run["device"]}))

    order = lambda r: (r["seed"], r["depth"], r["width"])
    for name, rows in (("gpu-standard.jsonl", gpu_lines), ("cpu-quick.jsonl", cpu_lines)):
        with open(os.path.join(HERE, name), "w") as out:
            for r in sorted(rows, key=order):
                out.write(json.dumps(r, separators=(",", ":")) + "\n")
        print(f"{name}: {len(rows)} lines")
    if cpu_b1:
        # Batch-1 CPU latency of every shape, also of those the CPU could not train in the time it had.
        with open(os.path.join(HERE, "cpu-latency.json"), "w") as out:
            json.dump({s: round(m["medianMs"], 5) for (s, _), m in sorted(cpu_b1.items())}, out, indent=1)
    print("machine:", machine)
    if missing:
        print("incomplete:", ", ".join(missing))


if __name__ == "__main__":
    main()
