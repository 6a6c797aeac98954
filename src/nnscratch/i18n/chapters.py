"""Messages of ``mle``, ``logreg`` and ``perceptron``: the lecture's sections 1 and 2 (知识引入, 感知机)."""

MESSAGES = {
    # ---- shared
    "chapters.seed": {"en": "seed of the random generator (default: 0)", "zh": "随机数生成器的种子（默认 0）"},
    "chapters.plot_saved": {"en": "plot saved to {path}", "zh": "图已保存到 {path}"},
    # ---- mle
    "chapters.mle.help": {
        "en": "maximum likelihood estimation (极大似然估计): the urn, a Gaussian, homework I",
        "zh": "极大似然估计：罐中白球比例、高斯分布、作业题 I",
    },
    "chapters.urn.help": {
        "en": "the lecture's urn: estimate the proportion p of white balls from k white in n draws",
        "zh": "课程中的罐子：由 n 次抽取中的 k 次白球估计白球比例 p",
    },
    "chapters.urn.draws": {"en": "number of draws n (default: 100)", "zh": "抽取次数 n（默认 100）"},
    "chapters.urn.white": {"en": "white balls drawn k, 0 <= k <= n (default: 70)",
                           "zh": "抽到白球的次数 k，0 <= k <= n（默认 70）"},
    "chapters.urn.plot": {
        "en": "draw the likelihood and log-likelihood curves with the maximum marked (.png, .svg, .pdf)",
        "zh": "绘制似然函数与对数似然函数曲线并标出极大值（.png、.svg、.pdf）",
    },
    "chapters.urn.title": {
        "en": "Maximum likelihood estimation (极大似然估计) of the proportion p of white balls",
        "zh": "极大似然估计：罐中白球的比例 p",
    },
    "chapters.urn.observed": {
        "en": "Observed: {k} white balls in {n} draws with replacement (independent, identically distributed).",
        "zh": "观测：有放回地抽取 {n} 次，其中 {k} 次为白球（独立同分布）。",
    },
    "chapters.urn.objective": {
        "en": "Maximised: the likelihood function (似然函数) L(p) = C({n},{k}) p^{k} (1-p)^{nk}, "
        "a function of the parameter p with the observed data fixed.",
        "zh": "最大化的是似然函数 L(p) = C({n},{k}) p^{k} (1-p)^{nk}：观测数据固定，它是模型参数 p 的函数。",
    },
    "chapters.urn.estimate": {"en": "Estimate: p̂ = k/n = {k}/{n} = {p}", "zh": "估计值：p̂ = k/n = {k}/{n} = {p}"},
    "chapters.urn.likelihood": {
        "en": "Likelihood at the estimate: L({p}) = {value}",
        "zh": "估计值处的似然函数：L({p}) = {value}",
    },
    "chapters.urn.log_likelihood": {
        "en": "Log-likelihood at the estimate: ln L({p}) = {value}",
        "zh": "估计值处的对数似然函数：ln L({p}) = {value}",
    },
    "chapters.urn.roots": {
        "en": "Stationary points, dL/dp = {derivative} = 0: p = {points}",
        "zh": "令导数为 0，dL/dp = {derivative} = 0，得 p = {points}",
    },
    "chapters.urn.reject_zero": {
        "en": "  p = 0: L(0) = 0, a minimum: an urn without white balls could not give {k} white draws; rejected",
        "zh": "  p = 0：L(0) = 0，是极小值：罐中没有白球就不可能抽到 {k} 次白球，舍去",
    },
    "chapters.urn.reject_one": {
        "en": "  p = 1: L(1) = 0, a minimum: an urn without black balls could not give {black} black draws; rejected",
        "zh": "  p = 1：L(1) = 0，是极小值：罐中没有黑球就不可能抽到 {black} 次黑球，舍去",
    },
    "chapters.urn.maximum": {
        "en": "  p = {p}: L = {value}, the maximum: the estimate",
        "zh": "  p = {p}：L = {value}，是极大值，即估计值",
    },
    "chapters.urn.boundary": {
        "en": "The maximum lies on the boundary p = {p}, where dL/dp = {slope} is not zero.",
        "zh": "极大值位于边界 p = {p}，该处 dL/dp = {slope}，不为 0。",
    },
    "chapters.urn.numeric": {
        "en": "Numeric maximiser (golden-section search on ln L): p = {p}, {diff} from k/n",
        "zh": "数值最大化（对 ln L 做黄金分割搜索）：p = {p}，与 k/n 相差 {diff}",
    },
    "chapters.gauss.help": {
        "en": "estimate mu and sigma of a Gaussian from values given inline or in a file",
        "zh": "由命令行或文件中的数值估计高斯分布的 μ 和 σ",
    },
    "chapters.gauss.values": {"en": "the observed values", "zh": "观测值"},
    "chapters.gauss.file": {
        "en": "read the values from FILE (numbers separated by commas, spaces or new lines; a header line is allowed)",
        "zh": "从 FILE 读取数值（以逗号、空格或换行分隔；允许有一行表头）",
    },
    "chapters.gauss.title": {
        "en": "Maximum likelihood estimation (极大似然估计) of a Gaussian N(mu, sigma^2) from {n} values",
        "zh": "极大似然估计：由 {n} 个数值估计高斯分布 N(μ, σ^2)",
    },
    "chapters.gauss.objective": {
        "en": "Maximised: the likelihood function (似然函数) of the parameters (mu, sigma), with the values fixed.",
        "zh": "最大化的是似然函数：数值固定，它是参数 (μ, σ) 的函数。",
    },
    "chapters.gauss.mu": {"en": "μ̂ = mean of the values = {mu}", "zh": "μ̂ = 数值的平均值 = {mu}"},
    "chapters.gauss.sigma": {
        "en": "σ̂ (maximum likelihood, divides by n) = {sigma}",
        "zh": "σ̂（极大似然估计，除以 n）= {sigma}",
    },
    "chapters.gauss.unbiased": {
        "en": "for contrast, with n - 1 (square root of the unbiased variance) = {sigma}",
        "zh": "作为对照，除以 n - 1（无偏方差的平方根）= {sigma}",
    },
    "chapters.gauss.log_likelihood": {
        "en": "log-likelihood at (μ̂, σ̂) = {value}",
        "zh": "(μ̂, σ̂) 处的对数似然函数 = {value}",
    },
    "chapters.hw1.help": {
        "en": "homework I: probability function or likelihood function? Both questions answered",
        "zh": "作业题 I：概率函数还是似然函数？解答两道题",
    },
    "chapters.hw1.title": {
        "en": "Homework I (作业题 I): probability function (概率函数) or likelihood function (似然函数)?",
        "zh": "作业题 I：概率函数还是似然函数？",
    },
    "chapters.hw1.q1": {
        "en": "1. {n} draws with replacement, {k} of them white: what proportion of white balls is most likely?",
        "zh": "1. 有放回地抽取 {n} 次，其中 {k} 次是白球，罐中白球所占比例最有可能是多少？",
    },
    "chapters.hw1.a1": {
        "en": "   Answer: B, the likelihood function. The draws x are known and the parameter p is sought; "
        "maximising L(p) over p gives p = {value}.",
        "zh": "   答案：B. 似然函数。样本 x 已知，求参数 p；对 p 最大化 L(p)，得 p = {value}。",
    },
    "chapters.hw1.q2": {
        "en": "2. White balls are {percent}% of the urn: what is the probability that a drawn ball is white?",
        "zh": "2. 罐中白球占比 {percent}%，随机拿出一个球是白球的概率是多少？",
    },
    "chapters.hw1.a2": {
        "en": "   Answer: A, the probability function. The parameter p = {p} is known and the outcome x varies; "
        "P(x = white | p) = {value}.",
        "zh": "   答案：A. 概率函数。参数 p = {p} 已知，样本 x 变化；P(x = 白球 | p) = {value}。",
    },
    "chapters.hw1.rule": {
        "en": "One formula P(x | theta): with theta known it is the probability function of x; "
        "with x known it is the likelihood function of theta.",
        "zh": "同一个式子 P(x | θ)：θ 已知时是 x 的概率函数；x 已知时是 θ 的似然函数。",
    },
    # ---- logreg
    "chapters.logreg.help": {
        "en": "logistic regression (逻辑回归) by gradient descent on a CSV file or MNIST "
        "(softmax for more than two classes)",
        "zh": "用梯度下降训练逻辑回归，数据为 CSV 文件或 MNIST（多于两类时为 softmax）",
    },
    "chapters.logreg.data": {
        "en": "CSV file: numeric feature columns, the label in the last column, a header row allowed",
        "zh": "CSV 文件：数值特征列，最后一列为标签，允许有表头",
    },
    "chapters.logreg.dataset": {
        "en": "a dataset in MNIST's layout, e.g. mnist: softmax regression, the baseline the MLP must beat",
        "zh": "MNIST 格式的数据集，如 mnist：softmax 回归，是多层神经网络必须超越的基线",
    },
    "chapters.logreg.data_dir": {
        "en": "folder with the dataset's files (default: $NNSCRATCH_DATA, else the user cache)",
        "zh": "数据集文件所在的文件夹（默认取 $NNSCRATCH_DATA，否则为用户缓存）",
    },
    "chapters.logreg.epochs": {
        "en": "passes over the data (default: 1000 for --data, 10 for --dataset); "
        "full-batch training stops earlier once converged",
        "zh": "遍历数据的轮数（--data 默认 1000，--dataset 默认 10）；全批量训练收敛后提前停止",
    },
    "chapters.logreg.lr": {"en": "learning rate alpha (default: 0.5)", "zh": "学习率 α（默认 0.5）"},
    "chapters.logreg.batch": {
        "en": "samples per update: 1 is the lecture's per-sample SGD (default: all samples, i.e. gradient "
        "descent, for --data; 100 for --dataset)",
        "zh": "每次更新所用样本数：1 为课程中的逐样本随机梯度下降（--data 默认全部样本，即梯度下降；"
              "--dataset 默认 100）",
    },
    "chapters.logreg.momentum": {"en": "momentum in [0, 1) (default: 0)", "zh": "动量，取值 [0, 1)（默认 0）"},
    "chapters.logreg.taylor": {
        "en": "homework II instead of training: show that a step of size EPS along the negative gradient "
        "lowers J (first-order Taylor)",
        "zh": "不训练，改为演示作业题 II：沿负梯度方向走 EPS 一小步会使 J 下降（一阶泰勒展开）",
    },
    "chapters.logreg.title_binary": {
        "en": "Logistic regression (逻辑回归), P(y=1|x) = sigmoid(w^T x + b): {classes} classes, {features} features, "
        "{samples} samples from {source}",
        "zh": "逻辑回归 P(y=1|x) = sigmoid(w^T x + b)：{classes} 类，{features} 个特征，{samples} "
              "个样本，来自 {source}",
    },
    "chapters.logreg.title_softmax": {
        "en": "Softmax regression (multinomial logistic regression), P(y=k|x) = softmax(W x + b)_k: "
        "{classes} classes, {features} features, {samples} samples from {source}",
        "zh": "Softmax 回归（多分类逻辑回归）P(y=k|x) = softmax(W x + b)_k：{classes} 类，{features} 个特征，"
        "{samples} 个样本，来自 {source}",
    },
    "chapters.logreg.classes": {"en": "Classes: {neg} -> y = 0, {pos} -> y = 1",
                                "zh": "类别：{neg} -> y = 0，{pos} -> y = 1"},
    "chapters.logreg.training": {
        "en": "Training: {method}, learning rate {lr}, momentum {momentum}",
        "zh": "训练：{method}，学习率 {lr}，动量 {momentum}",
    },
    "chapters.logreg.gd": {"en": "full-batch gradient descent (梯度下降)", "zh": "全批量梯度下降"},
    "chapters.logreg.sgd": {"en": "per-sample stochastic gradient descent (随机梯度下降)", "zh": "逐样本随机梯度下降"},
    "chapters.logreg.minibatch": {
        "en": "mini-batch stochastic gradient descent, {batch} samples per update",
        "zh": "小批量随机梯度下降，每次更新 {batch} 个样本",
    },
    "chapters.logreg.converged": {
        "en": "Converged after {epochs} epochs: every mean gradient component is below {tol}.",
        "zh": "训练 {epochs} 轮后收敛：平均梯度的每个分量都小于 {tol}。",
    },
    "chapters.logreg.stopped": {
        "en": "Stopped after {epochs} epochs (the mean gradient is not yet below {tol}).",
        "zh": "训练 {epochs} 轮后停止（平均梯度尚未小于 {tol}）。",
    },
    "chapters.logreg.shape": {
        "en": "w: {rows} x {cols} weights, b: {rows} biases (--json prints them all)",
        "zh": "w：{rows} x {cols} 个权重，b：{rows} 个偏置（--json 输出全部数值）",
    },
    "chapters.logreg.loss": {
        "en": "Loss J/N (mean negative log-likelihood): {first} after epoch 1 -> {last} after epoch {epochs}",
        "zh": "损失 J/N（平均负对数似然）：第 1 轮后 {first} -> 第 {epochs} 轮后 {last}",
    },
    "chapters.logreg.train_accuracy": {
        "en": "Training accuracy: {acc} ({right}/{total})",
        "zh": "训练集准确率：{acc}（{right}/{total}）",
    },
    "chapters.logreg.test_accuracy": {
        "en": "Test accuracy: {acc} ({right}/{total})",
        "zh": "测试集准确率：{acc}（{right}/{total}）",
    },
    "chapters.logreg.separable": {
        "en": "Note: the classes are linearly separable, so J has no minimum at finite weights; "
        "without regularisation they keep growing the longer you train.",
        "zh": "注意：两类线性可分，J 在有限的权重处没有极小值；没有正则化时，训练越久权重越大。",
    },
    "chapters.taylor.title": {
        "en": "Homework II (作业题 II): why is the negative gradient the direction in which J decreases? "
        "At the start of training, w = 0 and b = 0, on {source}:",
        "zh": "作业题 II：为什么负梯度方向是损失函数下降的方向？在训练起点 w = 0、b = 0 处，数据 {source}：",
    },
    "chapters.taylor.loss": {"en": "J(w) = {j}    |grad J(w)|^2 = {g}", "zh": "J(w) = {j}    |∇J(w)|^2 = {g}"},
    "chapters.taylor.step": {
        "en": "A step along -grad J with eps = {eps}: J(w - eps grad J) = {after}, {verdict}",
        "zh": "沿 -∇J 走一步，eps = {eps}：J(w - eps ∇J) = {after}，{verdict}",
    },
    "chapters.taylor.lower": {"en": "lower than J(w) by {drop}", "zh": "比 J(w) 低 {drop}"},
    "chapters.taylor.not_lower": {
        "en": "NOT lower: eps is too large for the first-order approximation; try a smaller one",
        "zh": "没有下降：eps 太大，一阶近似不再成立；请换一个更小的 eps",
    },
    "chapters.taylor.first_order": {
        "en": "First-order Taylor: J(w - eps grad J) ~ J(w) - eps |grad J|^2 = {predicted}; remainder {remainder}, "
        "of order eps^2",
        "zh": "一阶泰勒展开：J(w - eps ∇J) ≈ J(w) - eps |∇J|^2 = {predicted}；余项 {remainder}，为 eps^2 阶",
    },
    "chapters.taylor.direction": {
        "en": "A random step dw with |dw| = eps: J(w + dw) = {actual}, J(w) + grad J . dw = {predicted}; "
        "remainder {remainder}",
        "zh": "随机一步 dw，|dw| = eps：J(w + dw) = {actual}，J(w) + ∇J · dw = {predicted}；余项 {remainder}",
    },
    "chapters.taylor.why": {
        "en": "Why: J(w + dw) = J(w) + grad J . dw + O(|dw|^2). With dw = -eps grad J the first-order change "
        "is -eps |grad J|^2 < 0, and for a small enough eps it outweighs the remainder.",
        "zh": "原因：J(w + dw) = J(w) + ∇J · dw + O(|dw|^2)。取 dw = -eps ∇J，一阶变化为 -eps |∇J|^2 < 0，"
        "eps 足够小时它压过余项。",
    },
    # ---- perceptron
    "chapters.perc.help": {
        "en": "the perceptron (感知机) step by step; without data, the lecture's example M1(3,3), M2(4,3), M3(1,1)",
        "zh": "逐步运行感知机；不给数据时运行课程中的实例 M1(3,3)、M2(4,3)、M3(1,1)",
    },
    "chapters.perc.points": {
        "en": "points as 'x1,x2,y;...' with y = +1 or -1, optionally named 'A:3,3,+1;...' (default names M1, M2, ...)",
        "zh": "样本点，格式为 'x1,x2,y;...'，y 为 +1 或 -1，可加名字 'A:3,3,+1;...'（默认名为 M1、M2……）",
    },
    "chapters.perc.data": {
        "en": "CSV file: [name,] coordinates..., label (+1 or -1); a header row allowed",
        "zh": "CSV 文件：[名字,] 坐标……, 标签（+1 或 -1）；允许有表头",
    },
    "chapters.perc.eta": {"en": "learning rate eta (default: 1)", "zh": "学习率 η（默认 1）"},
    "chapters.perc.w0": {"en": "initial weights w0 (default: all 0)", "zh": "初始权重 w0（默认全为 0）"},
    "chapters.perc.b0": {"en": "initial bias b0 (default: 0)", "zh": "初始偏置 b0（默认 0）"},
    "chapters.perc.rule": {
        "en": "which misclassified point to update on: first (in the data's order, as the lecture), cyclic "
        "(the next one after the last used), random (seeded by --seed)",
        "zh": "选取哪个误分类点更新：first（按数据顺序取第一个，与课程一致）、cyclic（从上次所用点之后继续）、"
        "random（随机，由 --seed 决定）",
    },
    "chapters.perc.pick": {
        "en": "at iteration K update on the point NAME (homework III: --pick 5=M2); may be repeated",
        "zh": "第 K 次迭代时选用点 NAME（作业题 III：--pick 5=M2）；可重复使用",
    },
    "chapters.perc.max_passes": {
        "en": "give up after N x (number of points) updates, for data no hyperplane separates (default: 100)",
        "zh": "更新 N x（点数）次后停止，用于线性不可分的数据（默认 100）",
    },
    "chapters.perc.dual": {
        "en": "run the dual form (Gram matrix) and show alpha",
        "zh": "运行对偶形式（Gram 矩阵）并显示 α",
    },
    "chapters.perc.format": {
        "en": "table (terminal, default), markdown or csv",
        "zh": "输出格式：table（终端表格，默认）、markdown 或 csv",
    },
    "chapters.perc.plot": {
        "en": "draw the 2-D points and each iteration's hyperplane (.png, .svg, .pdf)",
        "zh": "绘制二维样本点和每次迭代的超平面（.png、.svg、.pdf）",
    },
    "chapters.perc.h_iteration": {"en": "iteration", "zh": "迭代次数"},
    "chapters.perc.h_misclassified": {"en": "misclassified", "zh": "误分类点"},
    "chapters.perc.h_w": {"en": "w", "zh": "w"},
    "chapters.perc.h_b": {"en": "b", "zh": "b"},
    "chapters.perc.h_hyperplane": {"en": "hyperplane", "zh": "超平面"},
    "chapters.perc.h_alpha": {"en": "alpha", "zh": "α"},
    "chapters.perc.none": {"en": "none", "zh": "无"},
    "chapters.perc.title": {
        "en": "Perceptron (感知机): {m} points in {d} dimensions, eta = {eta}, w0 = {w0}, b0 = {b0}; {rule}",
        "zh": "感知机：{m} 个点，{d} 维，η = {eta}，w0 = {w0}，b0 = {b0}；{rule}",
    },
    "chapters.perc.rule_first": {
        "en": "each time the first misclassified point in the order {order}",
        "zh": "每次按 {order} 的顺序选取第一个误分类点",
    },
    "chapters.perc.rule_cyclic": {
        "en": "cycling through {order}, the next misclassified point after the last one used",
        "zh": "按 {order} 循环，选取上次所用点之后的下一个误分类点",
    },
    "chapters.perc.rule_random": {
        "en": "a random misclassified point (seed {seed})",
        "zh": "随机选取误分类点（种子 {seed}）",
    },
    "chapters.perc.rule_pick": {"en": "; at iteration {k}: {name}", "zh": "；第 {k} 次迭代选 {name}"},
    "chapters.perc.dual_form": {"en": "; dual form (Gram matrix)", "zh": "；对偶形式（Gram 矩阵）"},
    "chapters.perc.converged": {
        "en": "Converged after {updates} updates: no point is misclassified.",
        "zh": "经过 {updates} 次更新后收敛：没有误分类点。",
    },
    "chapters.perc.omitted": {
        "en": "(rows {first} to {last}, {n} rows, are left out of the table; the first and the last rows are shown)",
        "zh": "（表中省略了第 {first} 到第 {last} 次迭代，共 {n} 行；只显示开头和结尾的行）",
    },
    "chapters.perc.not_converged": {
        "en": "No separating hyperplane (超平面) found after {passes} passes ({updates} updates): "
        "the points may not be linearly separable.",
        "zh": "经过 {passes} 轮（{updates} 次更新）仍未找到能分开样本的超平面：数据可能线性不可分。",
    },
    "chapters.perc.pocket": {
        "en": "Kept the pocket weights, which misclassify the fewest points ({errors} of {m}).",
        "zh": "保留误分类点最少的“口袋”权重（{m} 个点中误分类 {errors} 个）。",
    },
    "chapters.perc.model": {"en": "Perceptron model (感知机模型): f(x) = {model}", "zh": "感知机模型：f(x) = {model}"},
}
