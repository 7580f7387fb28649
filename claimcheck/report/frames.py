"""The report as pandas DataFrames: findings, claims or references, one row each.

pandas is optional (the ``notebook`` extra); without it :func:`to_dataframe`
raises :class:`ModuleNotFoundError` saying what to install.

Columns
-------
``findings``
    ``severity``, ``code``, ``message``, ``claim_id``, ``reference_number``,
    ``start``, ``end``, ``claim_text``.
``claims``
    ``id``, ``text``, ``start``, ``end``, ``citations`` (a list), ``origin``,
    ``check_worthy``, ``reasons`` (a list), ``support``, ``support_score``,
    ``state`` (see :mod:`claimcheck.report.annotate`), ``findings`` (how many concern it).
``references``
    ``number``, ``title``, ``authors`` (a list), ``container``, ``year``, ``doi``,
    ``status``, ``status_reason``, ``registered_title``, ``cited_by`` (claim ids),
    ``findings``, ``raw``.

Identifiers, positions and years are pandas' nullable ``Int64``; ``severity``,
``state`` and ``status`` are categoricals in their natural order.

>>> import claimcheck
>>> report = claimcheck.audit("Ketamine cured 90% of patients.\\n", offline=True, store=False)
>>> to_dataframe(report, "claims")[["id", "state"]].to_dict("records")
[{'id': 1, 'state': 'uncited'}]
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from claimcheck.model import Severity, Status
from claimcheck.optional import import_optional
from claimcheck.report.annotate import ClaimState, claim_notes, claim_states

if TYPE_CHECKING:
    from claimcheck.report.core import Report

__all__ = ["KINDS", "records", "to_dataframe"]

#: What :func:`to_dataframe` can tabulate.
KINDS = ("findings", "claims", "references")

_INTS = {
    "findings": ("claim_id", "reference_number", "start", "end"),
    "claims": ("id", "start", "end", "findings"),
    "references": ("number", "year", "findings"),
}
_CATEGORIES = {
    "severity": [s.value for s in Severity],
    "state": [s.value for s in ClaimState],
    "status": [s.value for s in Status],
}


def records(report: Report, kind: str) -> list[dict[str, Any]]:
    """The rows of :func:`to_dataframe` as plain dicts (no pandas needed).

    >>> import claimcheck
    >>> report = claimcheck.audit("Ketamine cured 90% of patients.\\n", offline=True, store=False)
    >>> records(report, "findings")[0]["code"]
    'uncited-claim'
    """
    if kind == "findings":
        return _finding_rows(report)
    if kind == "claims":
        return _claim_rows(report)
    if kind == "references":
        return _reference_rows(report)
    raise ValueError(f"unknown table {kind!r}; use one of {', '.join(KINDS)}")


def to_dataframe(report: Report, kind: str = "findings") -> Any:
    """One of the report's tables as a :class:`pandas.DataFrame`.

    Parameters
    ----------
    report:
        An audit's report.
    kind:
        ``"findings"`` (default), ``"claims"`` or ``"references"``.

    Returns
    -------
    pandas.DataFrame
        One row per item, columns as in the module docstring.

    Raises
    ------
    ValueError
        For another ``kind``.
    ModuleNotFoundError
        When pandas is not installed (the message says how to install it).
    """
    rows = records(report, kind)  # a bad kind fails before pandas is asked for
    pd = import_optional("pandas", purpose="Report.to_dataframe()")
    columns = list(_COLUMNS[kind])
    frame = pd.DataFrame.from_records(rows, columns=columns)
    for name in _INTS[kind]:
        frame[name] = frame[name].astype("Int64")
    for name, levels in _CATEGORIES.items():
        if name in frame:
            frame[name] = pd.Categorical(frame[name], categories=levels, ordered=True)
    return frame


def _finding_rows(report: Report) -> list[dict[str, Any]]:
    texts = {c.id: c.text for c in report.claims}
    return [
        {
            "severity": f.severity.value,
            "code": f.code,
            "message": f.message,
            "claim_id": f.claim_id,
            "reference_number": f.reference_number,
            "start": f.start,
            "end": f.end,
            "claim_text": texts.get(f.claim_id) if f.claim_id is not None else None,
        }
        for f in report.findings
    ]


def _claim_rows(report: Report) -> list[dict[str, Any]]:
    states = claim_states(report)
    notes = claim_notes(report)
    rows = []
    for c in report.claims:
        node = report.graph.nodes.get(c.node_id, {})
        rows.append(
            {
                "id": c.id,
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "citations": list(c.citations),
                "origin": c.origin.value if c.origin else None,
                "check_worthy": c.check_worthy,
                "reasons": list(c.reasons),
                "support": node.get("support"),
                "support_score": node.get("support_score"),
                "state": states[c.id].value,
                "findings": len(notes.get(c.id, ())),
            }
        )
    return rows


def _reference_rows(report: Report) -> list[dict[str, Any]]:
    cited_by: dict[int, list[int]] = {}
    for c in report.claims:
        for n in c.citations:
            cited_by.setdefault(n, []).append(c.id)
    counted = Counter(f.reference_number for f in report.findings if f.reference_number is not None)
    rows = []
    for r in report.references:
        res = report.resolutions.get(r.number) if r.number is not None else None
        rows.append(
            {
                "number": r.number,
                "title": r.title,
                "authors": list(r.authors),
                "container": r.container,
                "year": r.year,
                "doi": r.doi or r.doi_raw,
                "status": res.status.value if res else None,
                "status_reason": res.reason if res else None,
                "registered_title": res.work.title if res and res.work else None,
                "cited_by": cited_by.get(r.number, []) if r.number is not None else [],
                "findings": counted.get(r.number, 0) if r.number is not None else 0,
                "raw": r.raw,
            }
        )
    return rows


_COLUMNS = {
    "findings": (
        "severity",
        "code",
        "message",
        "claim_id",
        "reference_number",
        "start",
        "end",
        "claim_text",
    ),
    "claims": (
        "id",
        "text",
        "start",
        "end",
        "citations",
        "origin",
        "check_worthy",
        "reasons",
        "support",
        "support_score",
        "state",
        "findings",
    ),
    "references": (
        "number",
        "title",
        "authors",
        "container",
        "year",
        "doi",
        "status",
        "status_reason",
        "registered_title",
        "cited_by",
        "findings",
        "raw",
    ),
}
