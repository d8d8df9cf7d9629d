"""`rapport calibrate`: Cohen's κ against textbook values and edge cases, the figures on the worked hand-score
set (tests/data/calibration/handscores.yaml, every figure computed by hand below), the report and its JSON,
and bad hand-score files reported with file, line, field and reason."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from app.files.catalog import Catalog
from app.files.handscores import load_set
from app.files.loader import load_file
from app.grade.calibration import Calibration, band, calibrate, cohen_kappa, weighted_kappa
from app.grade.grader import grade_transcript
from app.grade.handscores import HandScores
from app.grade.rubric import Level
from tests.support.cli import invoke_rapport
from tests.support.grading import DATA, TRANSCRIPTS, rubric, tagger

SET = DATA / "calibration" / "handscores.yaml"
N, P, C, A = Level.NOT_EVIDENT, Level.PARTIAL, Level.CONSISTENT, Level.NOT_APPLICABLE
SCALE = (N, P, C)


def table(counts: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    """Pairs from a contingency table {(first rater, second rater): count}."""
    return [pair for pair, count in counts.items() for _ in range(count)]


# --- κ itself ------------------------------------------------------------------------------------------


def test_kappa_matches_the_textbook_two_by_two_examples() -> None:
    """Wikipedia's "Cohen's kappa" examples, 50 and 100 items rated yes/no by two raters."""
    # 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o = 35/50 = 0.7; A says yes 25/50, B 30/50:
    # p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    first = table({("y", "y"): 20, ("y", "n"): 5, ("n", "y"): 10, ("n", "n"): 15})
    assert cohen_kappa(first).value == Fraction(2, 5)
    # 45 / 15 / 25 / 15: p_o = 0.6, p_e = 0.6·0.7 + 0.4·0.3 = 0.54, κ = 0.06 / 0.46 = 3/23 ≈ 0.1304.
    second = table({("y", "y"): 45, ("y", "n"): 15, ("n", "y"): 25, ("n", "n"): 15})
    assert cohen_kappa(second).value == Fraction(3, 23)
    # 25 / 35 / 5 / 35: p_o = 0.6, p_e = 0.6·0.3 + 0.4·0.7 = 0.46, κ = 0.14 / 0.54 = 7/27 ≈ 0.2593.
    third = table({("y", "y"): 25, ("y", "n"): 35, ("n", "y"): 5, ("n", "n"): 35})
    assert cohen_kappa(third).value == Fraction(7, 27)
    # With two categories every weighting gives Cohen's κ back.
    assert weighted_kappa(first, ("n", "y")).value == Fraction(2, 5)


def test_kappa_edge_cases() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b")]).value == 1  # perfect agreement with variation
    assert cohen_kappa([("a", "b"), ("b", "a")]).value == -1  # p_o = 0, p_e = 1/2: systematic disagreement
    assert cohen_kappa([("a", "a"), ("a", "b")]).value == 0  # p_o = 1/2 = p_e: no better than chance
    assert cohen_kappa([("a", "b")]).value == 0  # one pair that disagrees: p_o = p_e = 0
    for pairs in ([], [("a", "a")], [("a", "a")] * 5):
        result = cohen_kappa(pairs)  # no pairs, or no variation at all: p_e = 1 and κ = 0/0
        assert result.value is None and result.reason, pairs
    assert "no variation" in str(cohen_kappa([(C, C)] * 3).reason)
    assert "(consistent)" in str(cohen_kappa([(C, C)] * 3).reason)  # names the level, not the enum


def test_weighted_kappa_counts_near_misses_less_and_leaves_out_not_applicable() -> None:
    # Ranks N0 P1 C2. Pairs N/P ×2, P/P ×2, C/C ×2. Unweighted: p_o = 4/6, first N2 P2 C2, second P4 C2,
    # p_e = (2·4 + 2·2)/36 = 1/3, κ = (2/3 - 1/3)/(2/3) = 1/2.
    # Quadratic: observed n·Σd² = 6·2 = 12; expected Σ f·s·d² = N/P 2·4·1 + N/C 2·2·4 + P/C 2·2·1
    # + C/P 2·4·1 = 8 + 16 + 4 + 8 = 36; κw = 1 - 12/36 = 2/3: the misses were one step, so they cost less.
    pairs = table({(N, P): 2, (P, P): 2, (C, C): 2})
    assert cohen_kappa(pairs).value == Fraction(1, 2)
    assert weighted_kappa(pairs, SCALE).value == Fraction(2, 3)
    assert weighted_kappa([*pairs, (A, C), (A, A)], SCALE).value == Fraction(2, 3)  # n/a pairs left out
    assert weighted_kappa([(N, C), (C, N)], SCALE).value == -1  # the two ends, swapped
    missing = weighted_kappa([(A, A), (A, N)], SCALE)
    assert missing.value is None and missing.reason == "no pair with both levels on the ordinal scale"
    assert weighted_kappa([(P, P), (A, P)], SCALE).value is None  # one usable pair: no variation


