# %% [markdown] zh
# # 第7章 动手练习与实验
#
# 学反向传播最好的办法是自己写一遍。本章有两部分：
#
# 1. **练习**：12 个小函数，从极大似然估计、sigmoid 的导数、逻辑回归的梯度、感知机的一次更新，到一层的前向传播、
#    输出层误差 δ(L)、隐藏层误差的反向传播、权重的梯度、整个网络的反向传播、小批量梯度下降，以及作业 V 的参数个数。
#    每个练习都有一个"轮到你了"的代码单元：把 `raise NotImplementedError` 换成你的代码，运行后 `check(...)`
#    会在隐藏的随机测试用例（多种形状、float32 与 float64、边界值）上与参考答案比较，并给出指向课程公式的提示。
#    参考答案放在本章最后。
# 2. **实验**：课程之后自然会问的五个问题——二次代价函数为什么会让学习变慢、初始化为什么重要、过拟合、
#    隐藏层神经元学到了什么、权值共享（作业 V）——每个都用真实的训练结果回答。
#
# 命令行里同样可以做：`nnscratch exercise list`、`nnscratch exercise show delta_hidden --skeleton > my.py`、
# `nnscratch exercise check delta_hidden my.py`，以及 `nnscratch experiment slowdown --plot slowdown.png`。
# %% [markdown] en
# # Chapter 7 — Exercises and experiments
#
# The best way to learn backpropagation is to write it. This chapter has two parts:
#
# 1. **Exercises**: twelve small functions, from the maximum-likelihood estimate, the sigmoid's derivative, the
#    logistic-regression gradient and one perceptron update, to one layer's forward pass, the output error δ(L), the
#    backpropagated hidden error, the weight gradient, backpropagation through a whole network, a mini-batch
#    gradient-descent step and the parameter count of homework V. Each has a "your turn" cell: replace
#    `raise NotImplementedError` by your code and run it; `check(...)` compares your function with the reference on
#    hidden random cases (several shapes, float32 and float64, edge values) and gives a hint that points at the
#    lecture's formula. The worked answers are at the end of the chapter.
# 2. **Experiments**: five questions the lecture leads to — why the quadratic cost slows learning, why
#    initialisation matters, overfitting, what hidden neurons learn, and weight sharing (homework V) — each answered
#    with real training runs.
#
# The same from the command line: `nnscratch exercise list`, `nnscratch exercise show delta_hidden --skeleton > my.py`,
# `nnscratch exercise check delta_hidden my.py`, and `nnscratch experiment slowdown --plot slowdown.png`.

# %%
LANG = "en"  # zh: 笔记本的语言："zh" 或 "en" # en: notebook language: "zh" or "en"

import matplotlib.pyplot as plt
import numpy as np

from nnscratch.exercises import check, describe, list_exercises
from nnscratch.experiments import plot_experiment, run_experiment, summarize
from nnscratch.viz import plot_text

PLOT_LANG, font_family = plot_text(LANG)  # zh: 系统里没有中文字体时 PLOT_LANG 为 "en" # en: PLOT_LANG is "en" where no CJK font exists
plt.rcParams["font.family"] = font_family


def say(zh, en):
    # zh: 打印的文字用笔记本的语言
    # en: printed text, in the notebook's language
    return zh if LANG == "zh" else en


def show(fig):
    # zh: 把 nnscratch 画好的图（matplotlib 的 Figure 对象）显示在笔记本里
    # en: show a figure nnscratch drew (a matplotlib Figure) in the notebook
    import io

    from IPython.display import Image, display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    display(Image(buffer.getvalue()))

# %% [markdown] zh
# ## 1. 练习
#
# 全部练习（章节号是课程的节号）。向量是一维数组，θ(l) 的形状是 (n_l, n_{l-1})，与课程一致。
# %% [markdown] en
# ## 1. Exercises
#
# All the exercises (the chapter is the lecture's section). Vectors are 1-D arrays and θ(l) has shape
# (n_l, n_{l-1}), as in the lecture.

