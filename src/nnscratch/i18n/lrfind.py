"""The learning-rate range test (`nnscratch train --find-lr`)."""

MESSAGES = {
    "lrfind.flag": {
        "en": "do not train: run the learning-rate range test (a few hundred batches with the rate growing from "
        "1e-5 to 10) and print the suggested rate",
        "zh": "不训练：运行学习率范围测试（学习率从 1e-5 增长到 10，训练几百个小批量），并给出建议的学习率",
    },
    "lrfind.header": {"en": "Learning-rate range test: {steps} batches of {batch}, {optimizer}, rate "
                            "{lr_min:g} -> {lr_max:g}",
                      "zh": "学习率范围测试：{steps} 个小批量（每批 {batch} 个样本），{optimizer}，学习率 "
                            "{lr_min:g} -> {lr_max:g}"},
    "lrfind.row": {"en": "  rate {rate:10.3g}   loss {loss:.4f}", "zh": "  学习率 {rate:10.3g}   损失 {loss:.4f}"},
    "lrfind.stopped.rising": {"en": "stopped: the loss rose to 4 x its lowest value (the steps overshoot)",
                              "zh": "已停止：损失升到最低值的 4 倍（步长过大，越过了极小值）"},
    "lrfind.stopped.diverged": {"en": "stopped: the loss diverged (the steps overshoot)",
                                "zh": "已停止：损失发散（步长过大）"},
    "lrfind.stopped.end": {"en": "the whole range was tried", "zh": "已试完整个范围"},
    "lrfind.suggest": {
        "en": "lowest loss at rate {lowest:.3g}; fastest fall at {steepest}; suggested learning rate: {suggested:.3g} "
        "(train with --lr {suggested:.2g})",
        "zh": "损失最低处的学习率为 {lowest:.3g}；下降最快处为 {steepest}；建议的学习率：{suggested:.3g}"
        "（训练时用 --lr {suggested:.2g}）",
    },
    "lrfind.no_suggestion": {"en": "too few batches to suggest a rate: use more data or a smaller batch",
                             "zh": "小批量太少，无法给出建议：请使用更多数据或更小的批量"},
    "lrfind.plot.title": {"en": "learning-rate range test", "zh": "学习率范围测试"},
    "lrfind.plot.rate": {"en": "learning rate (log scale)", "zh": "学习率（对数坐标）"},
    "lrfind.plot.loss": {"en": "training loss", "zh": "训练损失"},
    "lrfind.plot.smoothed": {"en": "smoothed", "zh": "平滑后"},
    "lrfind.plot.batch": {"en": "each batch", "zh": "每个小批量"},
    "lrfind.plot.suggested": {"en": "suggested {rate:.2g}", "zh": "建议 {rate:.2g}"},
    "lrfind.err.rate": {"en": "{name} must be a positive finite learning rate, got {value!r}",
                        "zh": "{name} 必须是有限的正数学习率，实际为 {value!r}"},
    "lrfind.err.range": {"en": "the range test needs lr_min < lr_max, got {lr_min!r} and {lr_max!r}",
                         "zh": "范围测试要求 lr_min < lr_max，实际为 {lr_min!r} 和 {lr_max!r}"},
    "lrfind.err.steps": {"en": "the range test takes 10 to 100000 steps, got {steps!r}",
                         "zh": "范围测试的步数须在 10 到 100000 之间，实际为 {steps!r}"},
}
