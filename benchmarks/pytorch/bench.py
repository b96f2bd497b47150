#!/usr/bin/python3
"""PyTorch side of the NetGen benchmarks: the same networks, batch sizes, optimizers and kind of
random data as `NetGen.Benchmarks rows-per-second`, on one thread. Prints `case rows/s` lines.

Usage: /usr/bin/python3 benchmarks/pytorch/bench.py [seconds per case] [case ...]
"""
import gzip
import os
import sys
import time

# One thread everywhere: PyTorch's own pool, OpenMP and OpenBLAS.
for knob in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[knob] = "1"

import torch
from torch import nn

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
torch.manual_seed(1)
# Flush subnormal numbers to zero, as NetGen's data never produces them anyway.
torch.set_flush_denormal(True)


def mnist_net():
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def small_net():
    return nn.Sequential(nn.Linear(32, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 8))


def wide_net():
    return nn.Sequential(nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10))


class ChannelsFirst(nn.Module):
    """NetGen's channels-last rows (N, H*W*C or L*C) as PyTorch's channels-first tensors."""

    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape).movedim(-1, 1)


def lenet():
    return nn.Sequential(
        ChannelsFirst(28, 28, 1), nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def sensor_net():
    return nn.Sequential(
        ChannelsFirst(128, 3), nn.Conv1d(3, 16, 5), nn.ReLU(), nn.MaxPool1d(2), nn.Conv1d(16, 32, 5), nn.ReLU(),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(32, 6))


class Ring:
    """16 random batches taken in turn: inputs in [0, 1), one-hot labels or targets in [-1, 1)."""

    def __init__(self, rows, inputs, outputs, classes):
        g = torch.Generator().manual_seed(42)
        self.batches = []
        for _ in range(16):
            x = torch.rand(rows, inputs, generator=g)
            if classes:
                t = torch.randint(0, outputs, (rows,), generator=g)
            else:
                t = torch.rand(rows, outputs, generator=g) * 2 - 1
            self.batches.append((x, t))
        self.next = 0

    def take(self):
        b = self.batches[self.next]
        self.next = (self.next + 1) % len(self.batches)
        return b


def trainer(net, optimizer, loss, ring):
    def step():
        x, t = ring.take()
        optimizer.zero_grad(set_to_none=False)
        value = loss(net(x), t)
        value.backward()
        optimizer.step()
    return step


def gradients(net, loss, ring):
    def step():
        x, t = ring.take()
        net.zero_grad(set_to_none=False)
        loss(net(x), t).backward()
    return step


def predictor(net, ring):
    x, _ = ring.take()

    def step():
        with torch.no_grad():
            net(x)
    return step


def read_idx(path):
    with gzip.open(path, "rb") as f:
        return f.read()


def mnist_epoch():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "mnist")
    images = read_idx(os.path.join(root, "test2k-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(root, "test2k-labels-idx1-ubyte.gz"))
    rows = int.from_bytes(labels[4:8], "big")
    x = torch.frombuffer(bytearray(images[16:]), dtype=torch.uint8).reshape(rows, 784).float() / 255
    y = torch.frombuffer(bytearray(labels[8:]), dtype=torch.uint8).long()
    net = mnist_net()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(7)

    def epoch():
        order = torch.randperm(rows, generator=g)
        for first in range(0, rows, 32):
            index = order[first:first + 32]
            optimizer.zero_grad(set_to_none=False)
            loss(net(x[index]), y[index]).backward()
            optimizer.step()
    return epoch, rows


def cases():
    ce, mse = nn.CrossEntropyLoss(), nn.MSELoss()
    m1, m2, s, w = mnist_net(), mnist_net(), small_net(), wide_net()
    yield "mnist-momentum-b32", 32, lambda: trainer(m1, torch.optim.SGD(m1.parameters(), lr=0.01, momentum=0.9), ce, Ring(32, 784, 10, True))
    adam_m2 = torch.optim.Adam(m2.parameters(), lr=1e-3)
    yield "mnist-adam-b32", 32, lambda: trainer(m2, adam_m2, ce, Ring(32, 784, 10, True))
    yield "mnist-adam-b1", 1, lambda: trainer(m2, adam_m2, ce, Ring(1, 784, 10, True))
    yield "mnist-predict-b1", 1, lambda: predictor(m2, Ring(1, 784, 10, True))
    adam_s = torch.optim.Adam(s.parameters(), lr=1e-3)
    yield "small-adam-b32", 32, lambda: trainer(s, adam_s, mse, Ring(32, 32, 8, False))
    yield "small-adam-b1", 1, lambda: trainer(s, adam_s, mse, Ring(1, 32, 8, False))
    yield "small-predict-b1", 1, lambda: predictor(s, Ring(1, 32, 8, False))
    yield "wide-sgd-b64", 64, lambda: trainer(w, torch.optim.SGD(w.parameters(), lr=0.01), ce, Ring(64, 1024, 10, True))
    yield "wide-forward-b64", 64, lambda: predictor(w, Ring(64, 1024, 10, True))
    yield "wide-gradients-b64", 64, lambda: gradients(w, ce, Ring(64, 1024, 10, True))
    yield "wide-predict-b1", 1, lambda: predictor(w, Ring(1, 1024, 10, True))
    le, se = lenet(), sensor_net()
    adam_le, adam_se = torch.optim.Adam(le.parameters(), lr=1e-3), torch.optim.Adam(se.parameters(), lr=1e-3)
    yield "lenet-adam-b32", 32, lambda: trainer(le, adam_le, ce, Ring(32, 784, 10, True))
    yield "lenet-predict-b1", 1, lambda: predictor(le, Ring(1, 784, 10, True))
    yield "sensor-adam-b32", 32, lambda: trainer(se, adam_se, ce, Ring(32, 384, 6, True))
    yield "sensor-predict-b1", 1, lambda: predictor(se, Ring(1, 384, 6, True))
    yield "mnist-epoch-adam-b32", None, mnist_epoch


def measure(call, rows, seconds):
    start = time.perf_counter()
    while time.perf_counter() - start < min(0.5, seconds / 4):
        call()
    calls = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        call()
        calls += 1
    return calls * rows / (time.perf_counter() - start)


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    wanted = set(sys.argv[2:])
    for name, rows, make in cases():
        if wanted and name not in wanted:
            continue
        made = make()
        if rows is None:
            made, rows = made
        print(f"{name} {measure(made, rows, seconds):.0f}", flush=True)


if __name__ == "__main__":
    main()
