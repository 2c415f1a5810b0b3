#!/usr/bin/env bash
# The README's test command: installs what the tests need (Debian packages), then runs every test
# project once and prints the totals as one line "N passed, N failed".
#   build/test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."

# The ONNX checker test uses Debian's python3-onnx; the dataset tests read Debian's Fashion-MNIST;
# the HTML report tests open the page in Debian's chromium (headless); the Slurm tests start a
# single-node cluster of Debian's slurm-wlm (slurmctld, slurmd, the client commands) and munge.
need=()
/usr/bin/python3 -c "import onnx" >/dev/null 2>&1 || need+=(python3-onnx)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && [ -x /usr/bin/sbatch ] || need+=(slurm-wlm)
[ -x /usr/sbin/munged ] || need+=(munge)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null || {
    echo "Could not install ${need[*]}; install them and run again." >&2; exit 1; }
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
dotnet test ShapeDnn.sln --logger "trx" --results-directory "$results" "$@"
rc=$?

# Sum the counters of every project's TRX file: dotnet test prints one summary per project.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
echo "${passed} passed, ${failed} failed"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