def test_bands_start_at_their_lower_bound() -> None:
    assert band(None) is None
    assert band(Fraction(-1, 14)) == band(Fraction(39, 100)) == "poor"
    assert band(Fraction(2, 5)) == band(Fraction(59, 100)) == "moderate"
    assert band(Fraction(3, 5)) == "substantial"
    assert band(Fraction(4, 5)) == band(Fraction(1)) == "near-perfect"


# --- the worked set ------------------------------------------------------------------------------------

# Transcripts in file order: counselling_no_contract, friendly_consultant, manager_gossip_breach,
# pushed_after_no, therapy_digging, typed_chat_good_imperfect. Levels N(ot evident) P(artial)
# C(onsistent) A (not applicable), instructor / grader, from the YAML and from `rapport grade`. Marginals as
# N/P/C/A counts. κ = (p_o - p_e)/(1 - p_e) with p_e = Σ first·second / n²; weighted:
# κw = 1 - n·Σd² / Σ f_a·s_b·d² over the pairs without A.
FIGURES: dict[str, tuple[int, int, Fraction, int, Fraction]] = {  # id: n, agreed, κ, weighted n, κw
    # NNCCCC / NCCCCC. I N2 C4, G N1 C5: p_e = (2+20)/36, κ = (30-22)/(36-22) = 4/7.
    # κw: n·Σd² = 6·4 = 24; expected N/C 2·5·4 + C/N 4·1·4 = 56; 1 - 24/56 = 4/7.
    "ICF-3.1": (6, 5, Fraction(4, 7), 6, Fraction(4, 7)),
    # NNPCCN / NNNCCC. I N3 P1 C2, G N3 C3: p_e = (9+6)/36, κ = (24-15)/(36-15) = 3/7.
    # κw: Σd² = 1+4, 6·5 = 30; expected N/C 36 + P/N 3 + P/C 3 + C/N 24 = 66; 1 - 30/66 = 6/11.
    "ICF-3.2": (6, 4, Fraction(3, 7), 6, Fraction(6, 11)),
    # NNNNNC both.
    "ICF-3.3": (6, 6, Fraction(1), 6, Fraction(1)),
    # NNPPPC / NNCCCC. I N2 P3 C1, G N2 C4: p_e = (4+4)/36, κ = (18-8)/(36-8) = 5/14.
    # κw: 6·3 = 18; expected N/C 32 + P/N 6 + P/C 12 + C/N 8 = 58; 1 - 18/58 = 20/29.
    "ICF-3.4": (6, 3, Fraction(5, 14), 6, Fraction(20, 29)),
    # PPNNNC / NNNNNP. I N3 P2 C1, G N5 P1: p_e = (15+2)/36, κ = (18-17)/(36-17) = 1/19.
    # κw: 6·3 = 18; expected N/P 3 + P/N 10 + C/N 20 + C/P 1 = 34; 1 - 18/34 = 8/17.
    "ICF-4.1": (6, 3, Fraction(1, 19), 6, Fraction(8, 17)),
    # CNNNNP / PNNNNP. I N4 P1 C1, G N4 P2: p_e = (16+2)/36, κ = (30-18)/(36-18) = 2/3.
    # κw: 6·1 = 6; expected N/P 8 + P/N 4 + C/N 16 + C/P 2 = 30; 1 - 6/30 = 4/5.
    "ICF-4.2": (6, 5, Fraction(2, 3), 6, Fraction(4, 5)),
    # CNPNPP / CNAAPP. I N2 P3 C1, G N1 P2 C1 A2: p_e = (2+6+1)/36, κ = (24-9)/(36-9) = 5/9.
    # κw on the 4 pairs without A (CC NN PP PP): all agree, with variation: 1.
    "ICF-4.3": (6, 4, Fraction(5, 9), 4, Fraction(1)),
    # NNNNNC both.
    "ICF-4.4": (6, 6, Fraction(1), 6, Fraction(1)),
    # CNCPPC / CNCPNC. I N1 P2 C3, G N2 P1 C3: p_e = (2+2+9)/36, κ = (30-13)/(36-13) = 17/23.
    # κw: 6·1 = 6; expected N/P 1 + N/C 12 + P/N 4 + P/C 6 + C/N 24 + C/P 3 = 50; 1 - 6/50 = 22/25.
    "ICF-6.2": (6, 5, Fraction(17, 23), 6, Fraction(22, 25)),
    # CNPAPC / CNAACC. I N1 P2 C2 A1, G N1 C3 A2: p_e = (1+6+2)/36, κ = (24-9)/(36-9) = 5/9.
    # κw on CC NN PC CC: I N1 P1 C2, G N1 C3; 4·1 = 4; expected N/C 12 + P/N 1 + P/C 3 + C/N 8 = 24; 5/6.
    "ICF-6.3": (6, 4, Fraction(5, 9), 4, Fraction(5, 6)),
    # CNCPPC / CPCCPC. I N1 P2 C3, G P2 C4: p_e = (4+12)/36, κ = (24-16)/(36-16) = 2/5 (the moderate bound).
    # κw: 6·2 = 12; expected N/P 2 + N/C 16 + P/C 8 + C/P 6 = 32; 1 - 12/32 = 5/8.
    "ICF-6.7": (6, 4, Fraction(2, 5), 6, Fraction(5, 8)),
    # CNCCPP / CPCCNN. I N1 P2 C3, G N2 P1 C3: p_e = 13/36, κ = (18-13)/(36-13) = 5/23.
    # κw: 6·3 = 18; expected as ICF-6.2, 50; 1 - 18/50 = 16/25.
    "ICF-7.6": (6, 3, Fraction(5, 23), 6, Fraction(16, 25)),
    # ANNNNC / ANAPNC. I N4 C1 A1, G N2 P1 C1 A2: p_e = (8+1+2)/36, κ = (24-11)/(36-11) = 13/25.
    # κw on NN NP NN CC: I N3 C1, G N2 P1 C1; 4·1 = 4; expected N/P 3 + N/C 12 + C/N 8 + C/P 1 = 24; 5/6.
    "TS-1": (6, 4, Fraction(13, 25), 4, Fraction(5, 6)),
    # NNNNNC both.
    "TS-2": (6, 6, Fraction(1), 6, Fraction(1)),
    # NNNNNP / NPCPPC. I N5 P1, G N1 P3 C2: p_e = (5+3)/36, κ = (6-8)/(36-8) = -1/14: worse than chance.
    # κw: Σd² = 1+4+1+1+1 = 8, 6·8 = 48; expected N/P 15 + N/C 40 + P/N 1 + P/C 2 = 58; 1 - 48/58 = 5/29.
    "TS-3": (6, 1, Fraction(-1, 14), 6, Fraction(5, 29)),
    # Not scored for counselling_no_contract. -ANAAC / -APAAC. I N1 C1 A3, G P1 C1 A3: p_e = (1+9)/25,
    # κ = (20-10)/(25-10) = 2/3. κw on NP CC: 2·1 = 2; expected N/P 1 + N/C 4 + C/P 1 = 6; 1 - 2/6 = 2/3.
    "TS-4": (5, 4, Fraction(2, 3), 2, Fraction(2, 3)),
    # CPPPCC / CPPCCC. I P3 C3, G P2 C4: p_e = (6+12)/36, κ = (30-18)/(36-18) = 2/3.
    # κw: 6·1 = 6; expected P/C 12 + C/P 6 = 18; 1 - 6/18 = 2/3.
    "TS-6": (6, 5, Fraction(2, 3), 6, Fraction(2, 3)),
    # CNNPPC / CNPCPC. I N2 P2 C2, G N1 P2 C3: p_e = (2+4+6)/36, κ = (24-12)/(36-12) = 1/2.
    # κw: 6·2 = 12; expected N/P 4 + N/C 24 + P/N 2 + P/C 6 + C/N 8 + C/P 4 = 48; 1 - 12/48 = 3/4.
    "TS-7": (6, 4, Fraction(1, 2), 6, Fraction(3, 4)),
}
# Overall, the 107 pairs pooled: 76 agree (the sum of the column above), so 31 disagreements, 71.0 %.
# Marginals I N47 P24 C31 A5, G N40 P18 C40 A9: p_e = (47·40 + 24·18 + 31·40 + 5·9)/107² = 3597/11449,
# p_o = 76/107 = 8132/11449, κ = (8132 - 3597)/(11449 - 3597) = 4535/7852 ≈ 0.578.
# Weighted: 9 pairs have an A (AA ×5; PA, NA, PA, NA), leaving 98: I N45 P22 C31, G N40 P18 C40. The 27
# disagreements left have Σd² = 36 (two N/C pairs at 4, 25 one-step misses), so n·Σd² = 98·36 = 3528;
# expected N/P 45·18 + N/C 45·40·4 + P/N 22·40 + P/C 22·40 + C/N 31·40·4 + C/P 31·18 = 15288;
# κw = 1 - 3528/15288 = 10/13 ≈ 0.769.
OVERALL = (107, 76, Fraction(4535, 7852), 98, Fraction(10, 13))


