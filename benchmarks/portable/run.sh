#!/usr/bin/env bash
# The portable path (the runtime's netstandard2.1 build and the generator's C# 9 scalar code, what a Unity project gets)
# against the vector paths, on the same cases: NetGen.Benchmarks run four times (the default Vector512 path on an
# AVX-512 machine; DOTNET_EnableAVX512=0, Vector256; DOTNET_EnableAVX2=0, Vector128; DOTNET_EnableHWIntrinsic=0, the
# scalar dispatch path) and NetGen.Benchmarks.Portable once, with the same BenchmarkDotNet settings and filters, back to
# back (one process cannot load both runtime builds: they are one assembly name). Prints one table of the mean times and
# the allocation of every case in every configuration.
#
#   benchmarks/portable/run.sh [artifacts folder]      (default: BenchmarkDotNet.Artifacts beside this script)
#
# The portable figures are .NET's JIT running the portable code; Mono and IL2CPP compile it differently.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
benchmarks=$(dirname "$here")
artifacts=${1:-$here/BenchmarkDotNet.Artifacts}
settings=(--launchCount 1 --warmupCount 5 --iterationCount 15 --exporters json)
filters=(--filter
  '*SmallBenchmarks.NetGenPredict' '*SmallBenchmarks.NetGenTrainRow'
  '*MnistBenchmarks.NetGenPredict' '*MnistBenchmarks.NetGenAdamBatch'
  '*ConvolutionBenchmarks.NetGenPredict' '*ConvolutionBenchmarks.NetGenTrainBatch')

dotnet build -c Release "$benchmarks/NetGen.Benchmarks" >/dev/null
dotnet build -c Release "$benchmarks/NetGen.Benchmarks.Portable" >/dev/null

run() {
  local name=$1 project=$2
  shift 2
  echo "== $name: $(uptime)"
  rm -rf "${artifacts:?}/$name"
  (cd "$benchmarks/$project" && dotnet run -c Release --no-build -- "${filters[@]}" "${settings[@]}" --artifacts "$artifacts/$name" "$@")
}

run vector512 NetGen.Benchmarks
run vector256 NetGen.Benchmarks --envVars DOTNET_EnableAVX512:0
run vector128 NetGen.Benchmarks --envVars DOTNET_EnableAVX2:0
run scalar NetGen.Benchmarks --envVars DOTNET_EnableHWIntrinsic:0
run portable NetGen.Benchmarks.Portable
echo "== done: $(uptime)"

python3 - "$artifacts" <<'PY'
import glob, json, os, sys

artifacts = sys.argv[1]
configs = ["vector512", "vector256", "vector128", "scalar", "portable"]
cases = {}  # (type, method) -> {config: (mean ns, allocated bytes)}
order = []
for config in configs:
    for path in sorted(glob.glob(os.path.join(artifacts, config, "results", "*.json"))):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for b in report["Benchmarks"]:
            key = (b["Type"], b["Method"])
            if key not in cases:
                cases[key] = {}
                order.append(key)
            stats = b.get("Statistics") or {}
            memory = b.get("Memory") or {}
            cases[key][config] = (stats.get("Mean"), memory.get("BytesAllocatedPerOperation"))

names = {
    ("SmallBenchmarks", "NetGenPredict"): "32-64-64-8 one-row Predict",
    ("SmallBenchmarks", "NetGenTrainRow"): "32-64-64-8 one-row TrainStep, Adam",
    ("MnistBenchmarks", "NetGenPredict"): "784-128-10 one-row Predict",
    ("MnistBenchmarks", "NetGenAdamBatch"): "784-128-10 batch 32, Adam",
    ("ConvolutionBenchmarks", "NetGenPredict"): "LeNet-5 one-row Predict",
    ("ConvolutionBenchmarks", "NetGenTrainBatch"): "LeNet-5 batch 32, Adam",
}

def time(ns):
    if ns is None:
        return "–"
    for unit, scale in (("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:,.2f} {unit}"
    return f"{ns:,.1f} ns"

def ratio(a, b):
    return "–" if a is None or b is None else f"{a / b:.1f}x"

print("| case | Vector512 | Vector256 | Vector128 | scalar dispatch | portable | portable / Vector512 | portable / Vector128 |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
allocated = set()
for key in order:
    row = cases[key]
    mean = {c: row.get(c, (None, None))[0] for c in configs}
    allocated.update(row[c][1] for c in row)
    cells = [time(mean[c]) for c in configs]
    print(f"| {names.get(key, '.'.join(key))} | " + " | ".join(cells)
          + f" | {ratio(mean['portable'], mean['vector512'])} | {ratio(mean['portable'], mean['vector128'])} |")
print()
print("allocated per call (MemoryDiagnoser), every case and configuration: " + ", ".join(f"{a} B" for a in sorted(allocated, key=str)))
PY
