"""Try onnxruntime's BERT graph fusions (attention/layernorm/gelu) before per-channel int8, then bench.
usage: python opt_onnx.py PREFIX  -> PREFIX.opt.fp32.onnx, PREFIX.opt.int8pc.onnx"""

import sys

from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.transformers import optimizer

p = sys.argv[1]
m = optimizer.optimize_model(f"{p}.fp32.onnx", model_type="bert", num_heads=12, hidden_size=384, opt_level=1)
print(m.get_fused_operator_statistics())
m.save_model_to_file(f"{p}.opt.fp32.onnx")
quantize_dynamic(f"{p}.opt.fp32.onnx", f"{p}.opt.int8pc.onnx", weight_type=QuantType.QInt8, per_channel=True)
