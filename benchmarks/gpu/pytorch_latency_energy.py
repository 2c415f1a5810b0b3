#!/usr/bin/env python3
"""Independent reference for `shapednn profile --device cuda`: the same pre-activation Wide ResNets
(structure exactly as src/ShapeDnn.Core/DesignSpace/NetworkPlan.cs), timed in PyTorch eager with
torch.cuda.Event, and energy per pass from pynvml's total-energy counter read around a timed loop.

Writes JSON: {"card", "driver", "torch", "measurements": [{shape, input, batchSize, medianMs, p10Ms,
p90Ms, wallMedianMs, runs, passesPerSample, singlePassMs, energyMj, energyPasses, energySeconds, energyGroup}],
"repeatability": [...]}. Latency is measured as the tool measures it: after a time-based warm-up, samples of K passes
launched back to back (K so that a sample lasts >= 10 ms), here between two CUDA events, per pass; energy over a loop of
back-to-back passes synchronised every ~10 ms of work, divided by the passes.
"""
import argparse, json, math, statistics, time

import torch
import torch.nn as nn
import torch.nn.functional as F


def group_channels(base, width):
    # C#: Math.Round(base * k, MidpointRounding.AwayFromZero), at least 1
    v = base * width
    return max(1, int(v + 0.5) if v >= 0 else int(v - 0.5))


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin, eps=1e-5, momentum=0.1)
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.shortcut = nn.Conv2d(cin, cout, 1, stride=stride, bias=False) if (cin != cout or stride != 1) else None

    def forward(self, x):
        a = F.relu(self.bn1(x))
        residual = x if self.shortcut is None else self.shortcut(a)  # 1x1 on the pre-activated input
        h = F.relu(self.bn2(self.conv1(a)))
        return self.conv2(h) + residual


