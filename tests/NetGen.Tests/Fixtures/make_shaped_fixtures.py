"""Makes shaped_networks.json for ShapedNetworkTests and ConvolutionTests: the PyTorch twins of the networks in
Networks/ShapedNetworks.cs and Networks/ConvolutionNetworks.cs.

Run with a Python that has PyTorch (Debian's python3-torch 1.13 was used): /usr/bin/python3 make_shaped_fixtures.py

Each twin takes NetGen's channels-last rows. A Dense layer is nn.Linear on the last axis, at every position; a Flatten
is the twin's nn.Flatten of the channels-first tensor, so it moves the channels to axis 1 first. For each network the
file holds the parameters in state_dict order, a batch of inputs and targets, and PyTorch's outputs, mean loss and
parameter gradients (in state_dict order), all in float64 so that the fixture is exact to what C# compares.

A convolutional twin (ChannelsLastTwin) turns the rows channels-first once, runs nn.Conv1d/2d, the pools and nn.Flatten on
channels-first tensors as PyTorch does, and turns an output that still has positions back to channels last. Same padding is
PyTorch's padding='same'; Causal pads dilation * (k - 1) zeros before the sequence inside the convolution module, so that the
state_dict names number the modules as NetGen's safetensors names do.
"""
import json

import torch
from torch import nn

torch.set_default_dtype(torch.float64)


class ChannelsFirstFlatten(nn.Module):
    """nn.Flatten of the channels-first twin: (N, ..., C) -> (N, C, ...) -> (N, C * ...)."""

    def forward(self, x):
        return x.movedim(-1, 1).flatten(1) if x.dim() > 2 else x


class ChannelsLastTwin(nn.Sequential):
    """An nn.Sequential of channels-first modules that takes and gives NetGen's channels-last tensors."""

    def forward(self, x):
        x = x.movedim(-1, 1) if x.dim() > 2 else x
        for module in self:
            x = module(x)
        return x.movedim(1, -1) if x.dim() > 2 else x


class CausalConv1d(nn.Conv1d):
    """nn.Conv1d with dilation * (kernel_size - 1) zeros before the sequence and none after."""

    def forward(self, x):
        return super().forward(nn.functional.pad(x, (self.dilation[0] * (self.kernel_size[0] - 1), 0)))


class GlobalAvgPool(nn.Module):
    """The mean of each channel over every position: (N, C, ...) -> (N, C)."""

    def forward(self, x):
        return x.flatten(2).mean(-1)


def gelu():
    return nn.GELU(approximate="tanh")


def huber(outputs, targets):
    return nn.functional.huber_loss(outputs, targets)


