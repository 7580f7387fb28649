"""Optional heavy dependencies, imported lazily and failing with an install hint.

pandas and matplotlib are not needed to audit an article; they serve
:meth:`claimcheck.Report.to_dataframe` and :meth:`claimcheck.Report.draw` in
notebooks. They come with the ``notebook`` extra::

    pip install "claimcheck-audit[notebook]"

>>> import_optional("json", purpose="reading JSON").__name__
'json'
>>> import_optional("no_such_module_here", purpose="testing")
Traceback (most recent call last):
...
ModuleNotFoundError: testing needs no_such_module_here, which is not installed; install it with:
pip install "claimcheck-audit[notebook]"
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["EXTRA", "import_optional"]

#: The extra that brings every optional notebook dependency.
EXTRA = "notebook"


def import_optional(name: str, *, purpose: str, extra: str = EXTRA) -> ModuleType:
    """Import ``name``, or raise :class:`ModuleNotFoundError` saying how to install it.

    Parameters
    ----------
    name:
        The module to import (``"pandas"``, ``"matplotlib.pyplot"``).
    purpose:
        What needs it, for the message (``"Report.to_dataframe()"``).
    extra:
        The ``claimcheck-audit`` extra that installs it.

    Returns
    -------
    module
        The imported module.
    """
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        top = name.split(".")[0]
        if exc.name not in {name, top}:
            raise  # the module is there but one of its own imports is missing: not ours to explain
        raise ModuleNotFoundError(
            f"{purpose} needs {top}, which is not installed; install it with:\n"
            f'pip install "claimcheck-audit[{extra}]"',
            name=top,
        ) from None
