"""The voice process's entry point: `python -m app.voice_worker`, started by the practice server
(`app/voice/process.py`). Like `rapport`'s commands it is a composition root: it wires the settings the server
sends to a voice (`app/bootstrap.py`) and serves turns with `app/voice/worker.py`, so the voice package never
reaches the composition root itself (a layer contract in pyproject.toml holds it)."""

from app.bootstrap import build_voice
from app.voice.worker import main

if __name__ == "__main__":
    main(build_voice)
