#!/usr/bin/env bash
# PyTorch side of the comparison: installs Debian's python3-torch and OpenBLAS when they are missing
# (root, apt), then runs bench.py on one thread. Usage: benchmarks/pytorch/run.sh [seconds] [case ...]
# or benchmarks/pytorch/run.sh check <folder> (see bench.py; compare.sh checks before it times).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
fi
exec /usr/bin/python3 "$here/bench.py" "$@"
