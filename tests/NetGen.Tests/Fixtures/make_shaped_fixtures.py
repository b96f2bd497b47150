"""Makes shaped_networks.json for ShapedNetworkTests: the PyTorch twins of the networks in Networks/ShapedNetworks.cs.

Run with a Python that has PyTorch (Debian's python3-torch 1.13 was used): /usr/bin/python3 make_shaped_fixtures.py

Each twin takes NetGen's channels-last rows. A Dense layer is nn.Linear on the last axis, at every position; a Flatten
is the twin's nn.Flatten of the channels-first tensor, so it moves the channels to axis 1 first. For each network the
file holds the parameters in state_dict order, a batch of inputs and targets, and PyTorch's outputs, mean loss and
parameter gradients (in state_dict order), all in float64 so that the fixture is exact to what C# compares.
"""
import json

import torch
from torch import nn

torch.set_default_dtype(torch.float64)


class ChannelsFirstFlatten(nn.Module):
    """nn.Flatten of the channels-first twin: (N, ..., C) -> (N, C, ...) -> (N, C * ...)."""

    def forward(self, x):
        return x.movedim(-1, 1).flatten(1) if x.dim() > 2 else x


def cross_entropy_per_position(probabilities, targets):
    # Targets are one-hot on the last axis; the mean is over rows and positions, as nn.CrossEntropyLoss over (N, C, ...).
    return -(targets * probabilities.log()).sum(-1).mean()


def binary_cross_entropy(probabilities, targets):
    return nn.functional.binary_cross_entropy(probabilities, targets)


def mean_squared_error(outputs, targets):
    return ((outputs - targets) ** 2).mean()


def cross_entropy_from_logits(logits, targets):
    # nn.CrossEntropyLoss with class probabilities (one-hot) as targets, over (N, C, ...).
    return nn.functional.cross_entropy(logits.movedim(-1, 1), targets.movedim(-1, 1))


def sparse_cross_entropy(outputs, targets, from_logits):
    # nn.CrossEntropyLoss with class indices: one index per row and position, the mean over both.
    logits = outputs if from_logits else outputs.log()
    return nn.functional.cross_entropy(logits.movedim(-1, 1), targets.long())


def sparse_cross_entropy_from_logits(logits, targets):
    return sparse_cross_entropy(logits, targets, True)


def sparse_cross_entropy_of_probabilities(probabilities, targets):
    return sparse_cross_entropy(probabilities, targets, False)


def binary_cross_entropy_from_logits(logits, targets):
    return nn.functional.binary_cross_entropy_with_logits(logits, targets)


NETWORKS = {
    "PerStepNet": ((5, 3), 6, lambda: nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)), mean_squared_error),
    "PixelFlattenNet": ((4, 3, 2), 32, lambda: nn.Sequential(nn.Linear(2, 6), nn.ReLU(), ChannelsFirstFlatten(), nn.Linear(72, 3), nn.Softmax(-1)), cross_entropy_per_position),
    "InputFlattenNet": ((3, 4, 2), 7, lambda: nn.Sequential(ChannelsFirstFlatten(), nn.Linear(24, 5), nn.GELU(approximate="tanh"), nn.Linear(5, 3), nn.Sigmoid()), binary_cross_entropy),
    "SequenceViewNet": ((6, 16), 10, lambda: nn.Sequential(nn.Linear(16, 16), nn.ReLU(), ChannelsFirstFlatten(), nn.Linear(96, 4), nn.Softmax(-1)), cross_entropy_per_position),
    "PerPositionClassifierNet": ((3, 5), 4, lambda: nn.Sequential(nn.Linear(5, 4), nn.Softmax(-1)), cross_entropy_per_position),
    # Integer labels and logits outputs, as PyTorch models end: the loss applies the softmax or sigmoid.
    "SparseLogitsNet": ((6,), 9, lambda: nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 4)), sparse_cross_entropy_from_logits),
    "SparseSoftmaxNet": ((6,), 5, lambda: nn.Sequential(nn.Linear(6, 5), nn.Tanh(), nn.Linear(5, 3), nn.Softmax(-1)), sparse_cross_entropy_of_probabilities),
    "CategoricalLogitsNet": ((5,), 8, lambda: nn.Sequential(nn.Linear(5, 6), nn.ELU(), nn.Linear(6, 3)), cross_entropy_from_logits),
    "BinaryLogitsNet": ((5,), 6, lambda: nn.Sequential(nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 2)), binary_cross_entropy_from_logits),
    "SparsePerPositionLogitsNet": ((3, 5), 4, lambda: nn.Sequential(nn.Linear(5, 4)), sparse_cross_entropy_from_logits),
}


def targets_for(loss, outputs, generator):
    if loss is mean_squared_error:
        return torch.rand(outputs.shape, generator=generator) * 3 - 1.5
    if loss in (binary_cross_entropy, binary_cross_entropy_from_logits):
        return torch.rand(outputs.shape, generator=generator)
    if loss in (sparse_cross_entropy_from_logits, sparse_cross_entropy_of_probabilities):
        # The class index as a float, one per row and position (NetGen's TargetSize is the number of positions).
        return torch.randint(outputs.shape[-1], outputs.shape[:-1], generator=generator).to(torch.float64)
    classes = torch.randint(outputs.shape[-1], outputs.shape[:-1], generator=generator)
    return nn.functional.one_hot(classes, outputs.shape[-1]).to(torch.float64)


fixtures = {}
for index, (name, (shape, rows, make, loss)) in enumerate(NETWORKS.items()):
    torch.manual_seed(100 + index)
    generator = torch.Generator().manual_seed(200 + index)
    model = make()
    for parameter in model.parameters():
        with torch.no_grad():
            parameter.uniform_(-0.5, 0.5, generator=generator)
    inputs = torch.rand((rows,) + shape, generator=generator) * 2 - 1
    outputs = model(inputs)
    targets = targets_for(loss, outputs, generator)
    value = loss(outputs, targets)
    value.backward()
    state = model.state_dict()
    fixtures[name] = {
        "names": list(state),
        "parameters": torch.cat([state[key].flatten() for key in state]).tolist(),
        "inputs": inputs.flatten().tolist(),
        "targets": targets.flatten().tolist(),
        "outputs": outputs.detach().flatten().tolist(),
        "loss": value.item(),
        "gradients": torch.cat([parameter.grad.flatten() for parameter in model.parameters()]).tolist(),
        "rows": rows,
    }

with open("shaped_networks.json", "w") as f:
    json.dump(fixtures, f)
