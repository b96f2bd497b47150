"""Makes the fixtures of MultiLayerRecurrentImportTests: PyTorch modules with num_layers=2, whose state_dict names the
second layer's tensors with _l1, saved as safetensors, and their outputs on a batch of inputs.

Run with a Python that has PyTorch (Debian's python3-torch 1.13 was used): /usr/bin/python3 make_multilayer_recurrent_fixtures.py

Each twin is nn.Sequential(TwoLayer(nn.GRU or nn.LSTM, batch_first=True, num_layers=2, the last step's state),
nn.Linear): the NetGen network [GRU(units, ReturnSequences = true)] [GRU(units)] [Dense(outputs)] computes the same,
and reads the file with SafetensorsOptions { StackRecurrentLayers = true }. Writes two_layer_gru.safetensors,
two_layer_lstm.safetensors and multilayer_recurrent.json (inputs, outputs and the state_dict names, float64 values).
"""
import json

import torch
from torch import nn

from safetensors_file import write_safetensors


class LastStep(nn.Module):
    """A multi-layer recurrent module giving the last step of its top layer."""

    def __init__(self, module):
        super().__init__()
        self.module = module

    def forward(self, x):
        y, _ = self.module(x)
        return y[:, -1]


# name: (steps, features, units, outputs, recurrent module, file)
NETWORKS = {
    "TwoLayerGruNet": (6, 3, 5, 2, nn.GRU, "two_layer_gru.safetensors"),
    "TwoLayerLstmNet": (5, 2, 4, 3, nn.LSTM, "two_layer_lstm.safetensors"),
}

fixtures = {}
for index, (name, (steps, features, units, outputs, kind, path)) in enumerate(NETWORKS.items()):
    torch.manual_seed(500 + index)
    recurrent = kind(features, units, num_layers=2, batch_first=True)
    # The wrapper's tensors are 0.module.weight_ih_l0, ...; they are saved as 0.weight_ih_l0, ..., the names
    # the recurrent module has as the first module of an nn.Sequential.
    model = nn.Sequential(LastStep(recurrent), nn.Linear(units, outputs)).to(torch.float64)
    model.eval()
    inputs = torch.rand((4, steps, features), dtype=torch.float64) * 2 - 1
    with torch.no_grad():
        result = model(inputs)
    state = {}
    for key, tensor in model.state_dict().items():
        state[key.replace("0.module.", "0.")] = tensor
    write_safetensors(state, path)
    fixtures[name] = {
        "names": list(state),
        "inputs": inputs.flatten().tolist(),
        "outputs": result.flatten().tolist(),
        "rows": 4,
    }

with open("multilayer_recurrent.json", "w") as f:
    json.dump(fixtures, f)
