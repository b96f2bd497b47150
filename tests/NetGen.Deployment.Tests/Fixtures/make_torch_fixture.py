"""Makes torch_sequential.safetensors and torch_sequential.json for SafetensorsTests.

Run with a Python that has PyTorch (1.13 was used): python3 make_torch_fixture.py
The model is nn.Sequential(Linear(6, 5), ELU(), Dropout(0.25), Linear(5, 3), Softmax(dim=1)),
the PyTorch twin of FuzzNet in TestNetworks.cs. The safetensors file is written by hand from the
format's specification (8-byte little-endian header length, JSON header, raw data) so that no
extra package is needed; the JSON file holds inputs and PyTorch's outputs in evaluation mode.
"""
import json
import struct

import torch
from torch import nn

torch.manual_seed(2024)
model = nn.Sequential(nn.Linear(6, 5), nn.ELU(), nn.Dropout(0.25), nn.Linear(5, 3), nn.Softmax(dim=1))
model.eval()
inputs = torch.rand(8, 6) * 4 - 2
with torch.no_grad():
    outputs = model(inputs)

state = model.state_dict()
header = {"__metadata__": {"format": "pt"}}
data = b""
for name in sorted(state):
    raw = state[name].contiguous().numpy().astype("<f4").tobytes()
    header[name] = {"dtype": "F32", "shape": list(state[name].shape), "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)
with open("torch_sequential.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)
with open("torch_sequential.json", "w") as f:
    json.dump({"inputs": inputs.flatten().tolist(), "outputs": outputs.flatten().tolist()}, f, indent=1)