def mean_absolute_error(outputs, targets):
    return (outputs - targets).abs().mean()


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
    # Networks/ConvolutionNetworks.cs
    "SmallLeNet": ((12, 12, 1), 8, lambda: ChannelsLastTwin(
        nn.Conv2d(1, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 6, 3), nn.Tanh(), nn.Flatten(), nn.Linear(54, 3), nn.Softmax(-1)),
        cross_entropy_per_position),
    "SamePaddingNet": ((7, 6, 3), 6, lambda: ChannelsLastTwin(
        nn.Conv2d(3, 5, 3, padding="same"), nn.ELU(), nn.AvgPool2d(2), nn.Conv2d(5, 18, 2, padding="same"), gelu(), GlobalAvgPool(),
        nn.Linear(18, 2)),
        mean_squared_error),
    "StridedImageNet": ((11, 11, 2), 5, lambda: ChannelsLastTwin(
        nn.Conv2d(2, 3, 3, stride=2), nn.Sigmoid(), nn.MaxPool2d(3, stride=1), nn.Conv2d(3, 20, 2, dilation=2), nn.LeakyReLU(0.01),
        nn.Flatten(), nn.Linear(20, 1), nn.Sigmoid()),
        binary_cross_entropy),
    "CausalSequenceNet": ((16, 3), 7, lambda: ChannelsLastTwin(
        CausalConv1d(3, 8, 3, dilation=2), nn.ReLU(), nn.MaxPool1d(3, stride=2), nn.Conv1d(8, 6, 3, padding="same"), nn.Tanh(),
        nn.AvgPool1d(2), nn.Flatten(), nn.Linear(18, 4), nn.Softmax(-1)),
        cross_entropy_per_position),
    "StridedSequenceNet": ((20, 2), 4, lambda: ChannelsLastTwin(
        nn.Conv1d(2, 5, 4, stride=3), gelu(), nn.Conv1d(5, 33, 2), GlobalAvgPool(), nn.Linear(33, 2)),
        huber),
    "PixelClassifierNet": ((5, 4, 2), 3, lambda: ChannelsLastTwin(nn.Conv2d(2, 3, 2), nn.Softmax(1)), cross_entropy_per_position),
    "ChannelsNet": ((8, 6, 2), 9, lambda: ChannelsLastTwin(
        nn.AvgPool2d(2), nn.Conv2d(2, 17, 3, padding="same"), nn.ReLU(), nn.Conv2d(17, 4, 2), nn.MaxPool2d(2, stride=1)),
        mean_absolute_error),
    # Integer labels and logits outputs, as PyTorch models end: the loss applies the softmax or sigmoid.
    "SparseLogitsNet": ((6,), 9, lambda: nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 4)), sparse_cross_entropy_from_logits),
    "SparseSoftmaxNet": ((6,), 5, lambda: nn.Sequential(nn.Linear(6, 5), nn.Tanh(), nn.Linear(5, 3), nn.Softmax(-1)), sparse_cross_entropy_of_probabilities),
    "CategoricalLogitsNet": ((5,), 8, lambda: nn.Sequential(nn.Linear(5, 6), nn.ELU(), nn.Linear(6, 3)), cross_entropy_from_logits),
    "BinaryLogitsNet": ((5,), 6, lambda: nn.Sequential(nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 2)), binary_cross_entropy_from_logits),
    "SparsePerPositionLogitsNet": ((3, 5), 4, lambda: nn.Sequential(nn.Linear(5, 4)), sparse_cross_entropy_from_logits),
    # Networks/ConvolutionNetworks.cs: a first convolution over one input channel with at most 8 filters, which the Vector512
    # path computes with output positions as the lanes; widths and heights that leave a partial tile.
    "LaneImageNet": ((19, 21, 1), 4, lambda: ChannelsLastTwin(
        nn.Conv2d(1, 5, 3, dilation=2), nn.Sigmoid(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(280, 3), nn.Softmax(-1)),
        cross_entropy_per_position),
    "LaneSameNet": ((18, 17, 1), 3, lambda: ChannelsLastTwin(
        nn.Conv2d(1, 8, 3, padding="same"), nn.ReLU(), nn.AvgPool2d(2), nn.Conv2d(8, 1, 2), nn.Flatten(), nn.Linear(56, 2)),
        mean_squared_error),
    "LaneSequenceNet": ((40, 1), 5, lambda: ChannelsLastTwin(
        CausalConv1d(1, 3, 4, dilation=3), nn.ELU(), nn.Conv1d(3, 2, 2), GlobalAvgPool(), nn.Linear(2, 2)),
        huber),
    # Networks/ConvolutionNetworks.cs: a max pool that inference calls compute inside the first convolution on the Vector512 path.
    "PooledLaneNet": ((12, 22, 1), 4, lambda: ChannelsLastTwin(
        nn.Conv2d(1, 5, 3, padding="same"), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(330, 3), nn.Softmax(-1)),
        cross_entropy_per_position),
    "PooledWideNet": ((12, 30, 1), 3, lambda: ChannelsLastTwin(
        nn.Conv2d(1, 6, 3), nn.MaxPool2d(2), nn.Conv2d(6, 2, 2), nn.Tanh(), nn.Flatten(), nn.Linear(104, 2)),
        mean_squared_error),
}


def targets_for(loss, outputs, generator):
    if loss in (mean_squared_error, huber, mean_absolute_error):
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
