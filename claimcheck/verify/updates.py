"""Retractions, corrections and expressions of concern: what the record says happened to a work.

Pure. :func:`work_updates` reads a :class:`~claimcheck.model.Work`'s
``updated_by`` (notices that update it: Crossref's own, and Retraction Watch's
with ``source: retraction-watch``), its ``update_to`` (what it updates, when
it is a notice itself) and a ``RETRACTED:`` title prefix, and says:

- ``status``: the most serious update, one of ``retracted``,
  ``partially-retracted``, ``concern``, ``corrected`` or ``none``;
- ``notices``: each notice once (the same notice registered by the publisher
  and by Retraction Watch is one notice with two sources), with its DOI and date;
- ``is_notice``: the work *is* a notice (a retraction notice cited on purpose
  is not a retracted source).

A notice is told from the work it updates by its title (``Retraction—...``,
``Correction: ...``) or, failing that, by pointing at other works while
nothing points at it. Records where a retracted paper and its notice point at
each other both ways are read by title.

>>> from claimcheck.model import Update, Work
>>> w = Work("10.1/x", title="RETRACTED: A study",
...          updated_by=(Update("retraction", "10.1/notice", "2010-02-06", "retraction-watch"),))
>>> u = work_updates(w)
>>> u.status, u.notices[0].doi, u.notices[0].date, u.is_notice
('retracted', '10.1/notice', '2010-02-06', False)
"""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.model import Update, Work
from claimcheck.verify.fieldmatch import strip_retracted
from claimcheck.verify.match import is_notice_title

__all__ = ["KIND_OF", "STATUS_ORDER", "Notice", "WorkUpdates", "work_updates"]

#: Registry update types by the status they give the updated work.
KIND_OF = {
    "retraction": "retracted",
    "withdrawal": "retracted",
    "removal": "retracted",
    "partial_retraction": "partially-retracted",
    "expression_of_concern": "concern",
    "correction": "corrected",
    "erratum": "corrected",
    "corrigendum": "corrected",
    "addendum": "corrected",
    "clarification": "corrected",
}
#: Most serious first.
STATUS_ORDER = ("retracted", "partially-retracted", "concern", "corrected", "none")


@dataclass(frozen=True, slots=True)
class Notice:
    """One notice about a work: its update type, DOI, date and who registered it."""

    type: str  # "retraction", "expression_of_concern", "correction", ...
    doi: str | None
    date: str | None
    sources: tuple[str, ...] = ()
    label: str | None = None

    @property
    def status(self) -> str:
        """What this notice makes of the work it updates (``retracted``, ``concern``, ...)."""
        return KIND_OF.get(self.type, "none")

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form."""
        return {"type": self.type, "doi": self.doi, "date": self.date, "sources": list(self.sources)}


@dataclass(frozen=True, slots=True)
class WorkUpdates:
    """What happened to a work, as its record tells (see :func:`work_updates`)."""

    status: str
    notices: tuple[Notice, ...] = ()
    is_notice: bool = False
    notice_of: tuple[Notice, ...] = ()  # for a notice: the works it updates

    def of_status(self, status: str) -> tuple[Notice, ...]:
        """The notices that give ``status``."""
        return tuple(n for n in self.notices if n.status == status)


def work_updates(work: Work) -> WorkUpdates:
    """The update status of ``work``, its notices, and whether it is a notice itself.

    Parameters
    ----------
    work:
        A registered work (any agency; PubMed's retraction and concern flags
        arrive as ``updated_by`` entries, see :mod:`claimcheck.pubmed_works`).

    Returns
    -------
    WorkUpdates
        For a notice, ``status`` is ``none`` and ``notice_of`` lists what it updates.
    """
    retracted_title = bool(work.title) and strip_retracted(work.title or "") != work.title
    others_by = [u for u in work.updated_by if u.doi != work.doi and u.type in KIND_OF]
    others_to = [u for u in work.update_to if u.doi and u.doi != work.doi and u.type in KIND_OF]
    if not retracted_title and (is_notice_title(work.title) or (others_to and not others_by)):
        return WorkUpdates("none", is_notice=True, notice_of=_merge(others_to))
    notices = list(_merge([u for u in work.updated_by if u.type in KIND_OF]))
    if retracted_title and not any(n.status == "retracted" for n in notices):
        notices.append(Notice("retraction", None, None, ("title",), "RETRACTED in the registered title"))
    status = min((n.status for n in notices), key=STATUS_ORDER.index, default="none")
    notices.sort(key=lambda n: (STATUS_ORDER.index(n.status), n.date or ""))
    return WorkUpdates(status, tuple(notices))


def _merge(updates: list[Update]) -> tuple[Notice, ...]:
    """One notice per (type, DOI): sources joined, the earliest date kept."""
    merged: dict[tuple[str, str | None], Notice] = {}
    for u in updates:
        key = (u.type, u.doi)
        source = u.source or "registry"
        old = merged.get(key)
        if old is None:
            merged[key] = Notice(u.type, u.doi, u.date, (source,), u.label)
            continue
        dates = [d for d in (old.date, u.date) if d]
        sources = old.sources if source in old.sources else (*old.sources, source)
        merged[key] = Notice(u.type, u.doi, min(dates) if dates else None, sources, old.label or u.label)
    return tuple(merged.values())
