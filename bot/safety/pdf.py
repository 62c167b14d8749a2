"""PDF documents (plan and incident report) with a Unicode font for Kazakh and Russian."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

log = logging.getLogger(__name__)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = FONT.with_name("DejaVuSans-Bold.ttf")


class FontMissingError(RuntimeError):
    """The Unicode font is not installed (package fonts-dejavu-core)."""


@dataclass(frozen=True)
class Block:
    """A titled group of lines; ``image`` is raw photo bytes to embed after the lines."""

    title: str
    lines: list[str]
    images: tuple[bytes, ...] = ()


def _doc() -> FPDF:
    if not FONT.exists():
        raise FontMissingError(f"{FONT} is missing: install the fonts-dejavu-core package")
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD if FONT_BOLD.exists() else FONT))
    pdf.add_page()
    return pdf


def render(title: str, header: list[str], blocks: list[Block], footer: list[str]) -> bytes:
    """Title, header lines, blocks (each with a bold title), footer lines."""
    pdf = _doc()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    _lines(pdf, header, 10)
    for block in blocks:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, block.title, new_x="LMARGIN", new_y="NEXT")
        _lines(pdf, block.lines, 11)
        for image in block.images:
            _image(pdf, image)
    pdf.ln(4)
    _lines(pdf, footer, 9)
    return bytes(pdf.output())


def _lines(pdf: FPDF, lines: list[str], size: int) -> None:
    pdf.set_font("DejaVu", "", size)
    for line in lines:
        pdf.multi_cell(0, size * 0.55, line, new_x="LMARGIN", new_y="NEXT")


def _image(pdf: FPDF, data: bytes) -> None:
    """Embed a photo (80 mm wide); a file that is not an image is listed, not embedded."""
    try:
        pdf.image(io.BytesIO(data), w=80)
    except Exception:
        # Corrupt or non-image attachments must not stop the whole report.
        log.info("attachment could not be embedded as an image")
