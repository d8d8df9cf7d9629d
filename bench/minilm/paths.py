"""Where the MiniLM experiment finds the project (ROOT) and keeps its model, outputs and ONNX files (WORK)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(os.environ.get("MINILM_WORK", "/tmp/minilm"))
