"""Makes normalization_networks.json for NormalizationTests: the PyTorch twins of the networks in Networks/NormalizationNetworks.cs.

Run with a Python that has PyTorch (Debian's python3-torch 1.13 was used): /usr/bin/python3 make_normalization_fixtures.py

Each twin takes NetGen's channels-last rows. Dense is nn.Linear on the last axis; LayerNorm is nn.LayerNorm(C) on the last axis;
BatchNorm is nn.BatchNorm1d(C) on the channels-first tensor (so its statistics run over rows and positions); Residual(n) adds the
tensor that entered the n layers before it and is one module of the twin's nn.Sequential (with no parameters), like an
activation after it. For each network the file holds, in float64:

- the parameters in state_dict order and the initial running statistics (random, so that importing them is tested);
- a training call on `inputs`: the outputs, the mean loss against `targets` and the parameter gradients, and the running
  statistics after it (momentum update with the unbiased variance);
- the outputs of inference on `evalInputs` with those running statistics;
- a second training call on `inputs2` (fewer rows), the running statistics after it and inference on `evalInputs` again.

For the BatchNorm networks it also writes `<name>.safetensors`, PyTorch's state_dict after both calls (float32, with
`num_batches_tracked` as an int64 scalar), by hand in the safetensors layout, for loading into NetGen.
"""
import json
import struct

import torch
from torch import nn

torch.set_default_dtype(torch.float64)


class ChannelsFirstFlatten(nn.Module):
    """nn.Flatten of the channels-first twin: (N, ..., C) -> (N, C, ...) -> (N, C * ...)."""

    def forward(self, x):
        return x.movedim(-1, 1).flatten(1) if x.dim() > 2 else x


class ChannelsLastBatchNorm(nn.BatchNorm1d):
    """nn.BatchNorm1d on channels-last rows: (N, C) as they are, (N, L, C) moved to (N, C, L) and back."""

    def forward(self, x):
        if x.dim() == 2:
            return super().forward(x)
        return super().forward(x.movedim(-1, 1)).movedim(1, -1)


class Add(nn.Module):
    """The residual's module: the sum is computed by Twin, which knows the tensor to add."""

    def __init__(self, layers):
        super().__init__()
        self.layers = layers

    def forward(self, x):
        return x


class Twin(nn.Sequential):
    """nn.Sequential whose forward adds the skip tensors: `layers` lists the module count of each NetGen layer."""

    def __init__(self, layers):
        super().__init__(*[module for layer in layers for module in layer])
        self.counts = [len(layer) for layer in layers]

    def forward(self, x):
        modules = list(self)
        entered = []
        index = 0
        for count in self.counts:
            entered.append(x)
            first = modules[index]
            if isinstance(first, Add):
                x = x + entered[len(entered) - 1 - first.layers]
            else:
                x = first(x)
            for module in modules[index + 1:index + count]:
                x = module(x)
            index += count
        return x


def cross_entropy(probabilities, targets):
    return -(targets * probabilities.log()).sum(-1).mean()


def mean_squared_error(outputs, targets):
    return ((outputs - targets) ** 2).mean()


def bn(channels, momentum=0.1, eps=1e-5):
    return ChannelsLastBatchNorm(channels, eps=eps, momentum=momentum)


NETWORKS = {
    "LayerNormMlpNet": ((5,), 6, lambda: Twin([
        [nn.Linear(5, 8)], [nn.LayerNorm(8), nn.ReLU()], [nn.Linear(8, 3), nn.Softmax(-1)]]), cross_entropy),
    "SequenceLayerNormNet": ((4, 6), 5, lambda: Twin([
        [nn.LayerNorm(6, eps=1e-3)], [nn.Linear(6, 6), nn.Tanh()], [Add(2)], [ChannelsFirstFlatten()], [nn.Linear(24, 2)]]), mean_squared_error),
    "ResidualMlpNet": ((6,), 8, lambda: Twin([
        [nn.Linear(6, 6), nn.ReLU()], [nn.Linear(6, 6)], [Add(2), nn.ReLU()], [nn.LayerNorm(6)], [nn.Linear(6, 2)]]), mean_squared_error),
    "BatchNormMlpNet": ((5,), 8, lambda: Twin([
        [nn.Linear(5, 7)], [bn(7), nn.ReLU()], [nn.Linear(7, 3), nn.Softmax(-1)]]), cross_entropy),
    "BatchNormSequenceNet": ((4, 3), 6, lambda: Twin([
        [bn(3)], [nn.Linear(3, 5), nn.Tanh()], [bn(5, momentum=0.2)], [ChannelsFirstFlatten()], [nn.Linear(20, 2)]]), mean_squared_error),
    "BatchNormResidualNet": ((6,), 8, lambda: Twin([
        [nn.Linear(6, 6)], [bn(6), nn.ReLU()], [nn.Linear(6, 6)], [bn(6, eps=1e-4)], [Add(4), nn.ReLU()], [nn.Linear(6, 2)]]), mean_squared_error),
}


