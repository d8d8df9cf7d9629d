"""Export a fine-tuned state dict to ONNX (probabilities out) and quantise it dynamically to int8, with one
weight scale per tensor (int8) and per channel (int8pc).
usage: python export_onnx.py STATE.pt OUT_PREFIX  -> OUT_PREFIX.fp32.onnx, OUT_PREFIX.int8.onnx, OUT_PREFIX.int8pc.onnx"""

import os
import sys

import numpy as np
import onnxruntime as ort
import torch
from common import MODEL_DIR
from onnxruntime.quantization import QuantType, quantize_dynamic
from reader import Reader
from transformers import AutoTokenizer

torch.set_num_threads(1)


state, prefix = sys.argv[1], sys.argv[2]
model = Reader(probabilities=True)
if state != "none":
    model.load_state_dict(torch.load(state))
model.eval()
tok = AutoTokenizer.from_pretrained(MODEL_DIR)
b = tok(["I'm fine, really."], ["What would you like to talk about today?"], return_tensors="pt")
args = (b["input_ids"], b["attention_mask"], b["token_type_ids"])
dyn = {k: {0: "batch", 1: "seq"} for k in ("input_ids", "attention_mask", "token_type_ids")}
torch.onnx.export(
    model,
    args,
    f"{prefix}.fp32.onnx",
    input_names=list(dyn),
    output_names=["probs"],
    dynamic_axes={**dyn, "probs": {0: "batch"}},
    opset_version=17,
    dynamo=False,
)
quantize_dynamic(f"{prefix}.fp32.onnx", f"{prefix}.int8.onnx", weight_type=QuantType.QInt8)
quantize_dynamic(
    f"{prefix}.fp32.onnx", f"{prefix}.int8pc.onnx", weight_type=QuantType.QInt8, per_channel=True
)

for kind in ("fp32", "int8", "int8pc"):
    s = ort.InferenceSession(f"{prefix}.{kind}.onnx", providers=["CPUExecutionProvider"])
    out = s.run(None, {k: v.numpy() for k, v in b.items()})[0]
    with torch.no_grad():
        ref = model(*args).numpy()
    print(
        kind,
        "max |diff| vs torch",
        float(np.abs(out - ref).max()),
        os.path.getsize(f"{prefix}.{kind}.onnx") / 1e6,
        "MB",
    )