# %%
for e in list_exercises():
    print(f"{e['chapter']}  {e['name']:<28} {e['title'][LANG]}")

# %% [markdown] zh
# 每个"轮到你了"单元的用法：先读题（`describe(名字)["task"]`），写出函数，运行单元。还没写时会看到
# `NotImplementedError`；写错时会看到第一个出错的测试用例（输入、正确结果、你的结果）和提示。
# %% [markdown] en
# How each "your turn" cell works: read the task (`describe(name)["task"]`), write the function, run the cell.
# Before you write it you see `NotImplementedError`; with a wrong answer you see the first failing case (inputs,
# expected, got) and a hint.

# %%
print(describe("urn_mle", LANG)["task"])


# zh: 轮到你了：p 的极大似然估计
# en: your turn: the maximum-likelihood p
def urn_mle(draws, white):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("urn_mle", urn_mle, lang=LANG)

# %%
print(describe("sigmoid_prime", LANG)["task"])


# zh: 轮到你了：f'(z) = f(z)(1 - f(z))，|z| 很大时也不能出现 NaN
# en: your turn: f'(z) = f(z)(1 - f(z)), with no NaN for large |z|
def sigmoid_prime(z):
    raise NotImplementedError


_ = check("sigmoid_prime", sigmoid_prime, lang=LANG)

# %%
print(describe("logistic_gradient", LANG)["task"])


# zh: 轮到你了：X 每行一个样本，J 是对样本求和
# en: your turn: X has one sample per row, and J is a sum over the samples
def logistic_gradient(w, b, X, y):
    raise NotImplementedError


_ = check("logistic_gradient", logistic_gradient, lang=LANG)

# %%
print(describe("perceptron_update", LANG)["task"])


# zh: 轮到你了：误分类点上的一次更新
# en: your turn: one update on a misclassified point
def perceptron_update(w, b, x, y, eta):
    raise NotImplementedError


_ = check("perceptron_update", perceptron_update, lang=LANG)

# %%
print(describe("layer_forward", LANG)["task"])


# zh: 轮到你了：theta 的形状是 (n_l, n_{l-1})
# en: your turn: theta has shape (n_l, n_{l-1})
def layer_forward(theta, b, a_prev, f):
    raise NotImplementedError


_ = check("layer_forward", layer_forward, lang=LANG)

# %%
print(describe("delta_output_quadratic", LANG)["task"])


# zh: 轮到你了：E = ½‖y - a‖² 的输出层误差
# en: your turn: the output error of E = ½‖y - a‖²
def delta_output_quadratic(y, a, fprime_z):
    raise NotImplementedError


_ = check("delta_output_quadratic", delta_output_quadratic, lang=LANG)

# %%
print(describe("delta_output_cross_entropy", LANG)["task"])


# zh: 轮到你了：softmax + 交叉熵的输出层误差
# en: your turn: the output error of softmax with cross-entropy
def delta_output_cross_entropy(y, a):
    raise NotImplementedError


_ = check("delta_output_cross_entropy", delta_output_cross_entropy, lang=LANG)

# %%
print(describe("delta_hidden", LANG)["task"])


# zh: 轮到你了：反向传播的核心公式
# en: your turn: the core formula of backpropagation
def delta_hidden(theta_next, delta_next, fprime_z):
    raise NotImplementedError


_ = check("delta_hidden", delta_hidden, lang=LANG)

# %%
print(describe("weight_gradient", LANG)["task"])


# zh: 轮到你了：结果与 θ(l) 形状相同
# en: your turn: the result is shaped like θ(l)
def weight_gradient(delta, a_prev):
    raise NotImplementedError


_ = check("weight_gradient", weight_gradient, lang=LANG)

# %%
print(describe("backprop_network", LANG)["task"])


