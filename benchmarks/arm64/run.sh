#!/usr/bin/env bash
# Runs a small NetGen training program on Arm64 under user-mode emulation and on this machine, and
# compares the two: the losses and the parameter checksum must print the same. Also writes the Arm64
# JIT's code for one generated kernel (Layer2Forward_Vector128) to arm64-kernel.txt.
# Needs: the NetGen package in artifacts/packages (.ci/package-check or `dotnet pack NetGen.sln -c
# Release -o artifacts/packages`), and Debian's qemu-user-static, libc6-arm64-cross and
# libstdc++6-arm64-cross (installed with apt when missing, as root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
package=$(ls "$root"/artifacts/packages/NetGen.*.nupkg 2>/dev/null | head -n 1) || true
[ -n "$package" ] || { echo "no NetGen package in artifacts/packages: pack it first"; exit 1; }
version=$(basename "$package" .nupkg); version=${version#NetGen.}
if ! command -v qemu-aarch64-static >/dev/null || [ ! -d /usr/aarch64-linux-gnu/lib ] || ! dpkg -s libstdc++6-arm64-cross >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/EmulatedArm64.csproj" "$here/Program.cs" "$work/"
cat > "$work/NuGet.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$root/artifacts/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="NetGen" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
dotnet publish "$work" -c Release -r linux-arm64 --self-contained -p:NetGenVersion="$version" --packages "$work/packages" -o "$work/arm64" -nologo -v quiet
dotnet build "$work" -c Release -p:NetGenVersion="$version" --packages "$work/packages" -o "$work/x64" -nologo -v quiet
# DOTNET_JitStdOutFile appends: start the listing afresh.
rm -f "$here/arm64-kernel.txt"
# W^X off: qemu's translation cache does not see code the runtime writes through a second mapping (see .ci/steps/README.md).
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_EnableWriteXorExecute=0 DOTNET_JitDisasm='*Layer2Forward_Vector128' DOTNET_JitStdOutFile="$here/arm64-kernel.txt" \
  qemu-aarch64-static -L /usr/aarch64-linux-gnu "$work/arm64/EmulatedArm64" | tee "$work/arm64.txt"
DOTNET_EnableAVX2=0 dotnet "$work/x64/EmulatedArm64.dll" | tee "$work/x64.txt"
if diff <(tail -n +2 "$work/arm64.txt") <(tail -n +2 "$work/x64.txt"); then
  echo "Arm64 (AdvSimd, emulated) and x64 (128-bit path) print the same losses and parameters"
else
  echo "Arm64 and x64 differ"; exit 1
fi
echo "fmla in the Arm64 kernel: $(grep -c fmla "$here/arm64-kernel.txt"); calls: $(grep -cE '\bblr?\b' "$here/arm64-kernel.txt" || true)"
