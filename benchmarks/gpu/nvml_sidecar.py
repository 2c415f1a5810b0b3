#!/usr/bin/env python3
"""Reads NVML's total-energy counter through pynvml (an independent reader of the counter the tool reads
through its own P/Invoke) while another process runs, and writes every change it sees as
`unix_seconds millijoules`, one per line, the first reading included. Stops on SIGTERM/SIGINT.

  nvml_sidecar.py OUT_FILE [--gpu 0] [--poll-ms 0.5]
"""
import argparse, signal, sys, time

import pynvml


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--gpu", type=int, default=0)
    ap.add_argument("--poll-ms", type=float, default=0.5)
    a = ap.parse_args()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    pynvml.nvmlInit()
    handle = pynvml.nvmlDeviceGetHandleByIndex(a.gpu)
    last = None
    with open(a.out, "w") as f:
        while not stop:
            value = pynvml.nvmlDeviceGetTotalEnergyConsumption(handle)
            now = time.time()
            if value != last:
                f.write(f"{now:.6f} {value}\n")
                last = value
            time.sleep(a.poll_ms / 1000)
        f.flush()
    pynvml.nvmlShutdown()


if __name__ == "__main__":
    sys.exit(main())
