#!/usr/bin/env bash
# Regenerates the two short speech recordings of the AmpModel sample: synthetic speech from
# espeak-ng (Debian package espeak-ng), converted by sox (Debian package sox) to 48 kHz mono 16-bit
# PCM WAV. Installs both tools with apt when they are missing (root). The sample itself only reads
# the committed WAV files; run this only to make them again.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v espeak-ng >/dev/null || ! command -v sox >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng sox >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Training: a male voice reading one sentence; held out: another voice and another sentence.
espeak-ng -v en-us -s 150 -a 180 -w "$work/train.wav" "The quick brown fox jumps over the lazy dog while the amplifier hums along."
espeak-ng -v en-gb+f3 -s 165 -a 180 -w "$work/test.wav" "Every network here learns inside the program that uses it, one sample at a time."
for name in train test; do
  sox -D "$work/$name.wav" -r 48000 -c 1 -b 16 "$name.wav" trim 0 3 norm -3
done
sha256sum train.wav test.wav
