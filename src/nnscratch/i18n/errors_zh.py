"""Messages added by the 中文-everywhere pass (issue 13): words that code used to build in English."""

MESSAGES = {
    "data.err.net_truncated": {
        "en": "truncated: the connection closed after {n} bytes",
        "zh": "数据不完整：连接在收到 {n} 字节后关闭",
    },
    "data.err.net_timeout": {"en": "timed out", "zh": "连接超时"},
    "data.err.net_system": {"en": "{reason}", "zh": "系统提示：“{reason}”"},
    "cli.fmt.prog": {"en": "{prog}: {message}", "zh": "{prog}：{message}"},
}