@cache
def worked() -> Calibration:
    scoring = load_set(SET, Catalog(personas={}, rubrics={"icf-trust-agreements": rubric()}))
    grades = [grade_transcript(t, scoring.rubric, tagger()) for t in scoring.transcripts]
    return calibrate(scoring.hand, grades, str(SET))


def close(value: float | None, exact: Fraction) -> bool:
    return value == round(float(exact), 3)


def test_the_worked_set_is_a_real_scoring_set() -> None:
    text = SET.read_text(encoding="utf-8")
    header = re.match(r"# yaml-language-server: \$schema=(\S+)", text)
    assert (
        header
        and (SET.parent / header.group(1)).resolve() == PROJECT_ROOT / "schemas" / "handscores.schema.json"
    )
    hand = load_file(SET, HandScores)
    assert hand.rubric == "icf-trust-agreements" and 4 <= len(hand.transcripts) <= 6
    assert all((SET.parent / item.file).resolve().parent == TRANSCRIPTS for item in hand.transcripts)
    assert hand.transcripts[0].scores["TS-1"] is Level.NOT_APPLICABLE  # written `n/a`


def test_the_worked_set_figures_per_criterion() -> None:
    result = worked()
    assert [c.id for c in result.criteria] == list(FIGURES)  # rubric order, every criterion scored
    for figures in result.criteria:
        n, agreed, kappa, weighted_n, weighted = FIGURES[figures.id]
        assert (figures.n, figures.agreed, figures.weighted_n) == (n, agreed, weighted_n), figures.id
        assert figures.percent_agreement == round(100 * agreed / n, 1), figures.id
        assert close(figures.kappa, kappa) and close(figures.weighted_kappa, weighted), figures.id
        assert figures.kappa_band == band(kappa) and figures.kappa_note is None, figures.id
    by_id = {c.id: c for c in result.criteria}
    assert by_id["ICF-6.7"].kappa == 0.4 and by_id["ICF-6.7"].kappa_band == "moderate"
    assert by_id["TS-3"].kappa == -0.071 and by_id["TS-3"].kappa_band == "poor"


