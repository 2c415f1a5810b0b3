#!/usr/bin/env python3
"""Plain PyTorch reference for `shapednn train`: the same pre-activation Wide ResNet
(src/ShapeDnn.Core/DesignSpace/NetworkPlan.cs), the same recipe (DESIGN.md: SGD Nesterov 0.9,
lr 0.1 at batch 128 scaled linearly, wd 5e-4 on all parameters, one-cycle cosine with 15 % warm-up
from lr/10 to lr/1000 set before every step, random crop from a 2 px zero border (28x28) and
horizontal flip, per-dataset mean/std, 5,000 training images held out), data read from the same
IDX .gz files and kept on the GPU (as ShapeDnn does), bf16 autocast, channels-last, cudnn.benchmark.
Prints one JSON line like `shapednn train --json`.

  pytorch_train.py --data DIR --shape WRN-16-4 [--epochs 10] [--batch-size 128] [--precision bf16|tf32|fp32] [--seed 1]
"""
import argparse, gzip, json, math, re, struct, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    """Reads an IDX file, gzipped (name.gz) or raw (name), whichever exists."""
    import os
    if os.path.exists(path):
        with gzip.open(path, "rb") as f:
            data = f.read()
    else:
        with open(path[:-3], "rb") as f:
            data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class Block(nn.Module):
    """BN-ReLU-conv3x3(stride)-BN-ReLU-conv3x3; 1x1 shortcut on the pre-activated input where the shape changes."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin, eps=1e-5, momentum=0.1)
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.shortcut = nn.Conv2d(cin, cout, 1, stride, bias=False) if (cin != cout or stride != 1) else None

    def forward(self, x):
        a = F.relu(self.bn1(x))
        residual = x if self.shortcut is None else self.shortcut(a)
        h = F.relu(self.bn2(self.conv1(a)))
        return self.conv2(h) + residual


class WideResNet(nn.Module):
    def __init__(self, depth, width, channels, classes):
        super().__init__()
        n = (depth - 4) // 6
        widths = [max(1, int(math.floor(b * width + 0.5))) for b in (16, 32, 64)]  # round half away from zero
        self.stem = nn.Conv2d(channels, 16, 3, 1, 1, bias=False)
        blocks, cin = [], 16
        for g, (cout, stride) in enumerate(zip(widths, (1, 2, 2))):
            for b in range(n):
                blocks.append(Block(cin, cout, stride if b == 0 else 1))
                cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.bn = nn.BatchNorm2d(cin, eps=1e-5, momentum=0.1)
        self.fc = nn.Linear(cin, classes)
        for name, p in self.named_parameters():
            if p.dim() == 4:
                nn.init.kaiming_normal_(p, mode="fan_out", nonlinearity="relu")
        nn.init.zeros_(self.fc.bias)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.fc(F.relu(self.bn(x)).mean((2, 3)))


def lr_at(step, total, peak, warmup_fraction=0.15, final_fraction=1e-3):
    warmup = max(1, round(warmup_fraction * total))
    start, end = peak / 10, peak * final_fraction
    if step < warmup:
        t = step / warmup
        return start + (peak - start) * (1 - math.cos(math.pi * t)) / 2
    u = min(1.0, (step - warmup) / max(1, total - warmup))
    return end + (peak - end) * (1 + math.cos(math.pi * u)) / 2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--shape", required=True)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--precision", default="bf16", choices=["bf16", "tf32", "fp32"])
    ap.add_argument("--validation", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    wall = time.perf_counter()

    m = re.match(r"(?i)^(?:wrn-)?(\d+)-(\d+(?:\.\d+)?)$", args.shape)
    depth, width = int(m.group(1)), float(m.group(2))
    dev = torch.device("cuda")
    torch.backends.cudnn.benchmark = True
    tf32 = args.precision != "fp32"
    torch.backends.cuda.matmul.allow_tf32 = tf32
    torch.backends.cudnn.allow_tf32 = tf32
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    x = read_idx(f"{args.data}/train-images-idx3-ubyte.gz").astype(np.float32) / 255
    y = read_idx(f"{args.data}/train-labels-idx1-ubyte.gz").astype(np.int64)
    xt = read_idx(f"{args.data}/t10k-images-idx3-ubyte.gz").astype(np.float32) / 255
    yt = read_idx(f"{args.data}/t10k-labels-idx1-ubyte.gz").astype(np.int64)
    if x.ndim == 3:
        x, xt = x[:, None], xt[:, None]
    perm = rng.permutation(len(x))
    val_idx, train_idx = perm[:args.validation], perm[args.validation:]
    mean = x[train_idx].mean(axis=(0, 2, 3), keepdims=True)
    std = x[train_idx].std(axis=(0, 2, 3), keepdims=True)
    pad = 2 if min(x.shape[2:]) < 32 else 4

    def to_dev(a, padding=0):
        t = torch.from_numpy(a).to(dev)
        if padding:
            t = F.pad(t, (padding,) * 4)  # zero border on [0,1] pixels, then normalise (torchvision order)
        return ((t - torch.from_numpy(mean).to(dev)) / torch.from_numpy(std).to(dev)).contiguous()

    store = torch.bfloat16 if args.precision == "bf16" else torch.float32
    train_x = to_dev(x[train_idx], pad).to(store)
    train_y = torch.from_numpy(y[train_idx]).to(dev)
    val_x, val_y = to_dev(x[val_idx]).to(store), torch.from_numpy(y[val_idx]).to(dev)
    test_x, test_y = to_dev(xt).to(store), torch.from_numpy(yt).to(dev)
    N, C, H, W = train_x.shape[0], x.shape[1], x.shape[2], x.shape[3]

    model = WideResNet(depth, width, C, 10).to(dev).to(memory_format=torch.channels_last)
    params = sum(p.numel() for p in model.parameters())
    bs = args.batch_size
    peak = 0.1 * bs / 128
    opt = torch.optim.SGD(model.parameters(), lr=peak, momentum=0.9, nesterov=True, weight_decay=5e-4)
    batches = (N + bs - 1) // bs
    total = batches * args.epochs
    autocast = torch.autocast("cuda", dtype=torch.bfloat16, enabled=args.precision == "bf16")
    rows = torch.arange(H, device=dev).view(1, 1, H, 1)
    cols = torch.arange(W, device=dev).view(1, 1, 1, W)

    def evaluate(ix, iy):
        model.eval()
        correct = 0
        with torch.no_grad(), autocast:
            for s in range(0, len(ix), 512):
                xb = ix[s:s + 512].contiguous(memory_format=torch.channels_last)
                correct += (model(xb).argmax(1) == iy[s:s + 512]).sum().item()
        return correct / len(ix)

    epochs, step = [], 0
    for epoch in range(args.epochs):
        model.train()
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        order = torch.randperm(N, device=dev)
        top = torch.randint(0, 2 * pad + 1, (N, 1, 1, 1), device=dev)
        left = torch.randint(0, 2 * pad + 1, (N, 1, 1, 1), device=dev)
        flip = torch.rand(N, 1, 1, 1, device=dev) < 0.5
        loss_sum = torch.zeros((), device=dev)
        for b in range(batches):
            idx = order[b * bs:(b + 1) * bs]
            n = idx.shape[0]
            # Per-image crop and flip as one gather, like ShapeDnn's CropFlipAugmenter.
            c = torch.where(flip[b * bs:b * bs + n], (W - 1) - cols, cols)
            r = top[b * bs:b * bs + n] + rows
            planes = idx.view(n, 1, 1, 1) * C + torch.arange(C, device=dev).view(1, C, 1, 1)
            offs = planes * (train_x.shape[2] * train_x.shape[3]) + r * train_x.shape[3] + left[b * bs:b * bs + n] + c
            xb = train_x.take(offs).contiguous(memory_format=torch.channels_last)
            yb = train_y[idx]
            for g in opt.param_groups:
                g["lr"] = lr_at(step, total, peak)
            with autocast:
                loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_sum += loss.detach() * n
            step += 1
        torch.cuda.synchronize()
        seconds = time.perf_counter() - t0
        epochs.append({"epoch": epoch + 1, "trainLoss": loss_sum.item() / N, "trainingSeconds": seconds,
                       "validationAccuracy": evaluate(val_x, val_y)})

    later = epochs[1:]
    steady = len(later) * N / sum(e["trainingSeconds"] for e in later) if later else None
    print(json.dumps({
        "shape": f"WRN-{depth}-{m.group(2)}", "parameters": params, "device": torch.cuda.get_device_name(),
        "torch": torch.__version__, "precision": args.precision, "batchSize": bs, "epochs": args.epochs, "trainImages": N,
        "validationAccuracy": epochs[-1]["validationAccuracy"], "testAccuracy": evaluate(test_x, test_y),
        "trainingSeconds": sum(e["trainingSeconds"] for e in epochs),
        "imagesPerSecond": N * args.epochs / sum(e["trainingSeconds"] for e in epochs),
        "imagesPerSecondAfterFirstEpoch": steady, "wallSeconds": time.perf_counter() - wall, "epochDetails": epochs}))


if __name__ == "__main__":
    main()
