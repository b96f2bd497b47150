#!/usr/bin/env bash
# Bounded loopback load test of the Serving sample: trains the digits model with
# samples/EdgeInference, then sends a fixed number of single-row prediction requests from a few
# concurrent clients (stopping early at a time limit) and prints p50/p99 latency and throughput.
# Usage: samples/Serving/load-test.sh [requests=20000] [concurrency=4] [seconds=60]
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-20000}; concurrency=${2:-4}; seconds=${3:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for project in samples/EdgeInference/EdgeInference.csproj samples/Serving/Serving.csproj; do
  dotnet build "$project" -c Release -v quiet -nologo | grep -E 'error|warn' || true
done
dotnet run --project samples/EdgeInference -c Release --no-build -- train data/digits8x8/digits8x8.csv.gz "$work/digits.ngck"
dotnet run --project samples/Serving -c Release --no-build -- load-test "$work/digits.ngck" "$requests" "$concurrency" "$seconds"
