#!/usr/bin/python3
"""PyTorch side of the NetGen benchmarks: the same networks, batch sizes, optimizers and kind of
random data as `NetGen.Benchmarks rows-per-second`, on one thread. Prints `case rows/s` lines.

Usage: /usr/bin/python3 benchmarks/pytorch/bench.py [seconds per case] [case ...]
       /usr/bin/python3 benchmarks/pytorch/bench.py check <folder>

`check` loads what `NetGen.Benchmarks peer-steps <folder>` wrote (NetGen's initial parameters, a few
batches, NetGen's outputs, losses and parameters after its training steps) into the networks and
optimizers the timed cases use, and exits non-zero unless PyTorch computes the same outputs, losses and
steps; compare.sh runs it before timing anything.
"""
import array
import gzip
import math
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


# The training configurations of the cases, shared by the timed cases and `check`: network, optimizer,
# loss, and whether the targets are classes (NetGen: softmax output and one-hot targets).
CONFIGS = {
    "mnist-momentum": (mnist_net, lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9), nn.CrossEntropyLoss, True),
    "mnist-adam": (mnist_net, lambda p: torch.optim.Adam(p, lr=1e-3), nn.CrossEntropyLoss, True),
    "small-adam": (small_net, lambda p: torch.optim.Adam(p, lr=1e-3), nn.MSELoss, False),
    "wide-sgd": (wide_net, lambda p: torch.optim.SGD(p, lr=0.01), nn.CrossEntropyLoss, True),
    "lenet-adam": (lambda: lenet(), lambda p: torch.optim.Adam(p, lr=1e-3), nn.CrossEntropyLoss, True),
    "sensor-adam": (lambda: sensor_net(), lambda p: torch.optim.Adam(p, lr=1e-3), nn.CrossEntropyLoss, True),
    "gru32-adam": (lambda: gru32_net(), lambda p: torch.optim.Adam(p, lr=1e-3), nn.MSELoss, False),
    "residual-adam": (lambda: residual_mlp(), lambda p: torch.optim.Adam(p, lr=1e-3), nn.MSELoss, False),
}


def configured(name):
    """The network, its optimizer and the loss of a configuration."""
    make_net, make_optimizer, make_loss, _ = CONFIGS[name]
    net = make_net()
    return net, make_optimizer(net.parameters()), make_loss()


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


class LastState(nn.Module):
    """NetGen's rows (N, T*F) as a batch-first sequence through a GRU, giving the last step's state."""

    def __init__(self, steps, features, units):
        super().__init__()
        self.steps, self.features = steps, features
        self.gru = nn.GRU(features, units, batch_first=True)

    def forward(self, x):
        y, _ = self.gru(x.reshape(x.shape[0], self.steps, self.features))
        return y[:, -1]


def gru32_net():
    return nn.Sequential(LastState(64, 1, 32), nn.Linear(32, 1))


class ResidualBlock(nn.Module):
    """Dense(256) -> LayerNorm -> ReLU -> Dense(256), the block's input added back, then ReLU."""

    def __init__(self, width):
        super().__init__()
        self.first, self.norm, self.second = nn.Linear(width, width), nn.LayerNorm(width), nn.Linear(width, width)

    def forward(self, x):
        return torch.relu(x + self.second(torch.relu(self.norm(self.first(x)))))


def residual_mlp():
    return nn.Sequential(*[ResidualBlock(256) for _ in range(4)], nn.Linear(256, 10))


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
    m1, momentum_m1, ce = configured("mnist-momentum")
    m2, adam_m2, _ = configured("mnist-adam")
    s, adam_s, mse = configured("small-adam")
    w, sgd_w, _ = configured("wide-sgd")
    yield "mnist-momentum-b32", 32, lambda: trainer(m1, momentum_m1, ce, Ring(32, 784, 10, True))
    yield "mnist-adam-b32", 32, lambda: trainer(m2, adam_m2, ce, Ring(32, 784, 10, True))
    yield "mnist-adam-b1", 1, lambda: trainer(m2, adam_m2, ce, Ring(1, 784, 10, True))
    yield "mnist-predict-b1", 1, lambda: predictor(m2, Ring(1, 784, 10, True))
    yield "small-adam-b32", 32, lambda: trainer(s, adam_s, mse, Ring(32, 32, 8, False))
    yield "small-adam-b1", 1, lambda: trainer(s, adam_s, mse, Ring(1, 32, 8, False))
    yield "small-predict-b1", 1, lambda: predictor(s, Ring(1, 32, 8, False))
    yield "wide-sgd-b64", 64, lambda: trainer(w, sgd_w, ce, Ring(64, 1024, 10, True))
    yield "wide-forward-b64", 64, lambda: predictor(w, Ring(64, 1024, 10, True))
    yield "wide-gradients-b64", 64, lambda: gradients(w, ce, Ring(64, 1024, 10, True))
    yield "wide-predict-b1", 1, lambda: predictor(w, Ring(1, 1024, 10, True))
    le, adam_le, _ = configured("lenet-adam")
    se, adam_se, _ = configured("sensor-adam")
    yield "lenet-adam-b32", 32, lambda: trainer(le, adam_le, ce, Ring(32, 784, 10, True))
    yield "lenet-predict-b1", 1, lambda: predictor(le, Ring(1, 784, 10, True))
    yield "sensor-adam-b32", 32, lambda: trainer(se, adam_se, ce, Ring(32, 384, 6, True))
    yield "sensor-predict-b1", 1, lambda: predictor(se, Ring(1, 384, 6, True))
    r, adam_r, _ = configured("residual-adam")
    yield "residual-adam-b32", 32, lambda: trainer(r, adam_r, mse, Ring(32, 256, 10, False))
    yield "residual-predict-b1", 1, lambda: predictor(r, Ring(1, 256, 10, False))
    g, adam_g, _ = configured("gru32-adam")
    yield "gru32-adam-b32", 32, lambda: trainer(g, adam_g, mse, Ring(32, 64, 1, False))
    yield "mnist-epoch-adam-b32", None, mnist_epoch


