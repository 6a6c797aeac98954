MESSAGES = {
    "cli.description": {
        "en": "nnscratch: the neural-network lecture as software. Run, see and check every algorithm: "
        "maximum likelihood, logistic regression, the perceptron, backpropagation, handwritten digits.",
        "zh": "nnscratch：把神经网络课程变成软件。运行、观察、验证每一个算法："
        "极大似然估计、逻辑回归、感知机、反向传播、手写数字识别。",
    },
    "cli.lang": {"en": "language of help and output (default: $LANG, else en)", "zh": "帮助与输出的语言（默认取 $LANG，否则 en）"},
    "cli.json": {"en": "print the result as one JSON object on stdout", "zh": "以一个 JSON 对象输出结果到标准输出"},
    "cli.see_help": {"en": "see '{prog} --help'", "zh": "参见 '{prog} --help'"},
    "cli.interrupted": {"en": "interrupted; files already saved are intact", "zh": "已中断；已保存的文件完好无损"},
    "cli.usage": {"en": "usage: ", "zh": "用法："},
    "cli.positionals": {"en": "positional arguments", "zh": "位置参数"},
    "cli.options": {"en": "options", "zh": "选项"},
    "cli.help": {"en": "show this help message and exit", "zh": "显示此帮助信息并退出"},
}
