"""Makes recurrent_networks.json for RecurrentNetworkTests: the PyTorch twins of the networks in Networks/RecurrentNetworks.cs.

Run with a Python that has PyTorch (Debian's python3-torch 1.13 was used): /usr/bin/python3 make_recurrent_fixtures.py

Each twin is an nn.Sequential of nn.GRU / nn.LSTM (batch_first=True, one layer, giving the last state or every state),
nn.Linear and the activation modules, over NetGen's (T, F) rows. For each network the file holds the parameters in
state_dict order, a batch of inputs and targets, PyTorch's outputs, mean loss and parameter gradients (state_dict order),
the parameters after three training steps on that batch with the network's optimizer, clipping and penalties applied in
NetGen's order (clip the mean loss's gradient, add L1 and L2 to the weights' gradient, step), and the streamed outputs of
the first row: the twin's output for that row cut after step t, for every t. All in float64.

It also writes gru_net.safetensors and stacked_lstm_net.safetensors: the float32 state_dict of the GruNet and StackedLstmNet
twins (PyTorch's own tensor names), written in the safetensors format, which the tests load and compare with the outputs
in the JSON file.
"""
import json

import torch
from torch import nn

from safetensors_file import write_safetensors

torch.set_default_dtype(torch.float64)


class Recurrent(nn.Module):
    """A mixin for the twin of NetGen's GRU/LSTM: the last state (N, units) or every state (N, T, units)."""

    def forward(self, x):
        y, _ = super().forward(x)
        return y if self.sequences else y[:, -1]


class GRU(Recurrent, nn.GRU):
    def __init__(self, features, units, sequences=False):
        nn.GRU.__init__(self, features, units, batch_first=True)
        self.sequences = sequences


class LSTM(Recurrent, nn.LSTM):
    def __init__(self, features, units, sequences=False):
        nn.LSTM.__init__(self, features, units, batch_first=True)
        self.sequences = sequences


def mse(outputs, targets):
    return ((outputs - targets) ** 2).mean()


def mae(outputs, targets):
    return (outputs - targets).abs().mean()


def huber(outputs, targets):
    return nn.functional.huber_loss(outputs, targets, delta=1.0)


def bce(probabilities, targets):
    return nn.functional.binary_cross_entropy(probabilities, targets)


def cce(probabilities, targets):
    return -(targets * probabilities.log()).sum(-1).mean()


# name: (input shape, rows, model, loss, optimizer, hyperparameters, trains)
NETWORKS = {
    "GruNet": ((6, 3), 8, lambda: nn.Sequential(GRU(3, 5), nn.Linear(5, 2)), mse, "Adam", {"clip": 0.5, "l2": 0.01}, True),
    "LstmSequenceNet": ((5, 2), 5, lambda: nn.Sequential(LSTM(2, 4, True), nn.Linear(4, 3), nn.Tanh()), mse, "Momentum", {}, True),
    "StackedGruNet": ((7, 2), 5, lambda: nn.Sequential(GRU(2, 20, True), GRU(20, 6), nn.Linear(6, 1)), huber, "RMSProp", {}, True),
    "StackedLstmNet": ((4, 3), 4, lambda: nn.Sequential(LSTM(3, 6, True), LSTM(6, 40), nn.Linear(40, 3), nn.Softmax(-1)), cce, "AdamW", {"wd": 0.01}, True),
    "GruClassifierNet": ((5, 4), 6, lambda: nn.Sequential(GRU(4, 3), nn.Linear(3, 1), nn.Sigmoid()), bce, "Sgd", {}, True),
    "LstmNesterovNet": ((3, 2), 4, lambda: nn.Sequential(LSTM(2, 3), nn.Linear(3, 2)), mae, "Nesterov", {"l1": 0.001}, True),
    "GruPerStepNet": ((8, 1), 3, lambda: nn.Sequential(GRU(1, 2, True), nn.Linear(2, 1)), mse, "AdaGrad", {}, True),
    "AudioGruNet": ((16, 1), 32, lambda: nn.Sequential(GRU(1, 16), nn.Linear(16, 1)), mse, "Adam", {}, True),
    # Dropout is random in training, so this one is compared in inference only (outputs and streamed steps).
    "RecurrentDropoutNet": ((6, 2), 16, lambda: nn.Sequential(nn.Dropout(0.25), LSTM(2, 17, True), nn.Dropout(0.1), GRU(17, 9, True), nn.Linear(9, 2)), mse, "Adam", {}, False),
    # W_hh above 32 KB: NetGen steps these by blocks and, from the 16th streamed step, reads a copy of W_hh (20 steps each).
    "BlockGruNet": ((20, 3), 4, lambda: nn.Sequential(GRU(3, 62), nn.Linear(62, 20), nn.Tanh(), nn.Linear(20, 2)), mse, "Adam", {"clip": 1.0}, True),
    "BlockLstmNet": ((20, 2), 4, lambda: nn.Sequential(GRU(2, 40, True), LSTM(40, 45, True), nn.Linear(45, 1)), mse, "Momentum", {}, True),
}


