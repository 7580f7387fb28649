"""Small pieces every HTML view shares: escaping, the stylesheet, badges, links.

Every view is plain HTML: semantic tables and lists, colour always paired
with a text label, no JavaScript, no external assets. Styles are scoped
under ``.claimcheck`` so that a notebook page's own styles are left alone,
and each view carries the stylesheet so it reads the same wherever it lands.

>>> badge("warning", "severity")
'<span class="cc-badge cc-severity-warning">warning</span>'
>>> doi_link("10.1000/a<b>")
'<a href="https://doi.org/10.1000/a%3Cb%3E" rel="noreferrer">10.1000/a&lt;b&gt;</a>'
"""

from __future__ import annotations

import html
import urllib.parse

__all__ = [
    "CSS",
    "STATE_COLOURS",
    "STATUS_WORDS",
    "HtmlView",
    "badge",
    "clip",
    "doi_link",
    "esc",
    "status_badge",
    "style_block",
]


def esc(value: object) -> str:
    """HTML-escape any value's text (quotes too, so it is safe in attributes); ``None`` is ``""``."""
    return "" if value is None else html.escape(str(value), quote=True)


def clip(text: str, width: int = 90) -> str:
    """One line of at most ``width`` characters (whitespace folded, ``…`` when cut)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def badge(value: str, family: str, label: str | None = None) -> str:
    """A coloured label that also says its value in words (``family`` picks the colours)."""
    css = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in value)
    return f'<span class="cc-badge cc-{family}-{css}">{esc(label or value)}</span>'


def doi_link(doi: str) -> str:
    """A link to ``https://doi.org/<doi>`` (the DOI percent-encoded in the URL, escaped in the text)."""
    url = "https://doi.org/" + urllib.parse.quote(doi, safe="/:;()._-")
    return f'<a href="{esc(url)}" rel="noreferrer">{esc(doi)}</a>'


#: Reference statuses in words (see :class:`claimcheck.model.Status`).
STATUS_WORDS = {
    "resolved": "resolved",
    "not_found": "not found",
    "unchecked": "unchecked",
    "invalid_doi": "invalid DOI",
    "no_identifier": "no identifier",
}


def status_badge(status: str | None, reason: str | None = None) -> str:
    """A reference status as a badge in words, with the reason when there is one.

    >>> status_badge("unchecked", "offline")
    '<span class="cc-badge cc-status-unchecked">unchecked (offline)</span>'
    """
    if status is None:
        return badge("not-resolved", "status", "not resolved")
    words = STATUS_WORDS.get(status, status) + (f" ({reason})" if reason else "")
    return badge(status, "status", words)


_SEVERITY = {
    "error": ("#fde2e1", "#a4161a"),
    "warning": ("#fff0d6", "#8a4b00"),
    "info": ("#e3efff", "#184e8c"),
}
_STATUS = {
    "resolved": ("#dcf2dc", "#1e5e20"),
    "not_found": ("#fde2e1", "#a4161a"),
    "invalid_doi": ("#fde2e1", "#a4161a"),
    "no_identifier": ("#fff0d6", "#8a4b00"),
    "unchecked": ("#ececec", "#3d3d3d"),
    "not-resolved": ("#ececec", "#3d3d3d"),
}
#: Claim states (see :mod:`claimcheck.report.annotate`): background, border.
STATE_COLOURS = {
    "supported": ("#d6f0d6", "#2e7d32"),
    "weak": ("#fff2b8", "#9a7b00"),
    "unassessed": ("#ececec", "#6b6b6b"),
    "uncited": ("#ffdcb8", "#b35400"),
    "flagged": ("#ffd0d0", "#b3261e"),
}


