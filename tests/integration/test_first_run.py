"""The very first `rapport serve` on a fresh machine: nothing to configure, and a way in."""

import re
from pathlib import Path

import httpx

from tests.support.server import RapportServer, login

SHOWN = re.compile(r"Log in as +(\S+) +with password +(\S+)")


def test_the_first_start_makes_an_instructor_and_shows_its_password_once(tmp_path: Path) -> None:
    server = RapportServer(data_dir=tmp_path)  # no accounts added: a brand-new data folder
    server.start()
    try:
        [(name, password)] = SHOWN.findall((tmp_path / "server.log").read_text())
        assert name == "instructor" and len(password) >= 12
        instructor = login(server, name, password)
        assert instructor.get("/gradebook").status_code == 200  # an instructor's page
        instructor.close()
        with httpx.Client(base_url=server.url) as stranger:
            refused = stranger.post("/login", data={"username": name, "password": "not-the-password"})
            assert refused.status_code == 401

        server.restart()
        assert len(SHOWN.findall((tmp_path / "server.log").read_text())) == 1  # not made, nor shown, again
        login(server, name, password).close()  # the same password still works
    finally:
        server.stop()