def optimizer_for(name, model, hyper):
    weights = [p for n, p in model.named_parameters() if "weight" in n]
    biases = [p for n, p in model.named_parameters() if "weight" not in n]
    if name == "Sgd":
        return torch.optim.SGD(model.parameters(), lr=0.01)
    if name == "Momentum":
        return torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    if name == "Nesterov":
        return torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True)
    if name == "AdaGrad":
        return torch.optim.Adagrad(model.parameters(), lr=0.01, eps=1e-8)
    if name == "RMSProp":
        return torch.optim.RMSprop(model.parameters(), lr=0.01, alpha=0.99, eps=1e-8)
    if name == "Adam":
        return torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-8)
    if name == "AdamW":
        return torch.optim.AdamW([{"params": weights, "weight_decay": hyper.get("wd", 0.0)}, {"params": biases, "weight_decay": 0.0}], lr=1e-3, eps=1e-8)
    raise ValueError(name)


def targets_for(loss, outputs, generator):
    if loss in (mse, mae, huber):
        return torch.rand(outputs.shape, generator=generator) * 3 - 1.5
    if loss is bce:
        return torch.rand(outputs.shape, generator=generator)
    classes = torch.randint(outputs.shape[-1], outputs.shape[:-1], generator=generator)
    return nn.functional.one_hot(classes, outputs.shape[-1]).to(torch.float64)


def train(model, loss, optimizer_name, hyper, inputs, targets, steps):
    """NetGen's order: the mean loss's gradient, clipped to ClipNorm; L1 and L2 added to the weights' gradient; the step."""
    optimizer = optimizer_for(optimizer_name, model, hyper)
    for _ in range(steps):
        optimizer.zero_grad()
        loss(model(inputs), targets).backward()
        parameters = list(model.parameters())
        if hyper.get("clip", 0) > 0:
            norm = torch.sqrt(sum((p.grad ** 2).sum() for p in parameters))
            if norm > hyper["clip"]:
                for p in parameters:
                    p.grad *= hyper["clip"] / norm
        for name, p in model.named_parameters():
            if "weight" in name:
                p.grad += hyper.get("l1", 0.0) * torch.sign(p.detach()) + hyper.get("l2", 0.0) * p.detach()
        optimizer.step()


SAFETENSORS = {"GruNet": "gru_net.safetensors", "StackedLstmNet": "stacked_lstm_net.safetensors"}

fixtures = {}
for index, (name, (shape, rows, make, loss, optimizer_name, hyper, trains)) in enumerate(NETWORKS.items()):
    torch.manual_seed(300 + index)
    generator = torch.Generator().manual_seed(400 + index)
    model = make()
    for parameter in model.parameters():
        with torch.no_grad():
            parameter.uniform_(-0.5, 0.5, generator=generator)
    model.eval()
    inputs = torch.rand((rows,) + shape, generator=generator) * 2 - 1
    outputs = model(inputs)
    targets = targets_for(loss, outputs, generator)
    value = loss(outputs, targets)
    value.backward()
    state = model.state_dict()
    names = list(state)
    parameters = torch.cat([state[key].flatten() for key in names]).tolist()
    gradients = torch.cat([parameter.grad.flatten() for parameter in model.parameters()]).tolist()
    with torch.no_grad():
        steps = []
        for t in range(1, shape[0] + 1):
            y = model(inputs[:1, :t])
            steps.append((y[0, -1] if y.dim() == 3 else y[0]).tolist())
    fixture = {
        "names": names,
        "parameters": parameters,
        "inputs": inputs.flatten().tolist(),
        "targets": targets.flatten().tolist(),
        "outputs": outputs.detach().flatten().tolist(),
        "loss": value.item(),
        "gradients": gradients,
        "rows": rows,
        "steps": steps,
    }
    if name in SAFETENSORS:
        write_safetensors(state, SAFETENSORS[name])
    if trains:
        model.train()
        train(model, loss, optimizer_name, hyper, inputs, targets, 3)
        fixture["trained"] = torch.cat([p.detach().flatten() for p in model.state_dict().values()]).tolist()
    fixtures[name] = fixture

with open("recurrent_networks.json", "w") as f:
    json.dump(fixtures, f)
