"""The page must work without the internet: drop the links Chainlit's index.html makes to Google Fonts and a
KaTeX stylesheet on a CDN (the page falls back to system fonts; LaTeX is off)."""

import re

import chainlit.server as server

_EXTERNAL = re.compile(
    r"<link[^>]*https?://(?:fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.jsdelivr\.net)[^>]*>", re.S
)
_original = server.get_html_template


def offline_html(root_path: str) -> str:
    return _EXTERNAL.sub("", _original(root_path))


def install() -> None:
    # Chainlit's catch-all route looks the function up in its module on every request.
    server.get_html_template = offline_html
