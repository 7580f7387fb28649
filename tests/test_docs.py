"""README and code in step: finding codes, CLI options, the public API list."""

from __future__ import annotations

import re
from pathlib import Path

import claimcheck
from claimcheck.checks import CODES
from claimcheck.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _section(name: str) -> str:
    match = re.search(rf"<!-- {name}:start -->(.*?)<!-- {name}:end -->", README, re.S)
    assert match, f"README has no {name} section"
    return match.group(1)


def _rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.strip().splitlines()[2:]:
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def test_every_finding_code_is_documented_with_its_severity_and_meaning():
    documented = {row[0].strip("`"): (row[1], row[2]) for row in _rows(_section("finding-codes"))}
    in_code = {code: (info.severity.value, info.meaning) for code, info in CODES.items()}
    assert documented == in_code


def test_codes_are_kebab_case():
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", code) for code in CODES)


def _cli_options() -> set[str]:
    audit = next(
        action.choices["audit"]
        for action in build_parser()._actions
        if getattr(action, "choices", None) and "audit" in action.choices
    )
    return {opt for action in audit._actions for opt in action.option_strings if opt not in {"-h", "--help"}}


def test_every_cli_option_is_documented():
    documented = set()
    for row in _rows(_section("cli-options")):
        documented |= set(re.findall(r"`(-[-\w]+)`", row[0]))
    assert documented == _cli_options()


def test_public_api_list_is_sorted_and_complete():
    names = claimcheck.__all__
    assert list(names) == sorted(names, key=_isort_key)  # the order ruff's RUF022 keeps
    for name in names:
        assert hasattr(claimcheck, name), name
    public = {n for n in vars(claimcheck) if not n.startswith("_") and not _is_module(getattr(claimcheck, n))}
    public.discard("annotations")
    assert public == set(names) - {"__version__"}


def _isort_key(name: str) -> tuple[int, str]:
    if name.isupper():
        return (0, name)
    return (1, name) if name[0].isupper() else (2, name)


def _is_module(obj: object) -> bool:
    return type(obj).__name__ == "module"