# zh: 轮到你了：thetas[0] 是 θ(2)；用有限差分批改
# en: your turn: thetas[0] is θ(2); graded by finite differences
def backprop_network(thetas, bs, x, y, f, fprime):
    raise NotImplementedError


_ = check("backprop_network", backprop_network, lang=LANG)

# %%
print(describe("sgd_minibatch_step", LANG)["task"])


# zh: 轮到你了：对小批量中每个样本的梯度取平均
# en: your turn: average the per-sample gradients of the mini-batch
def sgd_minibatch_step(thetas, bs, X, Y, f, fprime, lr):
    raise NotImplementedError


_ = check("sgd_minibatch_step", sgd_minibatch_step, lang=LANG)

# %%
print(describe("count_parameters", LANG)["task"])


# zh: 轮到你了：作业 V
# en: your turn: homework V
def count_parameters(sizes):
    raise NotImplementedError


_ = check("count_parameters", count_parameters, lang=LANG)

# %% [markdown] zh
# 一个典型的错误是什么样子：下面的 `delta_hidden` 漏掉了 f'(z(l))，`check` 指出了错在哪里。
# %% [markdown] en
# What a typical mistake looks like: this `delta_hidden` forgets f'(z(l)), and `check` says so.

# %%
def delta_hidden_wrong(theta_next, delta_next, fprime_z):
    return theta_next.T @ delta_next  # zh: 漏掉了 * fprime_z # en: forgot * fprime_z


_ = check("delta_hidden", delta_hidden_wrong, lang=LANG)

# %% [markdown] zh
# ## 2. 实验一：二次代价函数让学习变慢
#
# 对 E = ½‖y − a‖²，输出层误差 δ(L) = −(y − a) ⊙ f'(z(L))。如果输出神经元饱和（a(L) 接近 0 或 1），
# f'(z(L)) ≈ 0，无论输出错得多厉害，梯度都很小。交叉熵的 δ(L) = a − y，没有这个因子。
# 两个网络从**同一个**饱和状态开始（所有输出 a(L) ≈ 0.9975），用同样的学习率训练。
# %% [markdown] en
# ## 2. Experiment 1: the quadratic cost slows learning down
#
# For E = ½‖y − a‖² the output error is δ(L) = −(y − a) ⊙ f'(z(L)). When the output neuron is saturated (a(L) near 0
# or 1), f'(z(L)) ≈ 0 and the gradient is tiny however wrong the output is. Cross-entropy's δ(L) = a − y has no such
# factor. Both networks start from the **same** saturated state (every output a(L) ≈ 0.9975) and train with the same
# learning rate.

# %%
slowdown = run_experiment("slowdown")
print(summarize(slowdown, LANG))
q, c = (slowdown["runs"][k]["epochs_to_90"] for k in ("quadratic", "cross_entropy"))
print(say("交叉熵达到 90% 至少快 3 倍：", "cross-entropy reached 90% at least 3x sooner: ") + str(q is None or q >= 3 * c))
show(plot_experiment(slowdown, PLOT_LANG))

# %% [markdown] zh
# ## 3. 实验二：初始化
#
# 课程用标准正态分布 N(0, 1) 初始化权重。在一个有 4 个隐藏层的深层网络上比较 N(0, 1)、Xavier 和 He 初始化：
# 初始时每层的饱和比例和梯度范数 ‖∂E/∂θ(l)‖，以及训练几轮后的准确率。
# δ(l) = (θ(l+1)^T δ(l+1)) ⊙ f'(z(l)) 在每个 sigmoid 层都乘以 f'(z) ≤ ¼，所以越靠近输入层梯度越小（梯度消失）。
# %% [markdown] en
# ## 3. Experiment 2: initialisation
#
# The lecture initialises the weights from a standard normal N(0, 1). On a deep network with 4 hidden layers we
# compare N(0, 1), Xavier and He: the saturated fraction and the gradient norm ‖∂E/∂θ(l)‖ per layer at the start,
# and the accuracy after a few epochs. δ(l) = (θ(l+1)^T δ(l+1)) ⊙ f'(z(l)) multiplies by f'(z) ≤ ¼ at every sigmoid
# layer, so the gradient shrinks towards the input (vanishing gradients).

