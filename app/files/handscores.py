"""Reading a hand-score set for `rapport calibrate` (and `rapport validate`): the file, the rubric it names and
the transcripts it scores, every problem reported as file:line: field: reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.transcript import Transcript
from app.files.catalog import Catalog
from app.files.loader import FileLoadError, error_at, load_file
from app.files.transcripts import BadTranscript, read_transcript
from app.grade.handscores import HandScores, Problem, check
from app.grade.rubric import Rubric


@dataclass(frozen=True)
class ScoringSet:
    hand: HandScores
    rubric: Rubric
    transcripts: list[Transcript]  # in the order of hand.transcripts


def load_set(path: Path, catalog: Catalog) -> ScoringSet:
    """The hand-score file with its rubric and transcripts, or FileLoadError naming every problem."""
    hand = load_file(path, HandScores)
    try:
        rubric = catalog.rubric(hand.rubric)
    except KeyError as error:
        raise FileLoadError([error_at(path, ("rubric",), error.args[0])]) from None
    problems: list[Problem] = check(hand, rubric)
    transcripts: list[Transcript] = []
    for index, item in enumerate(hand.transcripts):
        where = ("transcripts", index, "file")
        target = path.parent / item.file  # relative to the hand-score file, so a set can move as a folder
        if not target.is_file():
            problems.append((where, f"transcript not found: {target}"))
            continue
        try:
            transcripts.append(read_transcript(target))
        except BadTranscript as error:
            problems.append((where, f"{item.file}: {error}"))
    if problems:
        errors = [error_at(path, location, reason) for location, reason in problems]
        raise FileLoadError(sorted(errors, key=lambda error: error.line or 0))  # in file order
    return ScoringSet(hand, rubric, transcripts)