def test_the_worked_set_overall_figures() -> None:
    overall = worked().overall
    n, agreed, kappa, weighted_n, weighted = OVERALL
    assert (overall.n, overall.agreed, overall.percent_agreement) == (n, agreed, 71.0)
    assert sum(FIGURES[c][0] for c in FIGURES) == n and sum(FIGURES[c][1] for c in FIGURES) == agreed
    assert close(overall.kappa, kappa) and overall.kappa == 0.578 and overall.kappa_band == "moderate"
    assert overall.weighted_n == weighted_n and close(overall.weighted_kappa, weighted)


def test_the_worked_set_disagreements_carry_the_graders_evidence() -> None:
    result = worked()
    assert len(result.disagreements) == OVERALL[0] - OVERALL[1] == 31
    assert all(d.instructor != d.grader for d in result.disagreements)
    first = next(d for d in result.disagreements if d.transcript.endswith("friendly_consultant.json"))
    assert (first.criterion, first.instructor, first.grader) == ("ICF-3.1", N, C)  # a topic, not an outcome
    assert [(e.turn, e.quote) for e in first.evidence] == [
        (0, "Hi Tom, lovely to meet you. So what would you like to talk about today?")
    ]
    assert first.feedback and first.grader_reason == "shown once" and first.notes
    for disagreement in result.disagreements:  # every quote verbatim from the coach turn it cites
        turns = json.loads((SET.parent / disagreement.transcript).read_text())["turns"]
        for evidence in disagreement.evidence:
            assert turns[evidence.turn]["speaker"] == "coach"
            assert evidence.quote in turns[evidence.turn]["text"]


