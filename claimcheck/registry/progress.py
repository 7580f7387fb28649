"""Progress bars that know where they are: a widget in Jupyter, text in a terminal.

``tqdm.auto`` picks the notebook bar in a kernel, but when ipywidgets is
missing it warns ("IProgress not found") on import and a notebook bar would
fail. :func:`progress_bar` picks the widget bar only when it can draw it, a
text bar on standard error otherwise, and a silent bar when asked not to show.

>>> with progress_bar(3, desc="Crossref", show=False) as bar:
...     _ = bar.update(3)
>>> bar.total, bar.disable
(3, True)
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

__all__ = ["SilentBar", "in_notebook", "progress_bar"]


def in_notebook() -> bool:
    """True in a Jupyter kernel (notebook, lab, VS Code), False in a terminal or ``ipython``."""
    if "ipykernel" not in sys.modules:
        return False
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def _widgets_available() -> bool:
    return importlib.util.find_spec("ipywidgets") is not None


def progress_bar(total: int, *, desc: str, unit: str = "DOI", show: bool = True) -> Any:
    """A tqdm bar for ``total`` steps: a widget in a notebook with ipywidgets, else text.

    Parameters
    ----------
    total:
        How many steps.
    desc, unit:
        The bar's label and unit (``"Crossref"``, ``"DOI"``).
    show:
        False gives a disabled bar: ``update`` is accepted and nothing is drawn.

    Returns
    -------
    tqdm.tqdm
        Use it as a context manager; call ``update(n)``. The bar disappears when done.
        A bar not shown is a :class:`SilentBar`: even a disabled tqdm bar makes a
        multiprocessing lock (importing :mod:`multiprocessing`).
    """
    if not show:
        return SilentBar(total, desc)
    if show and in_notebook() and _widgets_available():
        from tqdm.notebook import tqdm as notebook_tqdm

        return notebook_tqdm(total=total, desc=desc, unit=unit, leave=False)
    from tqdm.std import tqdm

    return tqdm(total=total, desc=desc, unit=unit, leave=False, file=sys.stderr)


class SilentBar:
    """What a disabled ``tqdm`` bar does (count, take a description, reset), drawing nothing.

    >>> bar = SilentBar(2, "reading")
    >>> _ = bar.update(); bar.reset(total=5); bar.set_description("auditing"); (bar.n, bar.total, bar.desc)
    (0, 5, 'auditing')
    """

    disable = True

    def __init__(self, total: int | None = None, desc: str = "") -> None:
        self.total, self.desc, self.n = total, desc, 0

    def __enter__(self) -> SilentBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, n: float = 1) -> None:
        self.n += int(n)

    def set_description(self, desc: str | None = None, refresh: bool = True) -> None:
        self.desc = desc or ""

    def set_postfix(self, *args: Any, **kwargs: Any) -> None:
        """Nothing to show."""

    def reset(self, total: int | None = None) -> None:
        self.n = 0
        if total is not None:
            self.total = total

    def refresh(self) -> None:
        """Nothing to draw."""

    def close(self) -> None:
        """Nothing to clear."""
