"""Error messages of the lecture's first chapters (mle, perceptron, logistic), their table readers
(io/table.py) and their commands (cli/chapters.py, cli/engine.py).

Each says what is wrong, the bad value, and what to do. Values are filled in by the
raising code; names of library parameters (n, k, eta, max_passes) appear as the
lecture writes them, never as CLI flags: the CLI says which flag carried them.
"""

MESSAGES = {
    # ---- io/table.py: CSV files and inline points
    "table.err.missing": {
        "en": "no such file: {path!r}",
        "zh": "找不到文件：{path!r}",
    },
    "table.err.is_folder": {
        "en": "{path!r} is a folder, not a CSV file: give the path of a file",
        "zh": "{path!r} 是一个文件夹，不是 CSV 文件：请给出文件的路径",
    },
    "table.err.not_text": {
        "en": "{path!r} is not a text (UTF-8) CSV file: save it as UTF-8 text",
        "zh": "{path!r} 不是文本（UTF-8）CSV 文件：请把它另存为 UTF-8 文本",
    },
    "table.err.unreadable": {
        "en": "cannot read {path!r}: {reason}",
        "zh": "无法读取 {path!r}：“{reason}”",
    },
    "table.err.not_csv": {
        "en": "{path!r} cannot be read as CSV ({reason}): expected rows of comma-separated values",
        "zh": "{path!r} 无法按 CSV 读取（“{reason}”）：应为逗号分隔的若干行数值",
    },
    "table.err.too_large": {
        "en": "{path!r} is {mib} MiB, over the {budget} MiB that a CSV table may have here: "
        "use a smaller file (a sample of its rows)",
        "zh": "{path!r} 大小为 {mib} MiB，超过了此处 CSV 表格的上限 {budget} MiB：请使用更小的文件（例如抽取部分行）",
    },
    "table.err.empty": {
        "en": "{path!r} is empty: expected rows of numbers",
        "zh": "{path!r} 是空的：应包含若干行数值",
    },
    "table.err.header_only": {
        "en": "{path!r} has a header but no data rows: add rows of numbers below it",
        "zh": "{path!r} 只有表头，没有数据行：请在表头下面加上数值行",
    },
    "table.err.not_a_number": {
        "en": "{where}: {text!r} is not a number",
        "zh": "{where}：{text!r} 不是数字",
    },
    "table.err.not_finite": {
        "en": "{where}: {text!r} is not a finite number (nan, inf and values beyond 1.8e308 are refused)",
        "zh": "{where}：{text!r} 不是有限的数（nan、inf 以及超过 1.8e308 的数都不接受）",
    },
    "table.err.short_row_labelled": {
        "en": "{where}: a row needs feature columns and a label in the last column, got {row!r}",
        "zh": "{where}：每行应包含若干特征列，最后一列为标签，实际为 {row!r}",
    },
    "table.err.short_row_points": {
        "en": "{where}: a point needs coordinates and a label (+1 or -1), got {row!r}",
        "zh": "{where}：每个点应包含坐标和标签（+1 或 -1），实际为 {row!r}",
    },
    "table.err.ragged": {
        "en": "{where}: expected {width} values like the first row, got {got}",
        "zh": "{where}：应与第一行一样有 {width} 个值，实际有 {got} 个",
    },
    "table.err.no_points": {
        "en": "no points given ({text!r}): write them as 'x1,x2,label;...', e.g. '3,3,+1;4,3,+1;1,1,-1'",
        "zh": "没有给出任何点（{text!r}）：请写成 'x1,x2,标签;...' 的形式，例如 '3,3,+1;4,3,+1;1,1,-1'",
    },
    "table.err.points_too_long": {
        "en": "the points text has {chars} characters, over the budget of {budget}: put the points in a CSV file",
        "zh": "点的文本有 {chars} 个字符，超过上限 {budget}：请把这些点放进 CSV 文件",
    },
    # ---- mle.py
    "mle.err.not_whole": {
        "en": "{name} must be a whole number, got {value}",
        "zh": "{name} 必须是整数，实际为 {value}",
    },
    "mle.err.draws_min": {
        "en": "the number of draws n must be at least 1, got {n}",
        "zh": "抽取次数 n 至少为 1，实际为 {n}",
    },
    "mle.err.white_negative": {
        "en": "the number of white balls k cannot be negative, got {k}",
        "zh": "白球次数 k 不能为负数，实际为 {k}",
    },
    "mle.err.white_exceeds": {
        "en": "white balls k = {k} exceeds the number of draws n = {n}: k must be between 0 and n",
        "zh": "白球次数 k = {k} 超过了抽取次数 n = {n}：k 必须在 0 到 n 之间",
    },
    "mle.err.grid_points": {
        "en": "a curve needs at least 2 grid points, got {num}",
        "zh": "画曲线至少需要 2 个网格点，实际为 {num}",
    },
    "mle.err.too_many_points": {
        "en": "{count} points are over the budget of {budget} for one curve or table: use fewer",
        "zh": "{count} 个点超过了一条曲线或一张表的上限 {budget}：请减少点数",
    },
    "mle.err.proportion": {
        "en": "a proportion p must be between 0 and 1, got {p}",
        "zh": "比例 p 必须在 0 到 1 之间，实际为 {p}",
    },
    "mle.err.sigma_positive": {
        "en": "σ must be a positive finite number, got {sigma}",
        "zh": "σ 必须是有限的正数，实际为 {sigma}",
    },
    "mle.err.not_numbers": {
        "en": "the values must be numbers",
        "zh": "给出的值必须是数字",
    },
    "mle.err.no_values": {
        "en": "no values given: the Gaussian estimate needs at least two different numbers",
        "zh": "没有给出任何数值：高斯分布的极大似然估计至少需要两个不同的数",
    },
    "mle.err.not_finite": {
        "en": "the values must be finite numbers, got {value}",
        "zh": "给出的值必须是有限的数，实际有 {value}",
    },
    "mle.err.one_value": {
        "en": "only one value ({value}): σ̂ would be 0 and the likelihood has no maximum; "
        "give at least two different values",
        "zh": "只有一个值（{value}）：σ̂ 将为 0，似然函数没有极大值；请至少给出两个不同的值",
    },
    "mle.err.all_equal": {
        "en": "all {n} values are equal ({value}): σ̂ would be 0 and the likelihood has no maximum; "
        "give at least two different values",
        "zh": "全部 {n} 个值都相等（{value}）：σ̂ 将为 0，似然函数没有极大值；请至少给出两个不同的值",
    },
    # ---- perceptron.py
    "perceptron.err.eta": {
        "en": "the learning rate η must be a positive number, got {eta}",
        "zh": "学习率 η 必须是正数，实际为 {eta}",
    },
    "perceptron.err.rule": {
        "en": "unknown rule {rule} for choosing the misclassified point: choose one of {choices}",
        "zh": "未知的误分类点选取规则 {rule}：请从 {choices} 中选择",
    },
    "perceptron.err.rule_needs_rng": {
        "en": "the random rule needs a random generator: pass rng=np.random.default_rng(seed)",
        "zh": "random 规则需要随机数生成器：请传入 rng=np.random.default_rng(seed)",
    },
    "perceptron.err.max_rows": {
        "en": "max_rows must be a whole number of at least 2 (the table's first and last rows), got {value}",
        "zh": "max_rows 必须是不小于 2 的整数（表格的首行和末行），实际为 {value}",
    },
    "perceptron.err.gram_too_large": {
        "en": "the dual form of {m} points needs a Gram matrix of {entries} entries ({mb} MB), over the budget of "
        "{budget}: use the primal form, or at most {max_points} points",
        "zh": "{m} 个点的对偶形式需要一个 {entries} 个元素的 Gram 矩阵（{mb} MB），超过上限 {budget}："
        "请改用原始形式，或最多使用 {max_points} 个点",
    },
    "perceptron.err.converged": {
        "en": "the perceptron has converged after {updates} updates: no point is misclassified, nothing to update",
        "zh": "感知机已在 {updates} 次更新后收敛：没有误分类点，无需再更新",
    },
    "perceptron.err.not_misclassified": {
        "en": "{name} is not misclassified at iteration {iteration}: y(w.x + b) = {margin} > 0; "
        "choose one of the misclassified points: {wrong}",
        "zh": "第 {iteration} 次迭代时 {name} 不是误分类点：y(w.x + b) = {margin} > 0；请从误分类点中选择：{wrong}",
    },
    "perceptron.err.not_misclassified_none": {
        "en": "{name} is not misclassified at iteration {iteration}: y(w.x + b) = {margin} > 0, "
        "and no point is misclassified there: the algorithm has converged",
        "zh": "第 {iteration} 次迭代时 {name} 不是误分类点：y(w.x + b) = {margin} > 0，"
        "而且此时已没有误分类点：算法已经收敛",
    },
    "perceptron.err.unknown_point": {
        "en": "no point named {name}: the points are {names}",
        "zh": "没有名为 {name} 的点：现有的点是 {names}",
    },
    "perceptron.err.max_passes": {
        "en": "max_passes must be a positive whole number, got {value}",
        "zh": "最大遍历轮数 max_passes 必须是正整数，实际为 {value}",
    },
    "perceptron.err.too_many_passes": {
        "en": "max_passes = {passes} over {m} points allows up to {updates} updates ({work} multiply-adds); "
        "the budget is {max_updates} updates and {max_work} multiply-adds: use max_passes <= {allowed}",
        "zh": "最大遍历轮数 max_passes = {passes}，{m} 个点最多需要 {updates} 次更新（{work} 次乘加）；"
        "上限为 {max_updates} 次更新、{max_work} 次乘加：请把 max_passes 设为不超过 {allowed}",
    },
    "perceptron.err.too_many_points": {
        "en": "{m} points of {d} dimensions: one pass takes up to {work} multiply-adds, over the budget of {budget}; "
        "use fewer points",
        "zh": "{m} 个 {d} 维的点：遍历一轮最多需要 {work} 次乘加，超过上限 {budget}；请减少点的个数",
    },
    "perceptron.err.pick_iteration": {
        "en": "a pick's iteration must be a positive whole number, got {value}",
        "zh": "指定点的迭代次数必须是正整数，实际为 {value}",
    },
    "perceptron.err.pick_never": {
        "en": "iteration {k} never happens (pick {k}={name}): the algorithm stopped after {updates} updates",
        "zh": "第 {k} 次迭代不会发生（指定 {k}={name}）：算法在 {updates} 次更新后已停止",
    },
    "perceptron.err.not_numbers": {
        "en": "the points and labels must be numbers",
        "zh": "点的坐标和标签必须是数字",
    },
    "perceptron.err.shape": {
        "en": "the points must form a non-empty 2-D array (points, dimensions), got shape {shape}",
        "zh": "点必须组成非空的二维数组（点数, 维数），实际形状为 {shape}",
    },
    "perceptron.err.not_finite": {
        "en": "point coordinates must be finite numbers, got {value}",
        "zh": "点的坐标必须是有限的数，实际有 {value}",
    },
    "perceptron.err.labels_count": {
        "en": "expected one label per point ({m}), got labels of shape {shape}",
        "zh": "每个点应有一个标签（共 {m} 个），实际标签的形状为 {shape}",
    },
    "perceptron.err.label": {
        "en": "perceptron labels must be +1 or -1, got {value}",
        "zh": "感知机的标签必须是 +1 或 -1，实际有 {value}",
    },
    "perceptron.err.names_count": {
        "en": "expected one name per point ({m}), got {count}",
        "zh": "每个点应有一个名字（共 {m} 个），实际有 {count} 个",
    },
    "perceptron.err.duplicate_name": {
        "en": "the point name {name} is used twice: names must be unique",
        "zh": "点的名字 {name} 出现了两次：名字不能重复",
    },
    "perceptron.err.b0": {
        "en": "the starting bias b0 must be a finite number, got {value}",
        "zh": "初始偏置 b0 必须是有限的数，实际为 {value}",
    },
    "perceptron.err.w0": {
        "en": "the starting weights w0 must hold {dim} finite numbers (one per dimension), got {value}",
        "zh": "初始权重 w0 必须包含 {dim} 个有限的数（每一维一个），实际为 {value}",
    },
    # ---- logistic.py
    "logistic.err.labels_shape": {
        "en": "y must hold one label per sample: expected shape ({m},), got {shape}",
        "zh": "y 必须为每个样本给出一个标签：应为形状 ({m},)，实际为 {shape}",
    },
    "logistic.err.few_classes": {
        "en": "logistic regression needs at least two classes, got {classes}",
        "zh": "逻辑回归至少需要两个类别，实际只有 {classes}",
    },
    "logistic.err.unknown_label": {
        "en": "label {label} is not one of the classes {classes}",
        "zh": "标签 {label} 不在类别 {classes} 之中",
    },
    "logistic.err.taylor_step": {
        "en": "the Taylor step ε must be a positive number, got {step}",
        "zh": "泰勒展开的步长 ε 必须是正数，实际为 {step}",
    },
    "logistic.err.theta_shape": {
        "en": "θ and b must have shapes {want_theta} and {want_b}, got {theta} and {b}",
        "zh": "θ 和 b 的形状应为 {want_theta} 和 {want_b}，实际为 {theta} 和 {b}",
    },
    "logistic.err.theta_features": {
        "en": "θ has {weights} weights but X has {features} features: give one weight per feature",
        "zh": "θ 有 {weights} 个权重，而 X 有 {features} 个特征：每个特征需要一个权重",
    },
    "logistic.err.two_classes": {
        "en": "this takes two classes, got {count}: {classes}",
        "zh": "这里只接受两个类别，实际有 {count} 个：{classes}",
    },
    "logistic.err.two_features": {
        "en": "the loss surface is drawn over two features, got {features}",
        "zh": "代价函数曲面只能在两个特征上绘制，实际有 {features} 个特征",
    },
    "logistic.err.steps": {
        "en": "steps must be a positive whole number, got {steps}",
        "zh": "步数 steps 必须是正整数，实际为 {steps}",
    },
    "logistic.err.too_many_steps": {
        "en": "{steps} steps of gradient descent are over the budget of {budget} for a drawn path: use fewer steps",
        "zh": "要绘制的梯度下降路径有 {steps} 步，超过上限 {budget}：请减少步数",
    },
    "logistic.err.not_numbers": {
        "en": "the features X must be numbers",
        "zh": "特征 X 必须是数字",
    },
    "logistic.err.shape": {
        "en": "the features X must be a non-empty 2-D array (samples, features), got shape {shape}",
        "zh": "特征 X 必须是非空的二维数组（样本数, 特征数），实际形状为 {shape}",
    },
    "logistic.err.not_finite": {
        "en": "the features X must be finite numbers, got {value}",
        "zh": "特征 X 必须是有限的数，实际有 {value}",
    },
    "logistic.err.feature_scale": {
        "en": "the features reach {scale} in absolute value: at this scale w^T x and the curvature of J overflow "
        "whatever the learning rate; standardise the features (subtract each column's mean, divide by its "
        "standard deviation)",
        "zh": "特征的绝对值达到 {scale}：在这个量级上，无论学习率取多少，w^T x 和代价函数的曲率都会溢出；"
        "请先把特征标准化（每一列减去均值，再除以标准差）",
    },
    "logistic.err.lr": {
        "en": "the learning rate α must be a positive number, got {lr}",
        "zh": "学习率 α 必须是正数，实际为 {lr}",
    },
    "logistic.err.epochs": {
        "en": "epochs must be a positive whole number, got {epochs}",
        "zh": "训练轮数 epochs 必须是正整数，实际为 {epochs}",
    },
    "logistic.err.batch_size": {
        "en": "the batch size must be a positive whole number or None (full batch), got {batch_size}",
        "zh": "批大小必须是正整数，或 None（全批量），实际为 {batch_size}",
    },
    "logistic.err.momentum": {
        "en": "the momentum must be in [0, 1), got {momentum}",
        "zh": "动量必须在 [0, 1) 之间，实际为 {momentum}",
    },
    "logistic.err.tol": {
        "en": "tol must be zero or a positive number, got {tol}",
        "zh": "容差 tol 必须是 0 或正数，实际为 {tol}",
    },
    "logistic.err.too_many_classes": {
        "en": "{m} samples and {k} outputs ({n} features) need matrices of {elements} numbers ({mb} MB), over the "
        "budget of {budget}: use fewer classes or fewer samples",
        "zh": "{m} 个样本、{k} 个输出（{n} 个特征）需要 {elements} 个数的矩阵（{mb} MB），超过上限 {budget}："
        "请减少类别数或样本数",
    },
    "logistic.err.too_many_epochs": {
        "en": "{epochs} epochs over {m} samples ({n} features, {k} outputs) take {steps} steps and {work} "
        "multiply-adds; the budget is {max_steps} steps and {max_work} multiply-adds: use at most {allowed} epochs "
        "(or larger batches)",
        "zh": "在 {m} 个样本（{n} 个特征，{k} 个输出）上训练 {epochs} 轮需要 {steps} 步、{work} 次乘加；"
        "上限为 {max_steps} 步、{max_work} 次乘加：请最多训练 {allowed} 轮（或使用更大的批）",
    },
    "logistic.err.diverged": {
        "en": "gradient descent diverged at epoch {epoch}: the loss J/N became {loss:.4g} (it starts at {start}); "
        "the learning rate α = {lr:g} is too large: lower it, e.g. to {suggest}",
        "zh": "梯度下降在第 {epoch} 轮发散：代价函数 J/N 变为 {loss:.4g}（初始为 {start}）；"
        "学习率 α = {lr:g} 过大，请调小，例如 {suggest}",
    },
    "logistic.err.diverged_scale": {
        "en": "gradient descent diverged at epoch {epoch} with the learning rate α = {lr:g}: the loss J/N became "
        "{loss:.4g} (it starts at {start}). The features reach {scale} in absolute value, so J is very steep: "
        "standardise them (subtract each column's mean, divide by its standard deviation) rather than only "
        "lowering α",
        "zh": "学习率 α = {lr:g} 时梯度下降在第 {epoch} 轮发散：代价函数 J/N 变为 {loss:.4g}（初始为 {start}）。"
        "特征的绝对值达到 {scale}，代价函数因此非常陡峭：请先把特征标准化（每一列减去均值，再除以标准差），"
        "而不只是调小 α",
    },
    "logistic.err.no_progress": {
        "en": "after {epoch} epochs the loss J/N is {loss:.4g}, no lower than where it started ({start}): "
        "the learning rate α = {lr:g} is too large; lower it, e.g. to {suggest}",
        "zh": "训练 {epoch} 轮后代价函数 J/N 为 {loss:.4g}，并不低于初始值 {start}："
        "学习率 α = {lr:g} 过大，请调小，例如 {suggest}",
    },
    "logistic.err.no_progress_scale": {
        "en": "after {epoch} epochs with the learning rate α = {lr:g} the loss J/N is {loss:.4g}, no lower than "
        "where it started ({start}). The features reach {scale} in absolute value: standardise them (subtract "
        "each column's mean, divide by its standard deviation) rather than only lowering α",
        "zh": "学习率 α = {lr:g} 时训练 {epoch} 轮后代价函数 J/N 为 {loss:.4g}，并不低于初始值 {start}。"
        "特征的绝对值达到 {scale}：请先把特征标准化（每一列减去均值，再除以标准差），而不只是调小 α",
    },
    "logistic.err.score_shape": {
        "en": "y has shape {shape} but X has {m} samples: give one label per sample",
        "zh": "y 的形状为 {shape}，而 X 有 {m} 个样本：每个样本需要一个标签",
    },
    "logistic.err.features_mismatch": {
        "en": "X has {features} features but the model was fitted with {fitted}",
        "zh": "X 有 {features} 个特征，而模型训练时用的是 {fitted} 个",
    },
    "logistic.err.not_fitted": {
        "en": "this LogisticRegression is not fitted yet: call fit(X, y) first",
        "zh": "这个 LogisticRegression 还没有训练：请先调用 fit(X, y)",
    },
    # ---- cli/chapters.py
    "chapters.err.values_twice": {
        "en": "give the values inline or from a file, not both",
        "zh": "请直接给出数值或从文件读取，二者只能选一",
    },
    "chapters.err.no_values": {
        "en": "no values given: pass numbers (nnscratch mle gaussian 1.2 3.4 5) or a file",
        "zh": "没有给出任何数值：请直接给出数字（nnscratch mle gaussian 1.2 3.4 5）或给出一个文件",
    },
    "chapters.err.data_dir_alone": {
        "en": "a data folder goes with a named dataset (e.g. --dataset mnist --data-dir DIR)",
        "zh": "数据文件夹需要与数据集名称一起使用（例如 --dataset mnist --data-dir DIR）",
    },
    "chapters.err.two_picks": {
        "en": "two picks for iteration {k}: {first} and {second}; choose one point per iteration",
        "zh": "第 {k} 次迭代指定了两个点：{first} 和 {second}；每次迭代只能指定一个点",
    },
    "chapters.err.pick_format": {
        "en": "expected ITERATION=NAME such as 5=M2, got {text!r}",
        "zh": "应为“迭代次数=点名”的形式，例如 5=M2，实际为 {text!r}",
    },
    "chapters.err.pick_number": {
        "en": "the iteration in {text!r} must be a whole number of at least 1",
        "zh": "{text!r} 中的迭代次数必须是不小于 1 的整数",
    },
    "chapters.err.number_list": {
        "en": "{text!r} is not a comma-separated list of finite numbers such as 0,0",
        "zh": "{text!r} 不是以逗号分隔的有限数列表（例如 0,0）",
    },
    # ---- cli/engine.py
    "cli_engine.err.values_count": {
        "en": "{name} needs {n} values to match the layer sizes, got {got}",
        "zh": "{name} 需要 {n} 个值，与网络各层的神经元个数对应，实际为 {got} 个",
    },
    "cli_engine.err.overflow": {
        "en": "the numbers overflow: {quantity} is not finite (the largest input is {largest}); "
        "use x and y of ordinary size (e.g. |x| <= 1e6)",
        "zh": "数值溢出：{quantity} 不是有限的数（最大的输入为 {largest}）；"
        "请使用常规大小的 x 和 y（例如 |x| <= 1e6）",
    },
    "cli_engine.err.too_many_parameters": {
        "en": "backprop shows and checks each of the {parameters} parameters of {sizes} by finite differences "
        "(two forward passes each); the budget is {budget} parameters: use smaller layers (784-30-10 has 23,860)",
        "zh": "backprop 会逐个显示并用有限差分检验 {sizes} 的全部 {parameters} 个参数（每个参数两次前向传播）；"
        "上限为 {budget} 个参数：请使用更小的网络（784-30-10 有 23,860 个参数）",
    },
}
