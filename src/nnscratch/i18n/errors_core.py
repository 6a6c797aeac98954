"""Messages of the engine's errors: network.py, backprop.py, fastprop.py, optim.py, train.py."""

MESSAGES = {
    # -- help text for the engine's settings that the CLI exposes -----------------------------------
    "core.help.lr_bias": {
        "en": "learning rate of the biases b (default: the same as --lr, which then applies to θ only)",
        "zh": "偏置 b 的学习率（默认与 --lr 相同；给出时 --lr 只用于 θ）",
    },
    # -- network.py ----------------------------------------------------------------------------
    "core.err.sizes_integers": {
        "en": "layer sizes must be positive integers, got {sizes}: e.g. [784, 30, 10]",
        "zh": "每一层的神经元个数都必须是正整数，实际为 {sizes}：例如 [784, 30, 10]",
    },
    "core.err.sizes_too_few": {
        "en": "a network needs at least an input and an output layer, got sizes {sizes}: give two or more sizes",
        "zh": "网络至少需要输入层和输出层，实际的层大小为 {sizes}：请给出至少两个数",
    },
    "core.err.dtype": {
        "en": "dtype must be float32 or float64, got {dtype}",
        "zh": "dtype 必须是 float32 或 float64，实际为 {dtype}",
    },
    "core.err.memory_budget": {
        "en": "memory_budget must be a positive number of bytes (or "
              "None for the default of 4 GiB), got {memory_budget}",
        "zh": "memory_budget 必须是正的字节数（或 None，表示默认的 4 GiB），实际为 {memory_budget}",
    },
    "core.err.budget_weights": {
        "en": "a {layout} network needs {need} of {dtype} weights, over the memory budget of {budget}: "
              "use fewer or smaller layers, or raise memory_budget (bytes) if the machine really has the memory",
        "zh": "{layout} 网络的 {dtype} 参数（θ 与 b）需要 {need} 内存，超过了内存预算 {budget}："
              "请减少层数或神经元个数；若机器确有这么多内存，可调大 memory_budget（字节）",
    },
    "core.err.budget_training": {
        "en": "training a {layout} network with batches of {batch} rows needs {need} of {dtype} arrays (weights, "
              "gradients, optimizer state and one batch's z, a, delta), over the memory budget of {budget}: "
              "use fewer or smaller layers or a smaller batch size, or raise memory_budget (bytes)",
        "zh": "训练 {layout} 网络（每批 {batch} 行）需要 {need} "
              "的 {dtype} 数组（参数、梯度、优化器状态以及一批样本的 z、a、δ），"
              "超过了内存预算 {budget}：请减少层数、神经元个数或批大小，或调大 memory_budget（字节）",
    },
    "core.err.budget_batch": {
        "en": "a batch of {batch} samples through a {layout} network needs {need} of {dtype} arrays (z, a, delta "
              "of every layer), over the memory budget of {budget}: pass fewer samples at a time, use smaller "
              "layers, or raise memory_budget (bytes)",
        "zh": "{batch} 个样本通过 {layout} 网络需要 {need} 的 "
              "{dtype} 数组（每一层的 z、a、δ），超过了内存预算 {budget}："
              "请每次传入更少的样本、使用更小的层，或调大 memory_budget（字节）",
    },
    "core.err.hidden_activation": {
        "en": "{name} cannot be a hidden activation: choose one of {choices}",
        "zh": "{name} 不能用作隐藏层的激活函数：请从 {choices} 中选择",
    },
    "core.err.output_activation": {
        "en": "{name} cannot be an output activation: choose one of {choices}",
        "zh": "{name} 不能用作输出层的激活函数：请从 {choices} 中选择",
    },
    "core.err.init": {
        "en": "unknown initialisation {init}: choose one of {choices}",
        "zh": "未知的初始化方式 {init}：请从 {choices} 中选择",
    },
    "core.err.given_length": {
        "en": "{name} must be a list of {want} entries indexed by layer l (slots 0 and 1 None) for sizes {sizes}, "
              "got {got} entries",
        "zh": "对于层大小 {sizes}，{name} 必须是按层号 l 排列的 {want} 项列表（第 0、1 项为 None），实际为 {got} 项",
    },
    "core.err.given_shape": {
        "en": "{name}[{l}] must have shape {want} for layer sizes {sizes}, got {got}",
        "zh": "对于层大小 {sizes}，{name}[{l}] 的形状必须是 {want}，实际为 {got}",
    },
    "core.err.not_packed": {
        "en": "the network's parameters were replaced or copied since they were packed: call net.pack() first",
        "zh": "网络的参数在打包之后被替换或复制过：请先调用 net.pack()",
    },
    "core.err.cache_rows": {
        "en": "the cache holds {rows} rows, the batch has {m}: make it with net.empty_cache({m})",
        "zh": "缓存有 {rows} 行，而这一批有 {m} 个样本：请用 net.empty_cache({m}) 创建",
    },
    "core.err.input_width": {
        "en": "the network takes inputs of {n} values per sample, got an array of shape {shape}",
        "zh": "网络的每个样本需要 {n} 个输入值，实际得到形状为 {shape} 的数组",
    },
    # -- backprop.py, fastprop.py ------------------------------------------------------------------
    "core.err.target_shape": {
        "en": "the targets y must have shape ({m}, {n}) (one row of {n} values per sample), got shape {shape}",
        "zh": "目标值 y 的形状必须是 ({m}, {n})（每个样本一行 {n} 个值），实际为 {shape}",
    },
    "core.err.engine": {
        "en": "unknown engine {engine}: choose one of {choices}",
        "zh": "未知的计算引擎 {engine}：请从 {choices} 中选择",
    },
    "core.err.workspace": {
        "en": "the workspace is for batches of {rows} samples of a {sizes} network, got {m} samples of a "
              "{net_sizes} network: make one with Workspace(net, {m})",
        "zh": "该工作区用于 {sizes} 网络、每批 {rows} 个样本，实际是 {net_sizes} "
              "网络的 {m} 个样本：请用 Workspace(net, {m}) 创建",
    },
    # -- optim.py ------------------------------------------------------------------------------
    "core.err.lr": {
        "en": "learning rate must be a positive number, got {lr}",
        "zh": "学习率必须是正数，实际为 {lr}",
    },
    "core.err.weight_decay": {
        "en": "weight decay must be zero or a positive number, got {weight_decay}",
        "zh": "权重衰减系数必须是 0 或正数，实际为 {weight_decay}",
    },
    "core.err.momentum": {
        "en": "momentum must be in [0, 1), got {momentum}",
        "zh": "动量系数必须在 [0, 1) 之内，实际为 {momentum}",
    },
    "core.err.nesterov": {
        "en": "Nesterov momentum needs a momentum > 0",
        "zh": "Nesterov 动量需要大于 0 的动量系数",
    },
    "core.err.beta": {
        "en": "{name} must be in [0, 1), got {beta}",
        "zh": "{name} 必须在 [0, 1) 之内，实际为 {beta}",
    },
    "core.err.eps": {
        "en": "eps must be a positive number, got {eps}",
        "zh": "eps 必须是正数，实际为 {eps}",
    },
    "core.err.grads_count": {
        "en": "the optimizer got {grads} gradients for {params} "
              "parameter arrays: give one gradient per array, in order",
        "zh": "优化器收到 {grads} 个梯度，却有 {params} 个参数数组：请按顺序为每个数组给出一个梯度",
    },
    "core.err.optimizer": {
        "en": "unknown optimizer {name}: choose one of {choices}",
        "zh": "未知的优化器 {name}：请从 {choices} 中选择",
    },
    "core.err.schedule": {
        "en": "unknown learning-rate schedule {name}: choose one of {choices}",
        "zh": "未知的学习率调度 {name}：请从 {choices} 中选择",
    },
    # -- train.py ------------------------------------------------------------------------------
    "core.err.epochs": {
        "en": "epochs must be a positive integer, got {value}",
        "zh": "训练轮数（epochs）必须是正整数，实际为 {value}",
    },
    "core.err.batch_size": {
        "en": "batch size must be a positive integer, got {value}",
        "zh": "批大小（batch_size）必须是正整数，实际为 {value}",
    },
    "core.err.patience": {
        "en": "patience must be a positive integer (epochs without a better validation loss), got {value}",
        "zh": "patience 必须是正整数（验证集代价函数未改善的轮数），实际为 {value}",
    },
    "core.err.seed": {
        "en": "seed must be a non-negative integer, got {seed}",
        "zh": "随机种子必须是非负整数，实际为 {seed}",
    },
    "core.err.dropout": {
        "en": "dropout must be a probability p in [0, 1) (0: no dropout), got {dropout}: e.g. 0.2",
        "zh": "dropout 必须是 [0, 1) 之间的概率 p（0 表示不用 dropout），实际为 {dropout}：例如 0.2",
    },
    "core.err.input_dropout": {
        "en": "input_dropout must be a probability p in [0, 1) (0: every input kept), got {dropout}: e.g. 0.2",
        "zh": "input_dropout（输入层 dropout）必须是 [0, 1) 之间的概率 p（0 表示保留全部输入），"
              "实际为 {dropout}：例如 0.2",
    },
    "core.err.config_type": {
        "en": "config must be a TrainConfig, got {got}: e.g. TrainConfig(epochs=10, lr=0.1)",
        "zh": "config 必须是 TrainConfig，实际为 {got}：例如 TrainConfig(epochs=10, lr=0.1)",
    },
    "core.err.x_scale": {
        "en": "x_scale must be a positive finite number, got {x_scale}: e.g. 1/255 for pixels",
        "zh": "x_scale 必须是有限的正数，实际为 {x_scale}：例如像素用 1/255",
    },
    "core.err.trainer_done": {
        "en": "this training run is finished after {epochs} epochs: make a new Trainer to train more",
        "zh": "本次训练已在 {epochs} 轮后结束：如需继续训练，请新建一个 Trainer",
    },
    "core.err.diverged": {
        "en": "training diverged in epoch {epoch}: the loss became {loss:.4g}; lower the learning rate "
              "(now {lr:g}). The network keeps the parameters of epoch {kept}.",
        "zh": "训练在第 {epoch} 轮发散：代价函数变为 {loss:.4g}；"
              "请降低学习率（当前为 {lr:g}）。网络保留第 {kept} 轮的参数。",
    },
    "core.err.stuck": {
        "en": "training did not learn: after {epoch} epochs the loss "
              "is {loss:.4g}, no lower than after epoch {ref_epoch} "
              "({ref_loss:.4g}) and worse than always predicting the class frequencies ({baseline:.4g}); the learning "
              "rate {lr:g} is far off, usually too large: try one 10 to 100 times smaller.",
        "zh": "训练没有学到东西：{epoch} 轮后代价函数为 {loss:.4g}，并不低于第 {ref_epoch} 轮（{ref_loss:.4g}），"
              "还不如总是输出各类别的频率（{baseline:.4g}）；学习率 "
              "{lr:g} 很不合适，通常是太大：请试试小 10 到 100 倍的值。",
    },
}