def targets_for(loss, outputs, generator):
    if loss is mean_squared_error:
        return torch.rand(outputs.shape, generator=generator) * 3 - 1.5
    classes = torch.randint(outputs.shape[-1], outputs.shape[:-1], generator=generator)
    return nn.functional.one_hot(classes, outputs.shape[-1]).to(torch.float64)


def running(model):
    """The running statistics in NetGen's state order: each BatchNorm's running_mean, then its running_var."""
    values = [torch.cat([m.running_mean, m.running_var]) for m in model.modules() if isinstance(m, nn.BatchNorm1d)]
    return torch.cat(values).tolist() if values else []


def write_safetensors(path, state):
    header = {"__metadata__": {"format": "pt"}}
    data = b""
    for name in sorted(state):
        tensor = state[name].contiguous()
        if tensor.dtype == torch.int64:
            raw, dtype = struct.pack("<q", int(tensor.item())), "I64"
        else:
            raw, dtype = tensor.numpy().astype("<f4").tobytes(), "F32"
        header[name] = {"dtype": dtype, "shape": list(tensor.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


fixtures = {}
for index, (name, (shape, rows, make, loss)) in enumerate(NETWORKS.items()):
    torch.manual_seed(300 + index)
    generator = torch.Generator().manual_seed(400 + index)
    model = make()
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.Linear):
                module.weight.uniform_(-0.6, 0.6, generator=generator)
                module.bias.uniform_(-0.3, 0.3, generator=generator)
            elif isinstance(module, (nn.LayerNorm, nn.BatchNorm1d)):
                module.weight.uniform_(0.5, 1.5, generator=generator)
                module.bias.uniform_(-0.3, 0.3, generator=generator)
            if isinstance(module, nn.BatchNorm1d):
                module.running_mean.uniform_(-0.5, 0.5, generator=generator)
                module.running_var.uniform_(0.5, 2.0, generator=generator)
    state0 = running(model)
    parameters = torch.cat([p.detach().flatten() for p in model.parameters()]).tolist()

    inputs = torch.rand((rows,) + shape, generator=generator) * 2 - 1
    inputs2 = torch.rand((rows - 2,) + shape, generator=generator) * 3 - 1
    eval_inputs = torch.rand((3,) + shape, generator=generator) * 2 - 1

    model.train()
    outputs = model(inputs)
    targets = targets_for(loss, outputs, generator)
    value = loss(outputs, targets)
    value.backward()
    state1 = running(model)
    model.eval()
    with torch.no_grad():
        eval_outputs = model(eval_inputs)
    model.train()
    with torch.no_grad():
        model(inputs2)
    state2 = running(model)
    model.eval()
    with torch.no_grad():
        eval_outputs2 = model(eval_inputs)

    state = model.state_dict()
    if state0:
        write_safetensors(name + ".safetensors", state)
    fixtures[name] = {
        "names": list(state),
        "dtypes": [str(state[key].dtype).replace("torch.", "") for key in state],
        "parameters": parameters,
        "state0": state0,
        "inputs": inputs.flatten().tolist(),
        "targets": targets.flatten().tolist(),
        "outputs": outputs.detach().flatten().tolist(),
        "loss": value.item(),
        "gradients": torch.cat([p.grad.flatten() for p in model.parameters()]).tolist(),
        "state1": state1,
        "evalInputs": eval_inputs.flatten().tolist(),
        "evalOutputs": eval_outputs.flatten().tolist(),
        "inputs2": inputs2.flatten().tolist(),
        "state2": state2,
        "evalOutputs2": eval_outputs2.flatten().tolist(),
        "rows": rows,
    }

with open("normalization_networks.json", "w") as f:
    json.dump(fixtures, f)
