"""Error messages of the engine's edges: activations, losses, metrics, models, recipes, exports, scikit-learn.

Values are named as the library names them (``name``, ``sizes``, ``n_validation``); the CLI and the
web lab add which flag or field carried the parameter.
"""

MESSAGES = {
    # -- activations.py ----------------------------------------------------------------------------
    "activation.err.unknown": {
        "en": "unknown activation {name!r}: choose one of {choices}",
        "zh": "未知的激活函数 {name!r}：请从 {choices} 中选择",
    },
    "activation.err.not_hidden": {
        "en": "{name!r} cannot be a hidden activation: choose one of {choices}",
        "zh": "{name!r} 不能用作隐藏层的激活函数：请从 {choices} 中选择",
    },
    "activation.err.not_output": {
        "en": "{name!r} cannot be an output activation: choose one of {choices}",
        "zh": "{name!r} 不能用作输出层的激活函数：请从 {choices} 中选择",
    },
    "activation.err.unknown_role": {
        "en": "unknown layer role {role!r}: choose one of {choices}",
        "zh": "未知的层角色 {role!r}：请从 {choices} 中选择",
    },
    "activation.err.unknown_exporter": {
        "en": "unknown export format {exporter!r}: choose one of {choices}",
        "zh": "未知的导出格式 {exporter!r}：请从 {choices} 中选择",
    },
    # -- losses.py ---------------------------------------------------------------------------------
    "loss.err.unknown": {
        "en": "unknown loss {name!r}: choose one of {choices}",
        "zh": "未知的代价函数 {name!r}：请从 {choices} 中选择",
    },
    "loss.err.needs_output": {
        "en": "the {loss} loss needs a {outputs} output layer, got {output!r}: "
              "choose the output activation {suggestion}, or the quadratic loss",
        "zh": "{loss} 代价函数要求输出层的激活函数为 {outputs} 之一，实际为 {output!r}："
              "请把输出层激活函数改为 {suggestion}，或改用二次代价函数（quadratic）",
    },
    # -- metrics.py --------------------------------------------------------------------------------
    "metrics.err.n_classes": {
        "en": "the number of classes must be a positive integer, got {n_classes!r}",
        "zh": "类别数必须是正整数，实际为 {n_classes!r}",
    },
    "metrics.err.lengths": {
        "en": "{n_true} true labels but {n_pred} predictions: give one prediction per sample",
        "zh": "真实标签有 {n_true} 个，预测却有 {n_pred} 个：每个样本需要恰好一个预测",
    },
    "metrics.err.label_range": {
        "en": "labels must be class indices 0..{last}, got {bad!r}: map the labels to indices first",
        "zh": "标签必须是类别编号 0..{last}，实际出现了 {bad!r}：请先把标签映射为类别编号",
    },
    "metrics.err.scores_shape": {
        "en": "scores must be a 2-D array, one row per sample and one column per class, got shape {shape}",
        "zh": "得分必须是二维数组：每个样本一行、每个类别一列，实际形状为 {shape}",
    },
    # -- model.py ----------------------------------------------------------------------------------
    "model.err.classes": {
        "en": "{n} class names given for a network with {n_out} output unit(s), which tells {n_classes} classes apart",
        "zh": "给出了 {n} 个类别名，但该网络有 {n_out} 个输出神经元，只能区分 {n_classes} 个类别",
    },
    "model.err.not_digit_model": {
        "en": "{source!r} takes inputs of shape {shape}, not 28x28 images: "
              "use a model trained on an MNIST-layout dataset (nnscratch train)",
        "zh": "{source!r} 的输入形状为 {shape}，不是 28x28 的图像："
              "请使用在 MNIST 格式数据集上训练的模型（nnscratch train）",
    },
    # -- recipes.py --------------------------------------------------------------------------------
    "recipe.err.unknown_preset": {
        "en": "unknown preset {preset!r}: choose one of {choices}",
        "zh": "未知的预设 {preset!r}：请从 {choices} 中选择",
    },
    "recipe.err.unknown_settings": {
        "en": "unknown setting(s) {names}: the settings are {choices}",
        "zh": "未知的设置项 {names}：可用的设置项为 {choices}",
    },
    "recipe.err.unknown_dataset": {
        "en": "unknown dataset {dataset!r}: choose one of {choices}",
        "zh": "未知的数据集 {dataset!r}：请从 {choices} 中选择",
    },
    "recipe.err.validation_too_large": {
        "en": "a validation split of {n_validation} images leaves nothing to train on: "
              "{dataset} has {n_train} training images; hold out fewer",
        "zh": "验证集取 {n_validation} 张图像后就没有训练数据了："
              "{dataset} 只有 {n_train} 张训练图像；请减少验证集的大小",
    },
    "recipe.err.layers_do_not_fit": {
        "en": "the network {layers} does not fit {dataset}: the first size must be {n_in} (inputs) "
              "and the last {n_out} (classes), e.g. {example}",
        "zh": "网络 {layers} 与 {dataset} 不匹配：第一层必须有 {n_in} 个神经元（输入），最后一层 {n_out} 个（类别），"
              "例如 {example}",
    },
    "recipe.err.input_mismatch": {
        "en": "this model takes {n_in} inputs per sample ({shape}), but the data has {got}: "
              "evaluate it on the dataset it was trained for",
        "zh": "该模型每个样本需要 {n_in} 个输入（{shape}），而数据的形状为 {got}：请在训练它所用的数据集上评估",
    },
    "recipe.err.label_count": {
        "en": "{n_x} samples but {n_y} labels: give one label per sample",
        "zh": "样本有 {n_x} 个，标签却有 {n_y} 个：每个样本需要恰好一个标签",
    },
    # -- complexity.py -----------------------------------------------------------------------------
    "complexity.err.dtype": {
        "en": "unknown number format {dtype!r}: choose one of {choices}",
        "zh": "未知的数值格式 {dtype!r}：请从 {choices} 中选择",
    },
    "complexity.err.image": {
        "en": "an image size must be two positive integers (height, width), got {image!r}",
        "zh": "图像尺寸必须是两个正整数（高, 宽），实际为 {image!r}",
    },
    "complexity.err.batch": {
        "en": "the batch size must be a positive integer, got {batch!r}",
        "zh": "批量大小必须是正整数，实际为 {batch!r}",
    },
    # -- export/ -----------------------------------------------------------------------------------
    "export.err.unknown_format": {
        "en": "cannot tell the export format from {path!r}: name the file {examples}, or choose the format ({choices})",
        "zh": "无法从 {path!r} 判断导出格式：请把文件命名为 {examples}，或明确指定格式（{choices}）",
    },
    "export.err.format": {
        "en": "unknown export format {format!r}: choose one of {choices}",
        "zh": "未知的导出格式 {format!r}：请从 {choices} 中选择",
    },
    "export.err.opset": {
        "en": "the ONNX opset must be an integer from 13 (Softmax over one axis) to {newest} (this onnx package), "
              "got {opset!r}",
        "zh": "ONNX opset 必须是 13（Softmax 按单一维度计算）到 {newest}（当前 onnx 包支持的最高版本）之间的整数，"
              "实际为 {opset!r}",
    },
    "export.err.no_onnx_op": {
        "en": "the {activation!r} activation has no ONNX spelling in the registry: add one to its record",
        "zh": "激活函数 {activation!r} 在注册表中没有 ONNX 写法：请在它的记录中补上",
    },
    "export.err.no_torch_layer": {
        "en": "the {activation!r} activation has no torch.nn layer (it is not differentiable): "
              "retrain with one of {choices}",
        "zh": "激活函数 {activation!r} 没有对应的 torch.nn 层（它不可导）：请改用 {choices} 之一重新训练",
    },
    "export.err.torch_missing_file": {
        "en": "state dict file {path!r} does not exist",
        "zh": "状态字典文件 {path!r} 不存在",
    },
    "export.err.torch_not_a_save": {
        "en": "{path!r} is not a file written by torch.save: save the state dict with "
              "torch.save(model.state_dict(), path)",
        "zh": "{path!r} 不是 torch.save 写出的文件：请用 torch.save(model.state_dict(), path) 保存状态字典",
    },
    "export.err.torch_objects": {
        "en": "{path!r} holds Python objects besides tensors (e.g. a whole module saved with torch.save(model)); "
              "nnscratch reads only state dicts, with weights_only=True so that no code from the file runs: "
              "save model.state_dict() instead",
        "zh": "{path!r} 除张量外还含有 Python 对象（例如用 torch.save(model) 保存的整个模块）；"
              "nnscratch 只读取状态字典，"
              "并使用 weights_only=True，以免运行文件中的代码：请改为保存 model.state_dict()",
    },
    "export.err.torch_unreadable": {
        "en": "{path!r} is a zip archive but not a readable torch.save file ({reason})",
        "zh": "{path!r} 是 zip 压缩包，但不是可读取的 torch.save 文件（“{reason}”）",
    },
    "export.err.torch_not_mapping": {
        "en": "{source!r} holds a {kind}, not a state dict: save it with torch.save(model.state_dict(), path)",
        "zh": "{source!r} 保存的是 {kind}，不是状态字典：请用 torch.save(model.state_dict(), path) 保存",
    },
    "export.err.torch_unexpected_key": {
        "en": "{source!r}: unexpected key {entry!r}; only nn.Sequential state dicts of Linear layers and "
              "parameter-free activations are supported",
        "zh": "{source!r}：意外的键 {entry!r}；只支持由 Linear 层和无参数激活函数组成的 nn.Sequential 的状态字典",
    },
    "export.err.torch_not_tensor": {
        "en": "{source!r}: {entry!r} holds a {kind}, not a tensor",
        "zh": "{source!r}：{entry!r} 保存的是 {kind}，不是张量",
    },
    "export.err.torch_not_float": {
        "en": "{source!r}: {entry!r} has dtype {dtype}, expected a floating-point tensor",
        "zh": "{source!r}：{entry!r} 的数据类型为 {dtype}，应为浮点张量",
    },
    "export.err.torch_empty": {
        "en": "{source!r}: the state dict is empty; expected keys such as '0.weight', '0.bias'",
        "zh": "{source!r}：状态字典为空；应含有 '0.weight'、'0.bias' 这样的键",
    },
    "export.err.torch_several_modules": {
        "en": "{source!r}: keys come from several modules ({prefixes}); save the state dict of the one nn.Sequential",
        "zh": "{source!r}：键来自多个模块（{prefixes}）；请只保存那一个 nn.Sequential 的状态字典",
    },
    "export.err.torch_missing_key": {
        "en": "{source!r}: missing key {entry}; every Linear needs a weight and a bias",
        "zh": "{source!r}：缺少键 {entry}；每个 Linear 层都需要 weight 和 bias",
    },
    "export.err.torch_linear_shape": {
        "en": "{source!r}: Linear {name!r} has weight {weight} and bias {bias}; "
              "a Linear has weight (out, in) and bias (out,)",
        "zh": "{source!r}：Linear 层 {name!r} 的 weight 形状为 {weight}、bias 形状为 {bias}；"
              "Linear 层的 weight 应为 (out, in)，bias 应为 (out,)",
    },
    "export.err.torch_chain": {
        "en": "{source!r}: Linear {name!r} takes {n_in} inputs but the Linear before it gives {n_prev} outputs",
        "zh": "{source!r}：Linear 层 {name!r} 需要 {n_in} 个输入，但它前面的 Linear 层只输出 {n_prev} 个",
    },
    "export.err.torch_non_finite": {
        "en": "{source!r}: Linear {name!r} contains NaN or infinite values",
        "zh": "{source!r}：Linear 层 {name!r} 含有 NaN 或无穷大的值",
    },
    "export.err.torch_sizes": {
        "en": "{source!r}: the weights give layer sizes {found}, not the {sizes} asked for",
        "zh": "{source!r}：由权重得到的各层大小为 {found}，而不是所要求的 {sizes}",
    },
    "export.err.input_scale": {
        "en": "the input scale must be a positive number, got {input_scale!r}",
        "zh": "输入缩放系数必须是正数，实际为 {input_scale!r}",
    },
    "export.err.input_shape": {
        "en": "input shape {input_shape} holds {n} values, but the first layer takes {n_in}",
        "zh": "输入形状 {input_shape} 共有 {n} 个值，但第一层需要 {n_in} 个",
    },
    "export.err.classes": {
        "en": "{n} class names given for {n_out} outputs: give {n_classes} names",
        "zh": "给出了 {n} 个类别名，但输出有 {n_out} 个：请给出 {n_classes} 个类别名",
    },
    # -- sklearn.py --------------------------------------------------------------------------------
    "sklearn.err.one_class": {
        "en": "MLPClassifier needs samples of at least 2 classes to learn from, got 1 class ({label!r})",
        "zh": "MLPClassifier 至少需要 2 个类别的样本才能学习，实际只有 1 个类别（{label!r}）",
    },
    "sklearn.err.hidden_layer_sizes": {
        "en": "hidden_layer_sizes must be a tuple of positive integers such as (100,) or (30, 10), got {value!r}",
        "zh": "hidden_layer_sizes 必须是由正整数组成的元组，例如 (100,) 或 (30, 10)，实际为 {value!r}",
    },
    "sklearn.err.dtype": {
        "en": "dtype must be one of {choices}, got {value!r}",
        "zh": "dtype 必须是 {choices} 之一，实际为 {value!r}",
    },
}