# --- the command ---------------------------------------------------------------------------------------


# The worked figures above were counted with the rules reader; the CLI tests ask for it.
RULES = {"RAPPORT_TAGGER": "rules"}


def test_the_learned_reader_agrees_with_the_instructor_at_least_as_well_as_the_rules() -> None:
    kappas = []
    for env in ({}, RULES):
        done = invoke_rapport("calibrate", str(SET), "--json", env=env)
        assert done.returncode == 0, done.stderr
        kappas.append(json.loads(done.stdout)["overall"]["kappa"])
    learned, rules = kappas
    assert learned >= rules


def test_calibrate_prints_the_table_and_the_disagreements() -> None:
    done = invoke_rapport("calibrate", str(SET), env=RULES)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert (
        "| ICF-3.1 | Agrees what the client wants from this session | 6 | 83.3 % | 0.57 | moderate | 0.57 |"
        in out
    )
    assert "| TS-3 | Keeps to the agreement | 6 | 16.7 % | -0.07 | poor | 0.17 |" in out
    assert (
        "| TS-4 | Makes confidentiality clear and keeps it | 5 | 80.0 % | 0.67 | substantial | 0.67 |" in out
    )
    assert "| **overall** | all pairs pooled | 107 | 71.0 % | 0.58 | moderate | 0.77 |" in out
    assert "## Disagreements (31)" in out and "### ../transcripts/friendly_consultant.json" in out
    heading = "- **ICF-3.1 Agrees what the client wants from this session**: "
    assert heading + "instructor not_evident, grader consistent (shown once)" in out
    assert '  - turn 0: "Hi Tom, lovely to meet you. So what would you like to talk about today?"' in out
    assert "Instructor's notes: " in out and "grader's feedback: " in out
    assert "Undefined" not in out  # every κ on this set is defined


