"""Telling Word, PDF and JATS files apart by their bytes, and reading them.

:func:`binary_format` looks at the first bytes, whatever the file is called:
``%PDF-`` is a PDF, a ZIP archive holding ``word/document.xml`` a Word
document; an old binary Word file (``.doc``) and other archives are refused
with what to do. :func:`read_structured` hands the bytes (or, for JATS, the
text) to its reader. Word and PDF need the ``docx`` and ``pdf`` extras; without
them the error says how to install them.

>>> binary_format(b"%PDF-1.7 ..."), binary_format(b"plain text")
('pdf', None)
"""

from __future__ import annotations

import io
import zipfile

from claimcheck.errors import ConfigurationError, UnsupportedFormat
from claimcheck.model import Article, Reference

__all__ = ["BINARY_FORMATS", "binary_format", "read_structured", "require"]

BINARY_FORMATS = frozenset({"docx", "pdf"})
#: A Word document whose parts unpack to more than this is refused (a ZIP bomb).
MAX_UNPACKED = 400 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def binary_format(data: bytes, origin: str = "<file>") -> str | None:
    """``"pdf"`` or ``"docx"`` when the bytes are one, ``None`` for text; refuses other binaries."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
            names = {i.filename for i in infos}
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UnsupportedFormat(
                f"is a damaged ZIP archive ({exc}), not a Word document", source=origin
            ) from None
        unpacked = sum(i.file_size for i in infos)
        if "word/document.xml" in names and unpacked > MAX_UNPACKED:
            raise UnsupportedFormat(
                f"unpacks to {unpacked / 1e6:.0f} MB, over the {MAX_UNPACKED / 1e6:.0f} MB limit for a Word "
                "document (a ZIP bomb?); remove embedded media or save the text as .docx again",
                source=origin,
            )
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedFormat(
            "is a ZIP archive but not a Word document (no word/document.xml); save the article as .docx, "
            "PDF, HTML or text",
            source=origin,
        )
    if data[:8] == _OLE:
        raise UnsupportedFormat(
            "is an old binary Word (.doc) or Office file; save it as .docx (Word: File > Save As) "
            "and audit that",
            source=origin,
        )
    return None


def require(module: str, extra: str, what: str, package: str | None = None) -> None:
    """Raise :class:`ConfigurationError` with an install hint when ``module`` is missing."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ConfigurationError(
            f"reading {what} needs the {package or module} package, which is not installed; "
            "install it with:\n"
            f'pip install "claimcheck-audit[{extra}]"'
        )


def read_structured(
    format: str, *, text: str, data: bytes | None, origin: str
) -> tuple[Article, tuple[Reference, ...]]:
    """Read a Word document, a PDF or a JATS article (``format`` as :func:`binary_format` tells it)."""
    if format == "jats":
        from claimcheck.read.jats import read_jats

        return read_jats(text, source=origin)
    if data is None:
        raise UnsupportedFormat(f"a {format} file must be passed as a path or a binary file", source=origin)
    if format == "docx":
        require("docx", "docx", "Word documents", "python-docx")
        from claimcheck.read.docx import read_docx

        return read_docx(data, source=origin)
    if format == "pdf":
        require("pdfplumber", "pdf", "PDF files")
        from claimcheck.read.pdf import read_pdf

        return read_pdf(data, source=origin)
    raise UnsupportedFormat(f"no reader for the {format!r} format", source=origin)
