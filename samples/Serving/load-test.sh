#!/usr/bin/env bash
# Bounded loopback load test of the Serving sample over HTTPS with its rate limits on: trains the
# digits model with samples/EdgeInference, then sends a fixed number of single-row prediction
# requests from a few concurrent clients (stopping early at a time limit), then wrong-key requests,
# and prints the answers by status and p50/p99 latency. Exits non-zero on any 5xx or unexpected status.
# Usage: samples/Serving/load-test.sh [requests=20000] [concurrency=4] [seconds=60] [requests per second=2000]
# With NETGEN_NO_BUILD=1 it uses the existing Release build (as CI does).
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-20000}; concurrency=${2:-4}; seconds=${3:-60}; rate=${4:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "${NETGEN_NO_BUILD:-0}" != 1 ]; then
  for project in samples/EdgeInference/EdgeInference.csproj samples/Serving/Serving.csproj; do
    dotnet build "$project" -c Release -v quiet -nologo | grep -E 'error|warn' || true
  done
fi
dotnet run --project samples/EdgeInference -c Release --no-build -- train data/digits8x8/digits8x8.csv.gz "$work/digits.ngck"
dotnet run --project samples/Serving -c Release --no-build -- load-test "$work/digits.ngck" "$requests" "$concurrency" "$seconds" "$rate"
