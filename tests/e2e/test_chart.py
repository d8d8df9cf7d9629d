"""The trust chart as Plotly.js draws it in Chromium (the page Chainlit shows it in uses the same library): a
short session's x-axis counts whole turns, and the toolbar does not cover the legend."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from app.grade.grader import grade_rehearsal
from app.grade.report import build_report
from app.practice.charts import trust_timeline
from app.practice.report import timeline
from tests.support.grading import persona, rehearse, rubric, tagger

playwright_api = pytest.importorskip("playwright.async_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")

TURNS = ["What would you like to get out of today?", "How will you know it was worth it?"]


def figures() -> list[Any]:
    sam = persona("sam-fixture")
    transcript, records = rehearse(sam, TURNS)
    report = build_report(
        grade_rehearsal(transcript, records, rubric(), sam, tagger()), sam, records, transcript
    )
    return [trust_timeline(report.timeline or [], "Trust timeline"), timeline(sam, records)]


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("which", [0, 1], ids=["rubric-report", "trace-report"])
async def test_short_session_chart_has_whole_turns_and_a_clear_legend(which: int, tmp_path: Path) -> None:
    page_file = tmp_path / "chart.html"
    # The toolbar always shown (it appears on hover in the app), to measure it against the legend.
    figures()[which].write_html(page_file, include_plotlyjs=True, config={"displayModeBar": True})
    async with playwright_api.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"])
        page = await browser.new_page(viewport={"width": 900, "height": 600})
        await page.goto(page_file.as_uri())
        await page.locator(".xtick").first.wait_for()
        ticks = await page.locator(".xtick text").all_text_contents()
        legend = await page.locator(".legend").bounding_box()
        toolbar = await page.locator(".modebar").bounding_box()
        await browser.close()
    assert ticks and all(tick.strip().isdigit() for tick in ticks), ticks
    assert legend is not None and toolbar is not None
    assert not overlap(legend, toolbar)
