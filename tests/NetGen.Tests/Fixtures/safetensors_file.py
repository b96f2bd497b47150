"""Writes a PyTorch state_dict as a safetensors file, for the fixture scripts in this folder."""
import json
import struct

import torch


def write_safetensors(state, path):
    """The safetensors format: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
    byte range, padded with spaces to 8 bytes, then the tensors' bytes in that order."""
    header, blobs, offset = {}, [], 0
    for key, tensor in state.items():
        data = tensor.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[key] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)
