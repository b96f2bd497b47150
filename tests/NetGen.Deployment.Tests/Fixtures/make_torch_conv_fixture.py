"""Makes torch_conv.safetensors and torch_conv.json for SafetensorsTests.

Run with a Python that has PyTorch (Debian's python3-torch 1.13 was used): /usr/bin/python3 make_torch_conv_fixture.py
The model is the PyTorch twin of TorchConvNet in TestNetworks.cs:
nn.Sequential(Conv2d(2, 4, 3), ReLU(), MaxPool2d(2), Conv2d(4, 5, 2, padding='same'), Tanh(), AvgPool2d(2), Flatten(),
Linear(20, 3), Softmax(dim=1)), channels first as PyTorch is; its convolution weights are [filters, C, k, k] and the Linear
layer reads the (C, H, W) flattening. It is trained for 20 Adam steps on random data so that the weights are not an
initialisation. The safetensors file is written by hand from the format's specification, as make_torch_fixture.py does;
the JSON file holds inputs in NetGen's channels-last order (N, H, W, C) and PyTorch's outputs in evaluation mode.
"""
import json
import struct

import torch
from torch import nn

torch.manual_seed(2025)
model = nn.Sequential(
    nn.Conv2d(2, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 5, 2, padding="same"), nn.Tanh(), nn.AvgPool2d(2), nn.Flatten(),
    nn.Linear(20, 3), nn.Softmax(dim=1))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
for _ in range(20):
    x = torch.rand(16, 2, 12, 12) * 2 - 1
    t = torch.randint(0, 3, (16,))
    optimizer.zero_grad()
    nn.functional.nll_loss(model(x).log(), t).backward()
    optimizer.step()

model.eval()
inputs = torch.rand(6, 12, 12, 2) * 2 - 1
with torch.no_grad():
    outputs = model(inputs.movedim(-1, 1))

state = model.state_dict()
header = {"__metadata__": {"format": "pt"}}
data = b""
for name in sorted(state):
    raw = state[name].contiguous().numpy().astype("<f4").tobytes()
    header[name] = {"dtype": "F32", "shape": list(state[name].shape), "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)
with open("torch_conv.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)
with open("torch_conv.json", "w") as f:
    json.dump({"inputs": inputs.flatten().tolist(), "outputs": outputs.flatten().tolist()}, f, indent=1)
