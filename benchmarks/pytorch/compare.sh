#!/usr/bin/env bash
# Checks first that PyTorch computes NetGen's networks and training steps (NetGen writes its initial
# parameters, batches, outputs, losses and parameters after two steps; bench.py check loads them into
# the networks and optimizers it times and fails unless its outputs, losses and steps agree), then runs
# NetGen's and PyTorch's sides of the same cases one after the other, then again in reverse order,
# and prints rows/s of each and the ratio NetGen / PyTorch (the mean of both orders). Only the
# ratios of one run compare like with like: the machine's load changes between runs.
# Usage: benchmarks/pytorch/compare.sh [seconds per case]   (3 by default)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/benchmarks/NetGen.Benchmarks/NetGen.Benchmarks.csproj" -c Release --nologo -v quiet >/dev/null
bench="$root/benchmarks/NetGen.Benchmarks/bin/Release/net10.0/NetGen.Benchmarks.dll"
netgen() { dotnet "$bench" rows-per-second "$seconds" | awk '{print $1, $2}'; }
torch() { "$root/benchmarks/pytorch/run.sh" "$seconds"; }
dotnet "$bench" peer-steps "$work/peers"
"$root/benchmarks/pytorch/run.sh" check "$work/peers"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
netgen >"$work/netgen1"; torch >"$work/torch1"
torch >"$work/torch2"; netgen >"$work/netgen2"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %14s %14s %14s %14s %8s\n' case "NetGen 1st" "PyTorch 2nd" "PyTorch 1st" "NetGen 2nd" ratio
while read -r name n1; do
  t1=$(awk -v k="$name" '$1 == k {print $2}' "$work/torch1")
  t2=$(awk -v k="$name" '$1 == k {print $2}' "$work/torch2")
  n2=$(awk -v k="$name" '$1 == k {print $2}' "$work/netgen2")
  if [ -z "$t1" ] || [ -z "$t2" ]; then
    printf '%-24s %14s %14s %14s %14s %8s\n' "$name" "$n1" - - "$n2" -
    continue
  fi
  ratio=$(awk -v a="$n1" -v b="$t1" -v c="$n2" -v d="$t2" 'BEGIN { printf "%.1fx", (a / b + c / d) / 2 }')
  printf '%-24s %14s %14s %14s %14s %8s\n' "$name" "$n1" "$t1" "$t2" "$n2" "$ratio"
done <"$work/netgen1"
