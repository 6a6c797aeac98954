"""Errors are data: every error the library raises carries a catalog key, in English and Chinese.

A Chinese student must never meet an English sentence they did not ask for, and a
Python user gets English by default: both follow from every raise using a key.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from nnscratch import errors
from nnscratch.i18n import catalog

SRC = Path(__file__).resolve().parents[1] / "src" / "nnscratch"
CJK = re.compile(r"[\u4e00-\u9fff]")


def user_error_classes() -> set[str]:
    """Names of NNScratchError and every subclass defined anywhere in src."""
    names = {name for name, obj in vars(errors).items()
             if isinstance(obj, type) and issubclass(obj, errors.NNScratchError)}
    changed = True
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in SRC.rglob("*.py")]
    while changed:
        changed = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                    if bases & names:
                        names.add(node.name)
                        changed = True
    return names


def raises_without_a_key() -> list[str]:
    classes = user_error_classes()
    keys = catalog()
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in classes:
                continue
            first = node.exc.args[0] if node.exc.args else None
            where = f"{path.relative_to(SRC.parent)}:{node.lineno}"
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                bad.append(f"{where}: {name} without a literal message key")
            elif first.value not in keys:
                bad.append(f"{where}: {name}({first.value[:60]!r}) is not a catalog key")
    return bad


def test_every_raised_user_error_uses_a_catalog_key():
    bad = raises_without_a_key()
    assert not bad, f"{len(bad)} raises without a key:\n" + "\n".join(bad)


def fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(catalog()))
def test_both_languages_use_the_same_fields(key):
    texts = catalog()[key]
    assert fields(texts["en"]) == fields(texts["zh"]), texts


def test_every_error_message_is_chinese_in_chinese():
    keys = [k for k in catalog() if ".err." in k or k.startswith("errors.")]
    assert keys
    not_chinese = [k for k in keys if not CJK.search(catalog()[k]["zh"])]
    assert not not_chinese, not_chinese
