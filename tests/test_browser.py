"""The standalone report in a real browser: headless Chromium renders it, and runs no script of the article.

Skipped when no Chromium is installed, except in CI (``CI=true``), where a missing
browser fails the test: ``.ci/run`` installs Debian's ``chromium``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from notebookfixtures import BIBLIOGRAPHY, INJECTED, bundled_records

import claimcheck

PIL = pytest.importorskip("PIL.Image")

#: The article's text runs nothing: a script and an image with an error handler, as text.
ATTACK = (
    f"Readers were told that ketamine works {INJECTED} in every patient. "
    "<img src=x onerror=\"document.title='PWNED'\">\n\n"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--hide-scrollbars",
)
#: Highlight colours of the annotated article (claimcheck.report.htmlkit.STATE_COLOURS).
UNCITED, FLAGGED, SUPPORTED = (0xFF, 0xDC, 0xB8), (0xFF, 0xD0, 0xD0), (0xD6, 0xF0, 0xD6)


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must run the browser check: apt-get install -y chromium (see .ci/run)")
        pytest.skip("no chromium on PATH (apt-get install -y chromium)")
    return path


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bibliography example with an attack in its first paragraph, audited against the bundled records."""
    text = BIBLIOGRAPHY.read_text(encoding="utf-8")
    heading, rest = text.split("\n\n", 1)
    article = tmp_path_factory.mktemp("article") / "attacked.txt"
    article.write_text(f"{heading}\n\n{ATTACK}{rest}", encoding="utf-8")
    report = claimcheck.audit(article, resolver=claimcheck.MemoryResolver(bundled_records()))
    target = article.with_name("audit.html")
    report.to_html(target)
    return target


def test_the_page_renders_and_the_article_runs_no_script(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    browser = _chromium()
    shot = tmp_path / "claimcheck-report.png"
    size = "--window-size=1280,2000"
    done = _run(browser, tmp_path / "profile", f"--screenshot={shot}", size, page.as_uri())
    assert shot.is_file(), done.stderr
    with capsys.disabled():
        print(f"\nbrowser check: screenshot of {page.name} written to {shot}")

    dom = _run(browser, tmp_path / "profile-dom", "--dump-dom", page.as_uri()).stdout
    assert '<table class="cc-findings">' in dom and '<section id="article">' in dom
    assert "<title>claimcheck audit: " in dom and "PWNED</title>" not in dom
    assert '<p id="pwned">' not in dom  # the element the script would have added (text shows &lt;p)
    assert "<script" not in dom.lower() and "<img" not in dom.lower()
    assert "&lt;script&gt;document.title='PWNED'" in dom  # shown as text instead

    image = PIL.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    colours = image.getcolors(maxcolors=1 << 24) or []  # never None: 2**24 is every RGB colour
    painted = sum(n for n, rgb in colours if rgb != (255, 255, 255))
    assert painted > 0.03 * 1280 * 2000, "the page looks blank"

    def near(target: tuple[int, int, int]) -> int:
        return sum(n for n, rgb in colours if max(abs(a - b) for a, b in zip(rgb, target, strict=True)) <= 6)

    # the annotated article is on screen, its claims in their colours
    assert near(UNCITED) > 500 and near(FLAGGED) > 500 and near(SUPPORTED) > 500
