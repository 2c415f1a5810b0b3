#!/usr/bin/env bash
# Issue 12 figure: the Slurm executor's overhead per training task on a local single-node cluster,
# submission to start (sbatch returned -> the task's script runs on the node: Slurm's scheduling plus
# launch) and end to result seen (the worker wrote its result event -> the search read it: the
# executor's polling), over every task of one search (`--verbose` lines "slurm: … started X s after
# submission; result seen Y s after it was written").
#   benchmarks/slurm-overhead.sh [shapes]     (as root; needs Debian's slurm-wlm and munge)
set -euo pipefail
cd "$(dirname "$0")/.."
shapes=${1:-6}
[ "$(id -u)" -eq 0 ] || { echo "run as root (slurmd runs jobs as their users)" >&2; exit 1; }
for tool in /usr/sbin/munged /usr/sbin/slurmctld /usr/sbin/slurmd /usr/bin/sbatch; do
  [ -x "$tool" ] || { echo "$tool missing: apt-get install slurm-wlm munge" >&2; exit 1; }
done
dotnet build src/ShapeDnn.Cli -c Release -nologo -v q >/dev/null
cli=$PWD/src/ShapeDnn.Cli/bin/Release/net10.0/shapednn.dll

# The cluster: as the tests' LocalSlurm (tests/ShapeDnn.Cli.Tests/Slurm/LocalSlurm.cs).
work=$(mktemp -d /tmp/sdnn-bench-XXXXXX)
export SLURM_CONF=$work/slurm.conf
cleanup() {
  scancel --full --user=root >/dev/null 2>&1 || true
  scontrol shutdown >/dev/null 2>&1 || true
  # The daemons we started, by their pid files; each is waited for before the folder goes.
  for name in slurmd slurmctld munged; do
    pid=$(cat "$work/$name.pid" 2>/dev/null) || continue
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/state" "$work/spool" "$work/log"
head -c 1024 /dev/urandom >"$work/munge.key"; chmod 400 "$work/munge.key"
/usr/sbin/munged --key-file="$work/munge.key" --socket="$work/munge.sock" --pid-file="$work/munged.pid" \
  --log-file="$work/log/munged.log" --seed-file="$work/munge.seed" --force
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cat >"$SLURM_CONF" <<CONF
ClusterName=shapednn-bench
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$(port)
SlurmdPort=$(port)
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge.sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1
MpiDefault=none
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MinJobAge=600
SlurmdParameters=config_overrides
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$shapes RealMemory=$(awk '/MemTotal/{print int($2/1024)}' /proc/meminfo) State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
/usr/sbin/slurmctld -i
/usr/sbin/slurmd -N localhost
for _ in $(seq 1 300); do
  scontrol ping 2>/dev/null | grep -q "is UP" && [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && break
  sleep 0.2
done

# Tiny shapes, one epoch each, all in the search's first batch (one array of N tasks). The node
# claims N CPUs (config_overrides), so every task starts at once: the figure is Slurm's and the
# executor's delay, not a wait for a free core.
widths=$(seq -s, 1 "$shapes")
dotnet "$cli" search --data samples/data/fashion-mnist-small --constraints "MinAccuracy=1%" --goal MinimizeSize \
  --design-space "depths=10;widths=$widths" --budget "epochs=1;subset=128;validation=64;test=64;shapes=$shapes" \
  --device cpu --executor slurm --slurm-partition debug --parallel "$shapes" --verbose \
  --out "$work/out" --name Bench --cache "$work/cache" >"$work/search.log" 2>&1 || { tail -30 "$work/search.log"; exit 1; }

grep -o 'slurm: .* task [0-9_]*: started [0-9.]* s after submission; result seen [0-9.]* s after it was written' "$work/search.log" \
  | python3 -c '
import re, statistics, sys
rows = [tuple(map(float, re.search(r"started ([0-9.]+) s .* seen ([0-9.]+) s", l).groups())) for l in sys.stdin]
if not rows: sys.exit("no overhead lines in the log")
for name, values in (("submission to start", [r[0] for r in rows]), ("end to result seen", [r[1] for r in rows])):
    print(f"{name}: median {statistics.median(values):.2f} s, mean {statistics.mean(values):.2f} s, max {max(values):.2f} s over {len(values)} tasks")
'