def test_calibrate_json_fields() -> None:
    done = invoke_rapport("calibrate", str(SET), "--json", env=RULES)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert list(report) == ["file", "rubric", "scorer", "transcripts", "criteria", "overall", "disagreements"]
    figures = {"n", "agreed", "percent_agreement", "kappa", "kappa_band", "kappa_note"}
    figures |= {"weighted_n", "weighted_kappa", "weighted_note"}
    assert set(report["overall"]) == figures
    assert all(set(c) == figures | {"id", "title"} for c in report["criteria"])
    assert report["overall"]["kappa"] == 0.578 and report["overall"]["weighted_kappa"] == 0.769
    assert {c["id"]: c["kappa"] for c in report["criteria"]}["ICF-3.4"] == 0.357
    disagreement = report["disagreements"][0]
    assert set(disagreement) == {
        "transcript",
        "criterion",
        "title",
        "instructor",
        "grader",
        "grader_reason",
        "evidence",
        "feedback",
        "notes",
    }
    assert disagreement["instructor"] in {level.value for level in Level}
    assert all(
        set(e) == {"turn", "quote", "learner_turn"} for d in report["disagreements"] for e in d["evidence"]
    )
    assert report == json.loads(worked().model_dump_json())  # the same figures as computed above


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_undefined_kappa_is_null_with_a_reason_not_a_crash_or_a_fake_one(tmp_path: Path) -> None:
    # One transcript: the grader gives pushed_after_no ICF-3.1 consistent, TS-1 partial, ICF-4.3 n/a.
    # ICF-3.1 C/C and ICF-4.3 A/A: one pair each, no variation, κ undefined. TS-1 N/P: p_o = p_e = 0, κ = 0,
    # κw = 1 - 1·1/(1·1·1) = 0. Overall C/C N/P A/A: p_e = (1+1)/9, κ = (6-2)/(9-2) = 4/7; κw on C/C N/P:
    # 2·1 = 2 against N/P 1 + N/C 4 + C/P 1 = 6, 1 - 2/6 = 2/3.
    hand = write(
        tmp_path / "one.yaml",
        f"rubric: icf-trust-agreements\nscorer: Ada\ntranscripts:\n"
        f"  - file: {TRANSCRIPTS / 'pushed_after_no.json'}\n"
        "    scores: {ICF-3.1: consistent, ICF-4.3: n/a, TS-1: not_evident}\n",
    )
    done = invoke_rapport("calibrate", str(hand), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    by_id = {c["id"]: c for c in report["criteria"]}
    assert list(by_id) == ["ICF-3.1", "ICF-4.3", "TS-1"]
    for undefined in ("ICF-3.1", "ICF-4.3"):
        assert by_id[undefined]["kappa"] is None and by_id[undefined]["kappa_band"] is None
        assert "no variation" in by_id[undefined]["kappa_note"]
        assert by_id[undefined]["percent_agreement"] == 100.0
    assert by_id["ICF-4.3"]["weighted_note"] == "no pair with both levels on the ordinal scale"
    assert by_id["TS-1"]["kappa"] == 0.0 and by_id["TS-1"]["weighted_kappa"] == 0.0
    assert report["overall"]["kappa"] == round(4 / 7, 3) and report["overall"]["weighted_kappa"] == 0.667
    text = invoke_rapport("calibrate", str(hand)).stdout
    assert "| ICF-3.1 | Agrees what the client wants from this session | 1 | 100.0 % | – | – | – |" in text
    assert "- ICF-3.1: κ all 1 pair(s) have the same level on both sides (consistent)" in text
    assert "- ICF-4.3: weighted κ no pair with both levels on the ordinal scale" in text


HEAD = "rubric: icf-trust-agreements\nscorer: Ada\ntranscripts:\n"
ONE = "  - file: {t}\n    scores: {{ICF-3.1: partial}}\n"  # a good entry ({t}: a transcript)
BAD = {
    "unknown criterion": (
        HEAD + "  - file: {t}\n    scores:\n      ICF-3.1: consistent\n      ICF-9.9: partial\n",
        ":7: transcripts.0.scores.ICF-9.9: unknown criterion 'ICF-9.9' for rubric 'icf-trust-agreements'",
    ),
    "unknown level": (
        HEAD + "  - file: {t}\n    scores:\n      ICF-3.1: sometimes\n",
        ":6: transcripts.0.scores.ICF-3.1: Value error, unknown level 'sometimes': use not_evident, partial, "
        "consistent, not_applicable, n/a",
    ),
    "missing transcript": (
        HEAD + ONE + "  - file: nowhere.json\n    scores: {{ICF-3.1: partial}}\n",
        ":6: transcripts.1.file: transcript not found: ",
    ),
    "transcript scored twice": (
        HEAD + ONE + "  - file: {t}\n    scores: {{TS-1: partial}}\n",
        ":6: transcripts.1.file: ",
    ),
    "unknown rubric": (
        HEAD.replace("icf-trust-agreements", "no-such-rubric") + ONE,
        ":1: rubric: unknown rubric 'no-such-rubric' (known: icf-trust-agreements)",
    ),
    "no scorer": (
        HEAD.replace("scorer: Ada\n", "") + ONE,
        ":1: scorer: Field required",
    ),
    "no scores": (
        HEAD + "  - file: {t}\n    scores: {{}}\n",
        ":5: transcripts.0.scores: Dictionary should have at least 1 item",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_hand_score_file_is_reported_with_file_line_field_and_reason(tmp_path: Path, case: str) -> None:
    text, expected = BAD[case]
    bad = write(tmp_path / "bad.yaml", text.format(t=TRANSCRIPTS / "pushed_after_no.json"))
    done = invoke_rapport("calibrate", str(bad))
    assert done.returncode == 1 and done.stdout == ""
    assert f"error: {bad}{expected}" in done.stderr, done.stderr


def test_a_transcript_that_cannot_be_graded_is_named(tmp_path: Path) -> None:
    write(tmp_path / "broken.json", '{"turns": [')
    bad = write(
        tmp_path / "bad.yaml",
        "rubric: icf-trust-agreements\nscorer: Ada\ntranscripts:\n"
        "  - file: broken.json  # relative to this file\n    scores: {ICF-3.1: partial}\n",
    )
    done = invoke_rapport("calibrate", str(bad))
    assert done.returncode == 1
    assert f"error: {bad}:4: transcripts.0.file: broken.json: not valid JSON" in done.stderr


def test_a_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "rubric: [\n")
    done = invoke_rapport("calibrate", str(bad), str(SET), "--json")
    assert done.returncode == 1
    assert f"error: {bad}:2: (file): not valid YAML" in done.stderr
    assert [json.loads(line)["file"] for line in done.stdout.splitlines()] == [str(SET)]