# How far PyTorch's parameters after the steps may be from NetGen's, relative to NetGen's own change
# (PeerAgreement.StepTolerance on the C# side): float rounding leaves about 1e-6.
STEP_TOLERANCE = 1e-3


def read_floats(folder, name, part):
    values = array.array("f")
    with open(os.path.join(folder, f"{name}.{part}"), "rb") as f:
        values.frombytes(f.read())
    if sys.byteorder != "little":
        values.byteswap()
    return torch.tensor(values, dtype=torch.float32)


def check_case(folder, name, rows, steps):
    """Problems found when PyTorch's configuration of case `name` runs NetGen's steps (an empty list if none)."""
    config = name.rsplit("-b", 1)[0]
    classes = CONFIGS[config][3]
    net, optimizer, loss = configured(config)
    # NetGen exports its parameters in the twin's state_dict order and layouts.
    tensors = list(net.parameters())
    before = read_floats(folder, name, "before")
    offset = 0
    with torch.no_grad():
        for tensor in tensors:
            tensor.copy_(before[offset:offset + tensor.numel()].reshape(tensor.shape))
            offset += tensor.numel()
    problems = []
    if offset != before.numel():
        return [f"{name}: NetGen has {before.numel()} parameters, PyTorch's network {offset}"]
    inputs = read_floats(folder, name, "inputs").reshape(steps, rows, -1)
    expected = read_floats(folder, name, "outputs").reshape(rows, -1)
    targets = read_floats(folder, name, "targets").reshape(steps, rows, expected.shape[1])
    losses = read_floats(folder, name, "losses")
    with torch.no_grad():
        outputs = net(inputs[0])
        if classes:
            outputs = torch.softmax(outputs, dim=1)
    worst = float((outputs - expected).abs().max())
    if not worst <= 1e-4:
        problems.append(f"{name}: outputs differ from NetGen's by up to {worst:.3g}")
    for step in range(steps):
        optimizer.zero_grad(set_to_none=False)
        target = targets[step].argmax(dim=1) if classes else targets[step]
        value = loss(net(inputs[step]), target)
        value.backward()
        optimizer.step()
        if not abs(float(value) - float(losses[step])) <= 1e-4 * (1 + abs(float(losses[step]))):
            problems.append(f"{name}: loss of step {step + 1} is {float(value):.7g}, NetGen's {float(losses[step]):.7g}")
    after = torch.cat([t.detach().reshape(-1) for t in tensors])
    netgen = read_floats(folder, name, "after")
    moved = float(((netgen - before).double() ** 2).sum())
    relative = math.sqrt(float(((after - netgen).double() ** 2).sum()) / moved) if moved > 0 else math.inf
    if not relative <= STEP_TOLERANCE:
        problems.append(f"{name}: after {steps} steps PyTorch's parameters differ from NetGen's by {relative:.3g} of NetGen's change (allowed {STEP_TOLERANCE:g})")
    else:
        print(f"{name}: PyTorch agrees with NetGen (outputs within {worst:.2g}; parameters after {steps} steps within {relative:.3g} of the change)", flush=True)
    return problems


def check(folder):
    problems = []
    with open(os.path.join(folder, "cases.txt")) as listing:
        for line in listing:
            name, rows, steps = line.split()
            problems += check_case(folder, name, int(rows), int(steps))
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


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
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2]))
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
