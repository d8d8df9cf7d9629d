"""Reading a transcript file to grade: a `{"turns": [...]}` object, or the whole output of `rapport rehearse
--json`."""

from pathlib import Path

from pydantic import ValidationError

from app.domain.transcript import Transcript
from app.files.json_file import UnreadableJson, read_json


class BadTranscript(Exception):
    """A FILE that cannot be graded; the message says why."""


def read_transcript(path: Path) -> Transcript:
    try:
        data = read_json(path)
    except UnreadableJson as error:
        raise BadTranscript(str(error)) from error
    if isinstance(data, dict) and isinstance(data.get("transcript"), dict):
        data = data["transcript"]  # the whole output of `rapport rehearse --json`
    if not isinstance(data, dict) or not isinstance(data.get("turns"), list):
        raise BadTranscript('expected {"turns": [{"speaker": "coach" or "client", "text": "..."}, ...]}')
    try:
        transcript = Transcript.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadTranscript(f"{where}: {first['msg']}") from error
    if not any(u.speaker == "coach" for u in transcript.turns):
        raise BadTranscript("no coach turns to grade")
    return transcript
