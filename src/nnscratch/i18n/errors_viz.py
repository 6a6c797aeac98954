"""Messages of the figure errors and warnings (nnscratch.viz)."""

MESSAGES = {
    "viz.err.plot_lang": {
        "en": "unknown language {value!r} for plot labels: choose en or zh",
        "zh": "图中标注的语言 {value!r} 无法识别：请选择 en 或 zh",
    },
    "viz.err.perceptron_dims": {
        "en": "the perceptron plot draws 2-D points, these have {dims} dimensions: give points (x1, x2)",
        "zh": "感知机的图只能画二维的点，这些点是 {dims} 维的：请给出形如 (x1, x2) 的点",
    },
    "viz.err.history_empty": {
        "en": "the training history is empty: train for at least one epoch before plotting",
        "zh": "训练记录是空的：请至少训练一轮再画学习曲线",
    },
    "viz.err.history_record": {
        "en": "epoch record {index} of the history has no train_loss: {record}; "
              "give one dict per epoch with at least train_loss",
        "zh": "训练记录的第 {index} 条没有 train_loss：{record}；每一轮应是一个至少含 train_loss 的字典",
    },
    "viz.err.confusion_shape": {
        "en": "a confusion matrix must be square (k, k), got shape {shape}",
        "zh": "混淆矩阵必须是 (k, k) 的方阵，实际形状为 {shape}",
    },
    "viz.err.confusion_counts": {
        "en": "a confusion matrix holds counts: non-negative numbers, got {bad}",
        "zh": "混淆矩阵里应是计数，即非负的数，实际含有 {bad}",
    },
    "viz.err.class_names": {
        "en": "{given} class names for a {k}x{k} confusion matrix; give {k}",
        "zh": "{k}x{k} 的混淆矩阵配了 {given} 个类别名：请给出 {k} 个",
    },
    "viz.err.lengths": {
        "en": "{n} images but {n_true} true labels, {n_predicted} predictions and {n_confidence} confidences: "
              "give one of each per image",
        "zh": "有 {n} 张图片，却有 {n_true} 个真实标签、{n_predicted} 个预测和 {n_confidence} "
              "个置信度：每张图片各需要一个",
    },
    "viz.err.count": {
        "en": "{name} must be a positive integer, got {value!r}",
        "zh": "{name} 必须是正整数，实际为 {value!r}",
    },
    "viz.err.no_units": {
        "en": "theta(2) has no rows: a first layer needs at least one hidden neuron",
        "zh": "θ(2) 没有行：第一层至少要有一个隐藏层神经元",
    },
    "viz.err.not_numbers": {
        "en": "{name} must be numbers, got dtype {dtype}",
        "zh": "{name} 必须是数值，实际的 dtype 为 {dtype}",
    },
    "viz.err.not_square": {
        "en": "{name} rows of {width} values are no square image: give (n, 784) or (n, 28, 28)",
        "zh": "{name} 的每行有 {width} 个值，拼不成正方形图片：请给出 (n, 784) 或 (n, 28, 28) 的数组",
    },
    "viz.err.image_shape": {
        "en": "{name} must have shape (n, 784) or (n, 28, 28), got {shape}",
        "zh": "{name} 的形状必须是 (n, 784) 或 (n, 28, 28)，实际为 {shape}",
    },
    "viz.err.not_finite": {
        "en": "{name} holds NaN or infinite values: give finite numbers",
        "zh": "{name} 含有 NaN 或无穷大：请给出有限的数",
    },
    "viz.warn.no_cjk_font": {
        "en": "no font that draws Chinese was found, so the figure's labels are in English. Install a CJK font "
              "(Debian/Ubuntu: sudo apt install fonts-noto-cjk) or set {env} to the path of a Chinese font file.",
        "zh": "没有找到能显示中文的字体，图中标注改用英文。请安装中文字体（Debian/Ubuntu：sudo apt install "
              "fonts-noto-cjk），或把环境变量 {env} 设为一个中文字体文件的路径。",
    },
}