# %%
init = run_experiment("init", epochs=2)
print(summarize(init, LANG))
show(plot_experiment(init, PLOT_LANG))

# %% [markdown] zh
# ## 4. 实验三：过拟合
#
# 只用 1,000 张训练图片训练 784-30-10：训练集准确率接近 100%，验证集却停在 80% 左右，两者之差就是过拟合。
# 再比较 L2 权重衰减和提前停止（训练引擎提供 dropout 时也一并比较）。
# %% [markdown] en
# ## 4. Experiment 3: overfitting
#
# Train 784-30-10 on only 1,000 images: training accuracy approaches 100% while validation accuracy stays near 80%;
# the gap is overfitting. Then compare L2 weight decay and early stopping (and dropout, where the engine has it).

# %%
overfit = run_experiment("overfit")
print(summarize(overfit, LANG))
gaps = {name: run["gap"] for name, run in overfit["runs"].items()}
print(say("L2 权重衰减缩小了训练集与验证集之差：", "L2 weight decay narrows the train/validation gap: ") + str(gaps["l2"] < gaps["none"]))
show(plot_experiment(overfit, PLOT_LANG))

# %% [markdown] zh
# ## 5. 实验四：隐藏层神经元学到了什么
#
# 对训练好的 784-30-10 网络，找出使每个隐藏层神经元激活最强的测试图片，放在它的权重图 θ_i(2) 旁边。
# z_i(2) = θ_i(2) · x + b_i(2) 对与权重图正值（红色）部分相似的图片最大。
# %% [markdown] en
# ## 5. Experiment 4: what the hidden neurons learned
#
# For a trained 784-30-10 network, the test images that excite each hidden neuron most, beside its weight image
# θ_i(2). z_i(2) = θ_i(2) · x + b_i(2) is largest for images that look like the positive (red) part of the weights.

# %%
hidden = run_experiment("hidden-units", units=8, n_train=5000)
print(summarize(hidden, LANG))
show(plot_experiment(hidden, PLOT_LANG))

# %% [markdown] zh
# ## 6. 实验五：权值共享（作业 V）
#
# 全连接层的参数个数随像素数增长；卷积层在每个位置重复使用同一组小滤波器。这里的卷积层（8 个 5×5 滤波器）
# 完全用 NumPy 从零写成（`nnscratch.experiments.conv`），与两个全连接网络在同样的图片上训练同样的轮数。
# 为了让笔记本跑得快，这里只训练 2,000 张图片 1 轮，大网络 784-256-128-10 还远没有训练好；
# 命令 `nnscratch experiment weight-sharing`（5,000 张图片，2 轮）给出更完整的对比。
# %% [markdown] en
# ## 6. Experiment 5: weight sharing (homework V)
#
# A dense layer's parameter count grows with the number of pixels; a convolution reuses the same small filters at
# every position. The convolution layer here (8 filters of 5×5) is written from scratch in NumPy
# (`nnscratch.experiments.conv`) and trained beside two dense networks on the same images for the same epochs.
# To keep the notebook quick this trains on 2,000 images for one epoch, far too little for the big 784-256-128-10;
# the command `nnscratch experiment weight-sharing` (5,000 images, 2 epochs) gives the fuller comparison.

# %%
sharing = run_experiment("weight-sharing", n_train=2000, epochs=1)
print(summarize(sharing, LANG))
print(say("参数个数：", "parameters: ") + " · ".join(f"{m['model']} {m['parameters']:,}" for m in sharing["models"]))
show(plot_experiment(sharing, PLOT_LANG))