def _badge_rules() -> str:
    rules = []
    for family, table in (("severity", _SEVERITY), ("status", _STATUS), ("state", STATE_COLOURS)):
        for name, (bg, fg) in table.items():
            colour = fg if family != "state" else "#1a1a1a"
            rules.append(
                f".claimcheck .cc-{family}-{name}{{background:{bg};color:{colour};border-color:{fg}}}"
            )
    for name, (bg, border) in STATE_COLOURS.items():
        rules.append(
            f".claimcheck mark.cc-claim-{name}{{background:{bg};color:#1a1a1a;"
            f"border-bottom:2px solid {border}}}"
        )
    return "\n".join(rules)


#: The stylesheet of every view, scoped under ``.claimcheck``.
CSS = (
    """
.claimcheck{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
  font-size:14px;line-height:1.45;color:#1a1a1a;background:#fff;max-width:78em}
.claimcheck h1{font-size:1.5em;margin:.2em 0 .4em}
.claimcheck h2{font-size:1.2em;margin:1.2em 0 .4em;border-bottom:1px solid #ccc}
.claimcheck h3{font-size:1.05em;margin:.8em 0 .3em}
.claimcheck table{border-collapse:collapse;margin:.3em 0 .8em;width:100%}
.claimcheck th,.claimcheck td{border:1px solid #d0d0d0;padding:.25em .5em;text-align:left;
  vertical-align:top}
.claimcheck thead th{background:#f3f3f3}
.claimcheck caption{text-align:left;font-weight:600;padding:.2em 0}
.claimcheck code{font-size:.92em}
.claimcheck a{color:#0b57a4}
.claimcheck .cc-badge{display:inline-block;border:1px solid;border-radius:.3em;padding:0 .35em;
  font-size:.85em;white-space:nowrap}
.claimcheck .cc-meta{margin:.2em 0;padding:0;list-style:none}
.claimcheck .cc-meta li{display:inline-block;margin-right:1.2em}
.claimcheck .cc-muted{color:#595959}
.claimcheck .cc-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.claimcheck .cc-severity-none,.claimcheck .cc-status-none{background:#f5f5f5;color:#595959;
  border-color:#bdbdbd}
.claimcheck details>summary{cursor:pointer;font-weight:600;margin:.4em 0}
.claimcheck .cc-legend{margin:.3em 0 .8em}
.claimcheck .cc-legend .cc-badge{margin-right:.4em}
.claimcheck .cc-row{display:grid;grid-template-columns:minmax(0,1fr) minmax(12em,22em);gap:1.2em;
  border-top:1px dotted #ddd;padding:.2em 0}
.claimcheck .cc-row>.cc-text>*{margin:.35em 0}
.claimcheck .cc-notes{font-size:.86em;color:#333}
.claimcheck .cc-notes ol{margin:.35em 0;padding-left:1.2em}
.claimcheck .cc-notes li{margin-bottom:.3em}
.claimcheck mark{padding:0 .1em}
.claimcheck .cc-tag{font-size:.72em;font-weight:600;color:#333;white-space:nowrap}
.claimcheck .cc-marker a{text-decoration:none;font-weight:600}
.claimcheck .cc-refs li{margin-bottom:.25em}
@media print{.claimcheck{max-width:none}.claimcheck details>summary{list-style:none}}
"""
    + _badge_rules()
    + "\n"
)


def style_block() -> str:
    """The stylesheet as a ``<style>`` element."""
    return f"<style>{CSS}</style>"


class HtmlView:
    """A piece of HTML that a notebook displays; ``str(view)`` is the HTML itself.

    >>> HtmlView("<p>hi</p>", "<Note 1 line>")
    <Note 1 line>
    >>> str(HtmlView("<p>hi</p>", "<Note>"))
    '<p>hi</p>'
    """

    __slots__ = ("_html", "_repr")

    def __init__(self, html_text: str, summary: str) -> None:
        self._html = html_text
        self._repr = summary

    def _repr_html_(self) -> str:
        return self._html

    def __str__(self) -> str:
        return self._html

    def __repr__(self) -> str:
        return self._repr
