"""Messages of the errors shared by every area (errors.py). Each area keeps its own in errors_<area>.py."""

MESSAGES = {
    "errors.missing_extra": {
        "en": "this feature needs the '{module}' package: pip install \"nnscratch[{extra}]\"",
        "zh": "此功能需要 '{module}' 包：请运行 pip install \"nnscratch[{extra}]\"",
    },
    "errors.unknown_language": {
        "en": "unknown language {value!r}: choose one of {choices}",
        "zh": "未知的语言 {value!r}：请从 {choices} 中选择",
    },
}