# %% [markdown] zh
# ## 7. 参考答案
#
# 先自己做，再看这里。每个答案都用课程的记号写成，并通过 `check`。
# %% [markdown] en
# ## 7. Worked answers
#
# Try first, then look here. Each answer is written in the lecture's notation and passes `check`.

# %%
def urn_mle(draws, white):
    return white / draws  # zh: dL/dp = 0 得 p = k/n # en: dL/dp = 0 gives p = k/n


def sigmoid_prime(z):
    e = np.exp(-np.abs(z))  # zh: e^(-|z|) 不会溢出 # en: e^(-|z|) never overflows
    f = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return f * (1 - f)


def logistic_gradient(w, b, X, y):
    p = 1 / (1 + np.exp(-(X @ w + b)))  # zh: p(x_i)，形状 (N,) # en: p(x_i), shape (N,)
    return X.T @ (p - y), np.sum(p - y)


def perceptron_update(w, b, x, y, eta):
    return w + eta * y * x, b + eta * y


def layer_forward(theta, b, a_prev, f):
    z = theta @ a_prev + b  # zh: z(l) = θ(l) a(l-1) + b(l) # en: z(l) = θ(l) a(l-1) + b(l)
    return z, f(z)


def delta_output_quadratic(y, a, fprime_z):
    return -(y - a) * fprime_z


def delta_output_cross_entropy(y, a):
    return a - y


def delta_hidden(theta_next, delta_next, fprime_z):
    return (theta_next.T @ delta_next) * fprime_z


def weight_gradient(delta, a_prev):
    return np.outer(delta, a_prev)  # zh: δ(l) (a(l-1))^T，形状 (n_l, n_{l-1}) # en: δ(l) (a(l-1))^T, shape (n_l, n_{l-1})


def backprop_network(thetas, bs, x, y, f, fprime):
    zs, activations = [], [x]
    for theta, b in zip(thetas, bs):
        z, a = layer_forward(theta, b, activations[-1], f)
        zs.append(z)
        activations.append(a)
    deltas = [delta_output_quadratic(y, activations[-1], fprime(zs[-1]))]
    for k in range(len(thetas) - 2, -1, -1):  # zh: 第 L-1 层到第 2 层 # en: layers L-1 down to 2
        deltas.insert(0, delta_hidden(thetas[k + 1], deltas[0], fprime(zs[k])))
    return [weight_gradient(d, a) for d, a in zip(deltas, activations[:-1])], deltas


def sgd_minibatch_step(thetas, bs, X, Y, f, fprime, lr):
    N = len(X)
    new_thetas, new_bs = [t.copy() for t in thetas], [b.copy() for b in bs]
    for x, y in zip(X, Y):
        grad_thetas, grad_bs = backprop_network(thetas, bs, x, y, f, fprime)
        for k in range(len(thetas)):
            new_thetas[k] -= lr / N * grad_thetas[k]  # zh: θ ← θ - (μ/N) Σ ∂E(i)/∂θ # en: θ ← θ - (μ/N) Σ ∂E(i)/∂θ
            new_bs[k] -= lr / N * grad_bs[k]
    return new_thetas, new_bs


def count_parameters(sizes):
    return sum(n * m + n for m, n in zip(sizes, sizes[1:]))


answers = [urn_mle, sigmoid_prime, logistic_gradient, perceptron_update, layer_forward, delta_output_quadratic,
           delta_output_cross_entropy, delta_hidden, weight_gradient, backprop_network, sgd_minibatch_step,
           count_parameters]
results = [check(fn.__name__, fn, lang=LANG) for fn in answers]
print(say(f"{len(results)} 个答案中 {sum(r.passed for r in results)} 个通过", f"{sum(r.passed for r in results)} of {len(results)} answers pass"))
print(f"count_parameters([784, 30, 10]) = {count_parameters([784, 30, 10]):,}")