class WideResNet(nn.Module):
    def __init__(self, depth, width, channels, classes):
        super().__init__()
        assert depth >= 10 and (depth - 4) % 6 == 0
        n = (depth - 4) // 6
        self.stem = nn.Conv2d(channels, 16, 3, padding=1, bias=False)
        blocks, cin = [], 16
        for base, stride in ((16, 1), (32, 2), (64, 2)):
            cout = group_channels(base, width)
            for b in range(n):
                blocks.append(Block(cin, cout, stride if b == 0 else 1))
                cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.bn = nn.BatchNorm2d(cin)
        self.fc = nn.Linear(cin, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        nn.init.zeros_(self.fc.bias)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        x = F.relu(self.bn(x))
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(x)


def parse_shape(text):
    t = text[4:] if text.upper().startswith("WRN-") else text
    d, w = t.split("-")
    return int(d), float(w)


def quantile(sorted_values, q):
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def pass_once(model, x):
    logits = model(x)
    return logits.softmax(1)


def calibrate(model, x, warmup_runs, warmup_s, cap_s, min_sample_ms):
    """Warm-up as the tool does it (RepeatedTiming.WarmUp): at least `warmup_runs` passes and `warmup_s` seconds
    (at most a quarter of the cap), in growing back-to-back groups; the last group's time per pass sets K, the
    passes per sample, so that a sample lasts at least `min_sample_ms`."""
    start = time.perf_counter()
    passes, group = 0, 1
    while True:
        spent = time.perf_counter() - start
        if passes > 0 and (spent >= cap_s / 4 or (passes >= warmup_runs and spent >= warmup_s)):
            return group
        t0 = time.perf_counter()
        for _ in range(group):
            pass_once(model, x)
        torch.cuda.synchronize()
        passes += group
        per_pass_ms = (time.perf_counter() - t0) * 1000 / group
        group = max(1, min(1000, math.ceil(min_sample_ms / per_pass_ms))) if per_pass_ms > 0 else 1000


def time_events(model, x, warmup, min_runs, max_runs, spread, cap_s, warmup_s=0.5, min_sample_ms=10.0):
    """CUDA-event time per pass: each sample is K forward+softmax passes launched back to back between two events,
    one synchronisation after the end event, divided by K (K from the warm-up, a sample >= min_sample_ms).
    Returns (median, p10, p90, wall median per pass, samples, K)."""
    start_all = time.perf_counter()
    k = calibrate(model, x, warmup, warmup_s, cap_s, min_sample_ms)
    events, walls = [], []
    while len(events) < max_runs:
        s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        t0 = time.perf_counter()
        s.record()
        for _ in range(k):
            pass_once(model, x)
        e.record()
        torch.cuda.synchronize()
        walls.append((time.perf_counter() - t0) * 1000 / k)
        events.append(s.elapsed_time(e) / k)
        if time.perf_counter() - start_all > cap_s and len(events) >= 3:
            break
        if len(events) >= min_runs and len(events) % 5 == 0:
            v = sorted(events)
            med = quantile(v, 0.5)
            if med > 0 and (quantile(v, 0.9) - quantile(v, 0.1)) / med <= spread:
                break
    v = sorted(events)
    return quantile(v, 0.5), quantile(v, 0.1), quantile(v, 0.9), statistics.median(walls), len(v), k


def time_single_events(model, x, runs, cap_s):
    """For context only: CUDA-event time of one pass with a synchronisation after each (what a batch-1 app that
    waits for every answer sees; launch-bound shapes are slower so). Median over `runs` passes or `cap_s` seconds."""
    events = []
    start = time.perf_counter()
    while len(events) < runs and time.perf_counter() - start < cap_s:
        s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        s.record()
        pass_once(model, x)
        e.record()
        torch.cuda.synchronize()
        events.append(s.elapsed_time(e))
    return statistics.median(events)


def energy_pynvml(handle, model, x, window_s, latency_ms):
    """pynvml's total-energy counter (mJ) read before and after a loop of back-to-back passes, synchronised every
    group of about 10 ms of work (as the tool's loop); read only at the two edges, after a synchronisation, so every
    pass counted has finished. The counter's coarse update steps make each edge uncertain by up to one update."""
    import pynvml
    group = max(1, min(10000, math.ceil(10.0 / latency_ms))) if latency_ms > 0 else 1
    for _ in range(group):
        pass_once(model, x)
    torch.cuda.synchronize()
    e0 = pynvml.nvmlDeviceGetTotalEnergyConsumption(handle)
    t0 = time.perf_counter()
    passes = 0
    while time.perf_counter() - t0 < window_s:
        for _ in range(group):
            pass_once(model, x)
        torch.cuda.synchronize()
        passes += group
    e1 = pynvml.nvmlDeviceGetTotalEnergyConsumption(handle)
    return (e1 - e0) / passes, passes, time.perf_counter() - t0, group


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shapes", default="WRN-10-1,WRN-16-2,WRN-22-4,WRN-28-8,WRN-40-4")
    ap.add_argument("--inputs", default="1x28x28,3x32x32")
    ap.add_argument("--batch-sizes", default="1,128")
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--energy-window", type=float, default=4.0)
    ap.add_argument("--repeat-shape", default="WRN-16-2")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    assert torch.cuda.is_available(), "PyTorch sees no CUDA device"
    dev = torch.device("cuda:0")
    import pynvml
    pynvml.nvmlInit()
    handle = pynvml.nvmlDeviceGetHandleByIndex(0)
    name = pynvml.nvmlDeviceGetName(handle)
    driver = pynvml.nvmlSystemGetDriverVersion()
    result = {"card": name if isinstance(name, str) else name.decode(), "driver": driver if isinstance(driver, str) else driver.decode(),
              "torch": torch.__version__, "cudnnBenchmark": torch.backends.cudnn.benchmark, "measurements": [], "repeatability": []}
    torch.manual_seed(0)
    with torch.inference_mode():
        for inp in a.inputs.split(","):
            c, h, w = (int(v) for v in inp.lower().split("x"))
            for shape in a.shapes.split(","):
                d, k = parse_shape(shape)
                model = WideResNet(d, k, c, a.classes).to(dev).eval()
                for b in (int(v) for v in a.batch_sizes.split(",")):
                    x = torch.randn(b, c, h, w, device=dev)
                    row = {"shape": f"WRN-{d}-{k:g}", "input": inp, "batchSize": b, "parameters": sum(p.numel() for p in model.parameters())}
                    try:
                        med, p10, p90, wall, runs, pps = time_events(model, x, 20, 50, 2000, 0.05, 3.0)
                        single = time_single_events(model, x, 200, 1.0)
                        mj, passes, secs, group = energy_pynvml(handle, model, x, a.energy_window, med)
                        row.update(medianMs=med, p10Ms=p10, p90Ms=p90, wallMedianMs=wall, runs=runs, passesPerSample=pps, singlePassMs=single,
                                   energyMj=mj, energyPasses=passes, energySeconds=secs, energyGroup=group)
                    except torch.OutOfMemoryError as e:
                        row["error"] = f"out of memory: {e}".splitlines()[0]
                        torch.cuda.empty_cache()
                    print(json.dumps(row), flush=True)
                    result["measurements"].append(row)
                    del x
                del model
                torch.cuda.empty_cache()
        # Repeatability of the reference itself (same shape, fresh model each time), batch 1, first input.
        inp = a.inputs.split(",")[0]
        c, h, w = (int(v) for v in inp.lower().split("x"))
        d, k = parse_shape(a.repeat_shape)
        for r in range(a.repeat):
            model = WideResNet(d, k, c, a.classes).to(dev).eval()
            x = torch.randn(1, c, h, w, device=dev)
            med, p10, p90, wall, runs, passes_per_sample = time_events(model, x, 20, 50, 2000, 0.05, 3.0)
            result["repeatability"].append({"shape": f"WRN-{d}-{k:g}", "input": inp, "batchSize": 1, "repeat": r + 1, "medianMs": med, "wallMedianMs": wall,
                                            "passesPerSample": passes_per_sample})
    pynvml.nvmlShutdown()
    with open(a.out, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
