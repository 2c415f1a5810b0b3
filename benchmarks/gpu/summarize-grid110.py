import json, re, sys
#!/usr/bin/env python3
# Summarises runs of `search-check.sh grid110` as one JSON document (stdlib only): per run the total and
# profiling seconds, each round's shapes and wall seconds (first proposal to last result), each worker's
# seconds and images/s (its own report line), the pick and its figures.
#   benchmarks/gpu/summarize-grid110.py LABEL OPTIONS DIR [LABEL OPTIONS DIR ...] > results/FILE.json
# DIR holds grid110.report.json, grid110.txt (the stamped console) and log.txt of one run.
runs = []
args = sys.argv[1:]
for i in range(0, len(args), 3):
    label, options, d = args[i:i+3]
    rep = json.load(open(f'{d}/grid110.report.json'))
    log = open(f'{d}/grid110.txt').read().splitlines()
    rounds = []  # (start, shapes)
    starts = {}
    for l in log:
        m = re.match(r'\s*([\d.]+)\s+\[(\d+)\] training (\S+)', l)
        if m:
            t = float(m.group(1))
            if not rounds or abs(rounds[-1]['start'] - t) > 0.05: rounds.append({'start': t, 'shapes': []})
            rounds[-1]['shapes'].append(m.group(3))
        m = re.match(r'\s*([\d.]+)\s+(\S+): worker finished in ([\d.]+) s \(([\d,]+) images/s\)', l)
        if m:
            for r in rounds:
                if m.group(2) in r['shapes']: r.setdefault('workers', []).append({'shape': m.group(2), 'seconds': float(m.group(3)), 'imagesPerSecond': int(m.group(4).replace(',', ''))})
        m = re.match(r'\s*([\d.]+)\s+\[\d+\] (\S+): validation accuracy', l)
        if m:
            for r in rounds:
                if m.group(2) in r['shapes']: r['end'] = max(r.get('end', 0), float(m.group(1)))
    total = float(re.search(r'took (\d+) s', open(f'{d}/log.txt').read()).group(1))
    s = rep['search']; c = rep['chosen']
    runs.append({'run': label, 'options': options, 'totalSeconds': total, 'profileSeconds': round(s['profileSeconds'], 1),
                 'trained': s['trainedShapes'], 'rounds': [{'shapes': r['shapes'], 'seconds': round(r['end'] - r['start'], 1), 'workers': r.get('workers', [])} for r in rounds],
                 'trainingSecondsSummed': round(s['trainingSeconds'], 1), 'chosen': c['name'],
                 'chosenLatencyMs': round(c['latency']['medianMilliseconds'], 3), 'chosenValidation': c['training']['validationAccuracy'],
                 'chosenTest': c['training']['testAccuracy'], 'parallel': s['parallel'], 'stopReason': s['stopReason']})
print(json.dumps({'gpu': 'NVIDIA H200, 143771 MiB, driver 580.159.04, PyTorch 2.11.0+cu130 libtorch', 'date': '2026-12-02',
  'search': 'benchmarks/gpu/search-check.sh grid110: 110 shapes, MinAccuracy=94.5%, MinimizeLatency, batch 128, standard budget, cuDNN autotuning off, empty cache',
  'grid110': runs}, indent=1))
