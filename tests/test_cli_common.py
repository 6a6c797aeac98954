"""cli/_common.py: help wrapped by display width, argparse's messages in Chinese, numbers as flag values."""

from __future__ import annotations

import re

import pytest

from cli_helpers import run_cli
from nnscratch.cli import build_parser
from nnscratch.cli._common import _chunks, _is_wide, display_width, translate_argparse, wrap_display
from nnscratch.i18n import catalog


def _subparsers(parser):
    """Every parser under ``parser`` (subcommands, their actions), depth first."""
    yield parser
    for action in parser._actions:
        for sub in (getattr(action, "choices", None) or {}).values() if hasattr(action, "_name_parser_map") else ():
            yield from _subparsers(sub)


def check_wrapped(text: str, width: int) -> list[str]:
    """Wrap ``text`` and check the lines give back the text, breaking only at spaces or beside CJK characters."""
    lines = wrap_display(text, width)
    normal = " ".join(text.split())
    pos = 0
    for i, line in enumerate(lines):
        if i:
            if normal[pos] == " ":
                pos += 1  # a break at a space
            else:  # a break with no space: only beside a CJK character
                assert _is_wide(lines[i - 1][-1]) or _is_wide(line[0]), (lines[i - 1], line)
            assert not re.search(r"(^|\s)[<>=≤≥]+$", lines[i - 1]), f"operator left alone: {lines[i - 1]!r}"
            assert line[0] not in "，。、：；）", f"line starts with closing punctuation: {line!r}"
        assert normal.startswith(line, pos), (normal[pos:pos + 40], line)
        pos += len(line)
        if display_width(line) > max(width, 10):  # only an unbreakable word or number may overflow
            assert len(_chunks(line)) == 1, (width, line)
    assert pos == len(normal)
    return lines


@pytest.mark.parametrize("width", [12, 20, 33, 40, 56, 80])
def test_every_catalog_text_wraps_without_breaking_words(width):
    for texts in catalog().values():
        for text in texts.values():
            if text.strip():
                check_wrapped(text, width)


def test_the_two_reported_splits():
    text = catalog()["digits.preset"]["zh"]
    for width in range(10, 80):
        assert any(">= 98%" in line for line in wrap_display(text, width))
    assert wrap_display("取 random（随机）。", 10) == ["取 random", "（随机）。"]


@pytest.mark.parametrize("argv, present", [
    (["perceptron", "--help"], ["random"]),
    (["train", "--help"], [">= 98%"]),
])
@pytest.mark.parametrize("columns", ["50", "64", "80", "100"])
def test_chinese_help_keeps_words_whole(capsys, monkeypatch, argv, present, columns):
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run_cli(capsys, "--lang", "zh", *argv)
    assert code == 0
    for word in present:
        assert word in out
    assert "选项：" in out and "选项:" not in out
    assert not re.search(r"\br\n\s+andom", out)


def test_every_help_page_renders_in_both_languages(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    for lang in ("en", "zh"):
        for parser in _subparsers(build_parser(lang)):
            text = parser.format_help()
            assert text.strip()
            if lang == "zh":
                assert re.search(r"[\u4e00-\u9fff]", text)


@pytest.mark.parametrize("message, chinese", [
    ("argument --lr: expected one argument", "参数 --lr：需要一个值"),
    ("argument --optimizer: invalid choice: 'x' (choose from 'a', 'b')",
     "参数 --optimizer：无效的取值 'x'（可选：'a', 'b'）"),
    ("the following arguments are required: -o/--out", "缺少必需的参数：-o/--out"),
    ("unrecognized arguments: --x 3", "无法识别的参数：--x 3"),
    ("argument --opset: invalid int value: 'x'", "参数 --opset：'x' 不是有效的整数"),
    ("ambiguous option: --p could match --patience, --plot", "选项 --p 有歧义，可能是：--patience, --plot"),
    ("argument --a: not allowed with argument --b", "参数 --a：不能与参数 --b 同时使用"),
    ("argument --a: expected at least one argument", "参数 --a：至少需要一个值"),
    ("one of the arguments --a --b is required", "必须给出参数 --a --b 中的一个"),
    ("argument --json: ignored explicit argument 'x'", "参数 --json：该选项不接受值，多余的值为 'x'"),
])
def test_argparse_messages_in_chinese(message, chinese):
    assert translate_argparse(message, "zh") == chinese
    assert translate_argparse(message, "en") == message


def test_argparse_errors_on_the_command_line_are_chinese(capsys):
    code, _, err = run_cli(capsys, "--lang", "zh", "train", "--p", "3")
    assert code == 2 and "有歧义" in err and "--patience" in err
    code, _, err = run_cli(capsys, "--lang", "zh", "train", "--json=yes")
    assert code == 2 and "不接受值" in err
    code, _, err = run_cli(capsys, "--lang", "zh", "export", "m.npz", "-o", "m.onnx", "--opset", "x")
    assert code == 2 and "'x' 不是整数" in err


@pytest.mark.parametrize("token", ["-1", "-1e308", "-1,2,3", "-3x4", "-.5", "-inf", "-1.5E-3"])
def test_numbers_that_start_with_a_minus_are_values(token):
    from nnscratch.cli._common import Parser

    parser = Parser(prog="t")
    parser.add_argument("--v")
    parser.add_argument("rest", nargs="*")
    assert parser.parse_args(["--v", token]).v == token
    assert parser.parse_args(["--", token]).rest == [token]
    assert parser.parse_args([token]).rest == [token]


def test_options_are_still_options():
    from nnscratch.cli._common import Parser

    parser = Parser(prog="t")
    parser.add_argument("--v")
    parser.add_argument("--infinite", action="store_true")
    assert parser.parse_args(["--infinite"]).infinite
    with pytest.raises(SystemExit):
        parser.parse_args(["--v"])


def test_a_library_error_raised_by_a_flag_type_keeps_its_message(capsys):
    from nnscratch.cli._common import Parser
    from nnscratch.errors import ConfigError

    def lr(text):
        raise ConfigError("errors.unknown_language", param="lang", value=text, choices="en, zh")

    for lang, says in (("en", "unknown language 'x'"), ("zh", "未知的语言 'x'")):
        parser = Parser(prog="t", lang=lang)
        parser.add_argument("--v", type=lr)
        with pytest.raises(SystemExit):
            parser.parse_args(["--v", "x"])
        assert says in capsys.readouterr().err
