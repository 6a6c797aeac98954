"""Generate the course notebooks, Chinese and English, from one source per chapter.

    python notebooks/build.py            # write notebooks/zh/*.ipynb and notebooks/en/*.ipynb
    python notebooks/build.py --check    # exit 1 if a committed notebook differs from its source

Each chapter is one file in ``notebooks/source/`` in the "percent" format that
Jupytext and VS Code read: cells start with a ``# %%`` line.

    # %% [markdown] zh       Chinese prose (every line a comment: "# text")
    # %% [markdown] en       the same prose in English
    # %% [markdown]          prose shared by both (formulas only)
    # %%                     code, identical in both notebooks

Code is written once, so the two languages can never drift apart; the only
difference is the line ``LANG = "en"`` of the setup cell, which becomes
``LANG = "zh"`` in the Chinese notebook, and the code comments, which are
written in both languages and kept in the notebook's own:

    x = 1  # zh: 中文注释 # en: English comment       (one line)
    # zh: 中文注释                                      (a whole-line comment:
    # en: English comment                               two lines, zh first)

What the code prints is chosen at run time from ``LANG`` (``say(zh, en)``). Notebooks are written without outputs
and with fixed cell ids, so building twice gives the same bytes and CI can
tell a stale notebook from a fresh one (tests/test_notebooks.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "source"
LANGUAGES = ("zh", "en")
LANG_LINE = 'LANG = "en"'
MARKER = re.compile(r"^# %%(?:\s+\[(markdown)\](?:\s+(zh|en))?)?\s*$")

# "# zh: ... # en: ..." at the end of a line, and the two-line form of a whole-line comment.
INLINE_COMMENT = re.compile(r"#\s*zh:\s*(?P<zh>.*?)\s*#\s*en:\s*(?P<en>.*?)\s*$")
LINE_COMMENT = re.compile(r"^(?P<indent>\s*)#\s*(?P<lang>zh|en):\s*(?P<text>.*?)\s*$")

KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3"}


def parse(text: str, path: Path) -> list[tuple[str, str | None, str]]:
    """The cells of a source file as (kind, language or None, text), in order."""
    cells: list[tuple[str, str | None, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = MARKER.match(line)
        if match:
            cells.append(("markdown" if match.group(1) else "code", match.group(2), []))
        elif not cells:
            if line.strip():
                raise ValueError(f"{path}:{number}: text before the first '# %%' cell marker")
        elif cells[-1][0] == "markdown":
            if line and not (line == "#" or line.startswith("# ")):
                raise ValueError(f"{path}:{number}: markdown lines must start with '# ', got {line!r}")
            cells[-1][2].append(line[2:])
        else:
            cells[-1][2].append(line)
    out = []
    for kind, lang, lines in cells:
        body = "\n".join(lines).strip("\n")
        if not body.strip():
            raise ValueError(f"{path}: empty {kind} cell")
        out.append((kind, lang, body))
    return out


def translate_comments(code: str, lang: str, where: str = "<cell>") -> str:
    """``code`` with each bilingual comment reduced to its ``lang`` half (see the module docstring)."""
    lines, out, i = code.split("\n"), [], 0
    while i < len(lines):
        line = lines[i]
        inline = INLINE_COMMENT.search(line)
        whole = LINE_COMMENT.match(line)
        if inline:
            out.append(f"{line[:inline.start()]}# {inline[lang]}")
        elif whole:
            pair = LINE_COMMENT.match(lines[i + 1]) if i + 1 < len(lines) else None
            if whole["lang"] != "zh" or not pair or pair["lang"] != "en":
                raise ValueError(f"{where}: a '# zh:' comment line must be followed by its '# en:' line: {line!r}")
            chosen = whole if lang == "zh" else pair
            out.append(f"{whole['indent']}# {chosen['text']}")
            i += 1
        else:
            out.append(line)
        i += 1
    return "\n".join(out)


def notebook(cells, lang: str, path: Path) -> nbformat.NotebookNode:
    """The notebook of ``lang``: its prose, the shared prose and every code cell."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO}
    lang_lines = 0
    for kind, cell_lang, body in cells:
        if cell_lang not in (None, lang):
            continue
        if kind == "code":
            lang_lines += body.count(LANG_LINE)
            body = translate_comments(body.replace(LANG_LINE, f'LANG = "{lang}"'), lang, str(path))
            cell = nbformat.v4.new_code_cell(body)
        else:
            cell = nbformat.v4.new_markdown_cell(body)
        cell.id = f"cell-{len(nb.cells):02d}"
        nb.cells.append(cell)
    if lang_lines != 1:
        raise ValueError(f"{path}: the setup cell must contain the line {LANG_LINE!r} exactly once "
                         f"(found {lang_lines})")
    nbformat.validate(nb)
    return nb


def build_all() -> dict[Path, str]:
    """{notebook path: its file text} for every source and language."""
    sources = sorted(SOURCE_DIR.glob("*.py"))
    if not sources:
        raise FileNotFoundError(f"no chapter sources in {SOURCE_DIR}")
    out = {}
    for src in sources:
        cells = parse(src.read_text(encoding="utf-8"), src)
        for lang in LANGUAGES:
            out[HERE / lang / f"{src.stem}.ipynb"] = nbformat.writes(notebook(cells, lang, src)) + "\n"
    return out


def stale(built: dict[Path, str]) -> list[Path]:
    """Notebooks whose file is missing or differs from what the sources build, and notebooks no source builds."""
    wrong = [p for p, text in built.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    extra = [p for lang in LANGUAGES for p in sorted((HERE / lang).glob("*.ipynb")) if p not in built]
    return wrong + extra


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks that differ from the sources")
    args = parser.parse_args(argv)
    built = build_all()
    if args.check:
        bad = stale(built)
        for p in bad:
            print(f"stale: {p.relative_to(HERE.parent)}", file=sys.stderr)
        if bad:
            print("run: python notebooks/build.py", file=sys.stderr)
        return 1 if bad else 0
    for path, text in built.items():
        path.parent.mkdir(exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
