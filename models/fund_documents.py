"""What a Fund document's bytes are, by their content (never by the file's name), and the words for its type.

The device and the server both ask ``sniff_document`` before a file is taken as one of a call's documents:
a PNG renamed ``.pdf`` is a PNG here. Office files are ZIP archives; which kind is told by the parts inside
(``word/`` or ``xl/``), read from the bytes in memory. A PDF must begin with ``%PDF-`` and carry an
``%%EOF`` marker near its end (a download cut short has none).
"""

from __future__ import annotations

import io
import zipfile

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: The short name a person knows each type by (shown with the limits and in refusals).
TYPE_NAMES: dict[str, str] = {
    PDF: "PDF", JPEG: "JPEG", PNG: "PNG", WEBP: "WebP", ZIP: "ZIP", DOCX: "Word", XLSX: "Excel",
}  # fmt: skip

#: How far from the end a PDF's ``%%EOF`` may sit (writers append a newline or a little padding).
_PDF_TAIL = 2048


def sniff_document(data: bytes) -> str | None:
    """The media type the bytes are (one of ``TYPE_NAMES``), or None when they are none of them."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return PDF if b"%%EOF" in data[-_PDF_TAIL:] else None
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None  # a damaged or truncated archive
    if any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return XLSX
    return ZIP


def type_names(mime_types: tuple[str, ...] | list[str]) -> str:
    """The short names of a list of types: "PDF, JPEG"."""
    return ", ".join(TYPE_NAMES.get(m, m.split("/")[-1].upper()) for m in mime_types)