# check_xy's checks, for the training data (x), the validation data and evaluate()'s data; {data} is the parameter
MESSAGES.update({
    "core.err.data_x_shape": {
        "en": "{data}: inputs must have shape (m, {n}) to fit a {n}-input network, got {shape}",
        "zh": "{data}：输入的形状必须是 (m, {n})，才能输入有 {n} 个输入的网络，实际为 {shape}",
    },
    "core.err.data_count": {
        "en": "{data}: the data has {n_x} inputs but {n_y} targets: give one target per input",
        "zh": "{data}：数据有 {n_x} 个输入却有 {n_y} 个目标值：每个输入需要一个目标值",
    },
    "core.err.data_empty": {
        "en": "{data}: the data is empty: give at least one sample",
        "zh": "{data}：数据为空：请至少给出一个样本",
    },
    "core.err.data_labels": {
        "en": "{data}: labels must be integers in 0..{top} to fit {n} outputs, got values from {lo} to {hi}",
        "zh": "{data}：标签必须是 0..{top} 之间的整数，才能对应 {n} 个输出神经元，实际取值从 {lo} 到 {hi}",
    },
    "core.err.data_y_shape": {
        "en": "{data}: targets must be labels (m,) or rows (m, {n}) for {n} outputs, got shape {shape}",
        "zh": "{data}：目标值必须是标签 (m,) 或 (m, {n}) 的行（对应 {n} 个输出神经元），实际形状为 {shape}",
    },
})
MESSAGES["core.err.augment"] = {
    "en": "augment must be a function (batch rows, Generator) -> distorted rows, got {got}",
    "zh": "augment 必须是函数（批量输入行, Generator）-> 变形后的输入行，实际为 {got}",
}
