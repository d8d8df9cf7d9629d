"""Rapport's changes to Chainlit (app/ui/chainlit_patches.py) against the installed Chainlit: the version they
were written for, each patched object still there in the shape its patch expects, nothing patched by importing
the handlers, and every patch in place after `install()`. Run in a fresh interpreter, so that this test
process's Chainlit stays as it was."""

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from app.ui.chainlit_patches import CHAINLIT_VERSION, PATCHES

ROOT = Path(__file__).resolve().parents[2]

PHASES = """
import json
import chainlit.message, chainlit.server, chainlit.socket, chainlit.step  # Chainlit as it ships
from app.ui import chainlit_patches as patches

def now():
    return {p.name: repr(p.current()) for p in patches.PATCHES}

shipped, expected = now(), {p.name: p.expected() for p in patches.PATCHES}
import app.ui.app  # the handlers
imported = now()
patches.install()
installed = now()
patches.install()
print(json.dumps({"shipped": shipped, "expected": expected, "imported": imported, "installed": installed,
                  "again": now()}))
"""


def _phases() -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-c", PHASES], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    phases: dict[str, dict[str, object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return phases


def test_the_patches_were_written_for_the_installed_chainlit() -> None:
    assert version("chainlit") == CHAINLIT_VERSION
    assert f'"chainlit=={CHAINLIT_VERSION}"' in (ROOT / "pyproject.toml").read_text()


def test_each_patch_finds_chainlit_as_expected_and_replaces_it_only_when_installed() -> None:
    phases = _phases()
    names = [patch.name for patch in PATCHES]
    not_as_expected = [name for name in names if not phases["expected"][name]]
    assert not not_as_expected, f"Chainlit changed under these patches: {not_as_expected}"
    assert phases["imported"] == phases["shipped"], "importing the handlers patched Chainlit"
    not_installed = [name for name in names if phases["installed"][name] == phases["shipped"][name]]
    assert not not_installed, f"not in place after install(): {not_installed}"
    assert phases["again"] == phases["installed"], "a second install() patched again"


def test_every_patch_says_what_it_replaces_and_why() -> None:
    assert len({patch.name for patch in PATCHES}) == len(PATCHES)
    for patch in PATCHES:
        assert patch.replaces.startswith("chainlit.") and "app/ui/" in patch.why, patch.name
