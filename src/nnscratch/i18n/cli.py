MESSAGES = {
    "cli.description": {
        "en": "nnscratch: the neural-network lecture as software. Run, see and check every algorithm: "
        "maximum likelihood, logistic regression, the perceptron, backpropagation, handwritten digits.",
        "zh": "nnscratch：把神经网络课程变成软件。运行、观察、验证每一个算法："
        "极大似然估计、逻辑回归、感知机、反向传播、手写数字识别。",
    },
    "cli.lang": {"en": "language of help and output (default: from $LC_ALL, $LC_MESSAGES or $LANG, else en)",
                 "zh": "帮助与输出的语言（默认依次取 $LC_ALL、$LC_MESSAGES、$LANG，否则 en）"},
    "cli.version": {"en": "print the version and exit", "zh": "显示版本号并退出"},
    "cli.epilog": {
        "en": "Run 'nnscratch COMMAND --help' for the flags of one command. Without a command nnscratch prints "
              "this overview and exits with status 2. Exit status: 0 done, 1 a bad input or an output that cannot "
              "be written (one line on stderr), 2 a usage error, 130 interrupted.",
        "zh": "运行 'nnscratch COMMAND --help' 查看某个命令的选项。不带命令运行时，nnscratch "
              "显示本概览并以状态 2 退出。"
              "退出状态：0 成功；1 输入有误或输出无法写入（标准错误输出一行说明）；2 用法错误；130 被中断。",
    },
    "cli.err.memory": {
        "en": "out of memory: the request needs more memory than this machine has; use smaller sizes",
        "zh": "内存不足：该请求所需内存超过本机可用内存；请使用更小的规模",
    },
    "cli.json": {"en": "print the result as one JSON object on stdout", "zh": "以一个 JSON 对象输出结果到标准输出"},
    "cli.interrupted": {"en": "interrupted; files already saved are intact", "zh": "已中断；已保存的文件完好无损"},
    "cli.usage": {"en": "usage: ", "zh": "用法："},
    "cli.positionals": {"en": "positional arguments", "zh": "位置参数"},
    "cli.options": {"en": "options", "zh": "选项"},
    "cli.help": {"en": "show this help message and exit", "zh": "显示此帮助信息并退出"},
}

MESSAGES.update({
    "models.help": {
        "en": "list the models 'nnscratch train' saved without --out (best test accuracy first); --prune N "
              "deletes the rest",
        "zh": "列出 'nnscratch train' 在未给出 --out 时保存的模型（按测试准确率从高到低）；--prune N 删除其余模型",
    },
    "models.prune": {
        "en": "keep the best N models of each dataset (by recorded test accuracy) and delete the others; files that "
              "are not nnscratch models are never deleted",
        "zh": "每个数据集只保留测试准确率最高的 N 个模型，删除其余模型；不是 nnscratch 模型的文件绝不会被删除",
    },
    "models.none": {"en": "no saved models in {folder}: train one with 'nnscratch train'",
                    "zh": "{folder} 中没有已保存的模型：请先运行 'nnscratch train' 训练一个"},
    "models.header": {"en": "{n} model(s) in {folder}, best first:",
                      "zh": "{folder} 中共有 {n} 个模型，按准确率从高到低："},
    "models.deleted": {"en": "deleted {name} (test accuracy {acc})", "zh": "已删除 {name}（测试准确率 {acc}）"},
    "models.others": {"en": "({n} other .npz file(s) there are not nnscratch models; left alone)",
                      "zh": "（另有 {n} 个 .npz 文件不是 nnscratch 模型，未作改动）"},
    "models.served": {"en": "* the model 'nnscratch serve' uses (the MNIST model with the best test accuracy)",
                      "zh": "* 为 'nnscratch serve' 使用的模型（测试准确率最高的 MNIST 模型）"},
    "models.col.name": {"en": "name", "zh": "名称"},
    "models.col.date": {"en": "date", "zh": "日期"},
    "models.col.dataset": {"en": "dataset", "zh": "数据集"},
    "models.col.architecture": {"en": "architecture", "zh": "网络结构"},
    "models.col.accuracy": {"en": "test accuracy", "zh": "测试准确率"},
    "models.col.size": {"en": "size", "zh": "大小"},
})

MESSAGES.update({
    "cli.serve.model_help": {
        "en": "digit model for the handwritten-digit section (default: the saved MNIST model with the best "
              "recorded test accuracy; see 'nnscratch models')",
        "zh": "手写数字识别使用的模型文件（默认：已保存的 MNIST 模型中测试准确率最高者；参见 'nnscratch models'）",
    },
    "cli.serve.best_model": {
        "en": "digit model: {path} (the saved one with the best test accuracy, {acc}; choose another with --model)",
        "zh": "手写数字模型：{path}（已保存模型中测试准确率最高者，{acc}；可用 --model 另选）",
    },
})
