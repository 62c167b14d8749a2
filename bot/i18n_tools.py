"""Catalogue maintenance: ``python -m bot.i18n_tools extract|compile|check|fill FILE``.

- extract: scan the code into ``locales/messages.pot`` and update kk/ru/en catalogues;
- fill FILE: set kk/ru translations from a YAML mapping ``msgid: {kk: ..., ru: ...}``;
- compile: build the ``.mo`` files the bot loads;
- check: fail when a msgid lacks a kk or ru translation, is fuzzy, or the catalogue is stale.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
POT = LOCALES / "messages.pot"
LANGS = ("kk", "ru", "en")
REQUIRED = ("kk", "ru")


def _pybabel(*args: str) -> None:
    argv = [sys.executable, "-m", "babel.messages.frontend", "-q", *args]
    subprocess.run(argv, check=True, cwd=ROOT)  # noqa: S603 (fixed argv, no shell)


def _po(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "messages.po"


def _extract(out: Path) -> None:
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "__",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-o",
        str(out),
        ".",
    )


def extract() -> None:
    """Refresh the template and merge it into every catalogue."""
    _extract(POT)
    for lang in LANGS:
        if not _po(lang).exists():
            _pybabel("init", "-i", str(POT), "-d", str(LOCALES), "-D", "messages", "-l", lang)
    _pybabel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(LOCALES),
        "-D",
        "messages",
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    _fill_english()


def _load(lang: str) -> Catalog:
    with _po(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def _save(lang: str, catalog: Catalog) -> None:
    with _po(lang).open("wb") as fh:
        write_po(fh, catalog, no_location=True, width=99)


def _fill_english() -> None:
    catalog = _load("en")
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
    _save("en", catalog)


def fill(path: Path) -> None:
    """Apply translations from a YAML file to kk and ru."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for lang in REQUIRED:
        catalog = _load(lang)
        for msgid, tr in data.items():
            if msgid in catalog and tr.get(lang):
                catalog[msgid].string = tr[lang]
                catalog[msgid].flags.discard("fuzzy")
        _save(lang, catalog)


def compile_() -> None:
    """Build .mo files."""
    _pybabel("compile", "-d", str(LOCALES), "-D", "messages", "--use-fuzzy")


def problems() -> list[str]:
    """Missing or fuzzy translations and a stale template."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        _extract(fresh)
        with fresh.open("rb") as fh:
            ids = {m.id for m in read_po(fh) if m.id}
    for lang in REQUIRED:
        catalog = _load(lang)
        have = {m.id for m in catalog if m.id}
        found += [f"{lang}: missing msgid {i!r}" for i in sorted(ids - have)]
        for message in catalog:
            if message.id and (not message.string or "fuzzy" in message.flags):
                found.append(f"{lang}: untranslated or fuzzy {message.id!r}")
    return found


def main(argv: list[str]) -> int:
    """CLI."""
    command = argv[0] if argv else "check"
    if command == "extract":
        extract()
    elif command == "fill":
        fill(Path(argv[1]))
    elif command == "compile":
        compile_()
    elif command == "check":
        issues = problems()
        print("\n".join(issues) or "catalogues complete")
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
