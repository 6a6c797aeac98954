# %% [markdown] zh
# # 第3章 感知机
#
# 对应课程第 2 节「感知机」。假设数据集线性可分（课程原文印作“线形可分”，应为“线性可分”），感知机的学习目标是求得一个能将训练集正样本和负样本完全分开的**超平面**
# $\mathbf{w}^T\mathbf{x} + b = 0$（决策边界），模型为 $f(\mathbf{x}) = \mathrm{sign}(\mathbf{w}^T\mathbf{x} + b)$。
# 注意：感知机中正负样本的标签 $y$ 分别为 $+1$ 和 $-1$（逻辑回归中是 1 和 0），只是为了方便。
#
# 本笔记本演示：两种损失函数的思路；课程的实例（$M_1$、$M_2$、$M_3$）逐步迭代，复现课程的表格；**作业 III**（第 5 次迭代选 $M_2$）；
# 以及线性不可分时会发生什么。
# %% [markdown] en
# # Chapter 3 — The perceptron
#
# This follows section 2 of the lecture ("感知机", the perceptron). If the data are linearly separable (线性可分; the
# lecture's text misprints it as 线形可分, "line-shape separable"), the perceptron
# looks for a **hyperplane** (超平面) $\mathbf{w}^T\mathbf{x} + b = 0$ (the decision boundary) that separates the positive
# training samples from the negative ones; the model is $f(\mathbf{x}) = \mathrm{sign}(\mathbf{w}^T\mathbf{x} + b)$. Note that
# perceptron labels are $y = +1$ and $-1$ (logistic regression uses 1 and 0), merely for convenience.
#
# This notebook shows the two ideas for a loss function; the lecture's example ($M_1$, $M_2$, $M_3$) step by step,
# reproducing the lecture's table; **homework III** (choosing $M_2$ in iteration 5); and what happens when the data are not
# linearly separable.

# %%
LANG = "en"  # zh: 笔记本的语言："zh" 或 "en" # en: notebook language: "zh" or "en"

import matplotlib.pyplot as plt
import numpy as np

from nnscratch import perceptron
from nnscratch.data import xor_points
from nnscratch.viz import plot_text
from nnscratch.viz.chapters import perceptron_figure

PLOT_LANG, font_family = plot_text(LANG)  # zh: 只有系统里完全没有中文字体时 PLOT_LANG 才是 "en"（会给出警告） # en: PLOT_LANG is "en" only where no CJK font exists at all (with a warning)
plt.rcParams["font.family"] = font_family


def say(zh, en):
    # zh: 打印的文字用笔记本的语言
    # en: printed text, in the notebook's language
    return zh if LANG == "zh" else en


def tr(zh, en):
    # zh: 图中的标注：能显示中文时用中文
    # en: a figure label: Chinese wherever a CJK font can draw it
    return zh if PLOT_LANG == "zh" else en


def print_table(result):
    # zh: 按课程表格的样子打印一次训练：迭代次数、误分类点、w、b、超平面
    # en: the rows of a perceptron run as the lecture's table: iteration, misclassified point, w, b, hyperplane
    print(say(" 迭代次数  误分类点       w           b   超平面",
              f"{'iteration':>9s}  {'misclassified':13s}  {'w':10s} {'b':>4s}   hyperplane"))
    for row in result.rows:
        point = row.misclassified or ("-" if row.iteration == 0 else say("无", "none"))
        w = "(" + ", ".join(str(v) for v in row.w) + ")"
        print(f"{row.iteration:9d}  {point:13s}  {w:10s} {row.b:4}   {row.hyperplane}")

# %% [markdown] zh
# ## 1. 学习策略：选什么损失函数？
#
# 当样本点被误分类时，$\mathbf{w}^T\mathbf{x}_i + b$ 与 $y_i$ 异号，即 $y_i(\mathbf{w}^T\mathbf{x}_i + b) \le 0$——这样的点叫**误分类点**。
#
# - **思路 1**：误分类点的总数作为损失函数。缺点：它是参数的阶梯函数，几乎处处导数为 0，没法用梯度告诉我们参数该往哪里调。
# - **思路 2**：误分类点到超平面的总距离 $-\frac{1}{\|\mathbf{w}\|}\sum_{\mathbf{x}_i \in M} y_i(\mathbf{w}^T\mathbf{x}_i + b)$。
#   忽略 $\frac{1}{\|\mathbf{w}\|}$（目标是总距离为 0，正的因子不影响）得到感知机的损失函数
#   $L(\mathbf{w}, b) = -\sum_{\mathbf{x}_i \in M} y_i(\mathbf{w}^T\mathbf{x}_i + b)$，它连续、分段线性，有梯度。
#
# 课程的数据：正样本 $M_1(3, 3)$、$M_2(4, 3)$，负样本 $M_3(1, 1)$。固定 $\mathbf{w} = (1, 1)$，让 $b$ 变化，比较两种损失：
# %% [markdown] en
# ## 1. The learning strategy: which loss?
#
# A sample is misclassified when $\mathbf{w}^T\mathbf{x}_i + b$ and $y_i$ have different signs, i.e.
# $y_i(\mathbf{w}^T\mathbf{x}_i + b) \le 0$ — a **misclassified point** (误分类点).
#
# - **Idea 1**: the number of misclassified points as the loss. Drawback: it is a step function of the parameters, its
#   derivative is 0 almost everywhere, and the gradient cannot tell us which way to move them.
# - **Idea 2**: the total distance of the misclassified points to the hyperplane,
#   $-\frac{1}{\|\mathbf{w}\|}\sum_{\mathbf{x}_i \in M} y_i(\mathbf{w}^T\mathbf{x}_i + b)$. Dropping $\frac{1}{\|\mathbf{w}\|}$ (the
#   goal is a total distance of 0, which a positive factor does not change) gives the perceptron loss
#   $L(\mathbf{w}, b) = -\sum_{\mathbf{x}_i \in M} y_i(\mathbf{w}^T\mathbf{x}_i + b)$: continuous, piecewise linear, with a gradient.
#
# The lecture's data: positive $M_1(3, 3)$, $M_2(4, 3)$, negative $M_3(1, 1)$. With $\mathbf{w} = (1, 1)$ fixed and $b$
# varying, the two losses compare like this:

# %%
X, y, names = perceptron.lecture_example()
for name, point, label in zip(names, X, y):
    print(f"{name} ({point[0]:g}, {point[1]:g})  y = {label:+.0f}")

w = np.array([1.0, 1.0])
bs = np.linspace(-9, 3, 481)
count = [int(np.sum(perceptron.margins(X, y, w, b) <= 0)) for b in bs]
distance = [perceptron.perceptron_loss(X, y, w, b) for b in bs]
wrong = int(np.sum(perceptron.margins(X, y, w, -3.0) <= 0))
loss = perceptron.perceptron_loss(X, y, w, -3.0) + 0.0  # zh: + 0.0 把 -0.0 变成 0.0 # en: + 0.0 turns -0.0 into 0.0
print(say(f"b = -3（课程的答案）：{wrong} 个误分类点，L = {loss}",
          f"b = -3 (the lecture's answer): {wrong} misclassified, L = {loss}"))

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.3))
left.plot(bs, count, color="tab:red")
left.set_title(tr("思路 1：误分类点的个数", "idea 1: number of misclassified points"))
right.plot(bs, distance, color="tab:blue")
right.set_title(tr("思路 2：$L(\\mathbf{w}, b)$（总距离）", "idea 2: $L(\\mathbf{w}, b)$ (total distance)"))
for ax in (left, right):
    ax.set_xlabel(tr("$b$（$\\mathbf{w} = (1, 1)$ 固定）", "$b$ (with $\\mathbf{w} = (1, 1)$)"))
    ax.grid(alpha=0.3)
plt.show()

# %% [markdown] zh
# ## 2. 感知机算法
#
# 损失函数的梯度 $\frac{\partial L}{\partial \mathbf{w}} = -\sum_{\mathbf{x}_i \in M} y_i \mathbf{x}_i$，$\frac{\partial L}{\partial b} = -\sum_{\mathbf{x}_i \in M} y_i$。
# 感知机学习是**误分类驱动**的，用随机梯度下降——每次选一个误分类点 $(\mathbf{x}_i, y_i)$ 更新：
# $$\mathbf{w} \leftarrow \mathbf{w} + \eta\, y_i \mathbf{x}_i, \qquad b \leftarrow b + \eta\, y_i$$
#
# 1. 选取初值 $\mathbf{w}_0 = \mathbf{0}$，$b_0 = 0$；2. 在训练集中选取数据 $(\mathbf{x}_i, y_i)$；3. 若 $y_i(\mathbf{w}^T\mathbf{x}_i + b) \le 0$，更新参数；
# 4. 转到第 2 步，直到训练集中没有误分类点。
#
# ## 3. 课程实例
#
# 学习率 $\eta = 1$，每次选排在最前面的误分类点（课程的选法）：
# %% [markdown] en
# ## 2. The perceptron algorithm
#
# The gradient of the loss is $\frac{\partial L}{\partial \mathbf{w}} = -\sum_{\mathbf{x}_i \in M} y_i \mathbf{x}_i$,
# $\frac{\partial L}{\partial b} = -\sum_{\mathbf{x}_i \in M} y_i$. Learning is **driven by misclassified points** and uses
# stochastic gradient descent — each update takes one misclassified point $(\mathbf{x}_i, y_i)$:
# $$\mathbf{w} \leftarrow \mathbf{w} + \eta\, y_i \mathbf{x}_i, \qquad b \leftarrow b + \eta\, y_i$$
#
# 1. start from $\mathbf{w}_0 = \mathbf{0}$, $b_0 = 0$; 2. pick a sample $(\mathbf{x}_i, y_i)$ from the training set; 3. if
# $y_i(\mathbf{w}^T\mathbf{x}_i + b) \le 0$, update the parameters; 4. go back to step 2 until no point is misclassified.
#
# ## 3. The lecture's example
#
# Learning rate $\eta = 1$, always taking the first misclassified point in the data's order (the lecture's choice):

# %%
result = perceptron.train_perceptron(X, y, names, eta=1.0)
print_table(result)
print(say("感知机模型：", "perceptron model: ") + result.model)

# %% [markdown] zh
# 与课程的表格逐行比较（课程的数据，原样抄录）：
# %% [markdown] en
# Compared row by row with the lecture's table (the lecture's numbers, copied as printed):

# %%
LECTURE_TABLE = [  # zh: 迭代次数，误分类点，w，b，超平面 # en: iteration, misclassified point, w, b, hyperplane
    (0, None, (0, 0), 0, "0"),
    (1, "M1", (3, 3), 1, "3x1 + 3x2 + 1"),
    (2, "M3", (2, 2), 0, "2x1 + 2x2"),
    (3, "M3", (1, 1), -1, "x1 + x2 - 1"),
    (4, "M3", (0, 0), -2, "-2"),
    (5, "M1", (3, 3), -1, "3x1 + 3x2 - 1"),
    (6, "M3", (2, 2), -2, "2x1 + 2x2 - 2"),
    (7, "M3", (1, 1), -3, "x1 + x2 - 3"),
    (8, None, (1, 1), -3, "x1 + x2 - 3"),
]
computed = [(r.iteration, r.misclassified, tuple(r.w), r.b, r.hyperplane) for r in result.rows]
print(say("算出的表格与课程的表格一致：", "the computed table matches the lecture's: ") + str(computed == LECTURE_TABLE))
print(say("最终模型的函数间隔 y_i (w.x_i + b)：", "margins y_i (w.x_i + b) of the final model: ")
      + str(perceptron.margins(X, y, result.w, result.b)))

# %%
perceptron_figure(X, y, names, result.rows)

# %% [markdown] zh
# 还可以一步一步地走：`PerceptronTrainer` 每次调用 `step()` 做一次更新，并能列出当前的误分类点。
# %% [markdown] en
# It can also be walked one update at a time: each `step()` of a `PerceptronTrainer` makes one update, and the trainer
# lists the points misclassified at that moment.

# %%
trainer = perceptron.PerceptronTrainer(X, y, names)
while not trainer.converged:
    before = trainer.misclassified()
    row = trainer.step()
    if row.misclassified is None:
        print(say(f"误分类点 {before!s:22s} -> 收敛：w = {row.w}，b = {row.b}",
                  f"misclassified {before!s:22s} -> converged: w = {row.w}, b = {row.b}"))
    else:
        print(say(f"误分类点 {before!s:22s} -> 第 {row.iteration} 次更新，选 {row.misclassified}：w = {row.w}，b = {row.b}",
                  f"misclassified {before!s:22s} -> update {row.iteration} on {row.misclassified}: "
                  f"w = {row.w}, b = {row.b}"))

# %% [markdown] zh
# ## 4. 作业 III
#
# 前 4 步与上表相同；第 5 次迭代时 $M_1$ 和 $M_2$ 都是误分类点，这次选 **$M_2$**，补全后续的迭代过程。
# （课程作业表第 2 行的超平面印成了 “$2 + 2x_2$”，应为 $2x_1 + 2x_2$。）
# %% [markdown] en
# ## 4. Homework III
#
# The first 4 steps are as above; in iteration 5 both $M_1$ and $M_2$ are misclassified, and this time we choose **$M_2$**
# and complete the remaining iterations. (Row 2 of the homework's table prints the hyperplane as "$2 + 2x_2$"; it is
# $2x_1 + 2x_2$.)

# %%
homework = perceptron.train_perceptron(X, y, names, eta=1.0, picks={5: "M2"})
print_table(homework)
print(say("感知机模型：", "perceptron model: ") + homework.model)
print(say("所有点都分类正确：", "every point classified correctly: ")
      + str(bool(np.all(perceptron.margins(X, y, homework.w, homework.b) > 0))))

# %%
perceptron_figure(X, y, names, homework.rows)

# %% [markdown] zh
# **答案：** 第 5 步起依次为 $M_2$、$M_3$、$M_3$、$M_3$、$M_1$、$M_3$、$M_3$，第 12 行没有误分类点，
# 得到 $\mathbf{w} = (2, 1)$，$b = -5$，感知机模型 $f(x) = \mathrm{sign}(2x_1 + x_2 - 5)$。
# 与课程的 $\mathrm{sign}(x_1 + x_2 - 3)$ 不同，但同样把三个点完全分开：**感知机的解不唯一**，取决于初值和误分类点的选择顺序。
# 换几种选法看看：
# %% [markdown] en
# **Answer:** from iteration 5 on the updates use $M_2$, $M_3$, $M_3$, $M_3$, $M_1$, $M_3$, $M_3$; row 12 has no
# misclassified point, giving $\mathbf{w} = (2, 1)$, $b = -5$ and the model $f(x) = \mathrm{sign}(2x_1 + x_2 - 5)$. It differs
# from the lecture's $\mathrm{sign}(x_1 + x_2 - 3)$ yet separates the three points just as well: **the perceptron's solution
# is not unique**; it depends on the starting point and on the order in which misclassified points are chosen. A few other
# orders:

# %%
runs = {say("取第一个（课程）", "first (lecture)"): dict(rule="first"), say("轮流", "cyclic"): dict(rule="cyclic")}
runs.update({say(f"随机，种子 {s}", f"random, seed {s}"): dict(rule="random", rng=np.random.default_rng(s))
             for s in range(4)})
for name, options in runs.items():
    r = perceptron.train_perceptron(X, y, names, **options)
    print(say(f"{name}：{len(r.rows) - 2} 次更新 -> {r.model}", f"{name:16s} {len(r.rows) - 2:2d} updates -> {r.model}"))

# %% [markdown] zh
# **对偶形式**记录每个点被用来更新的次数 $\alpha_i$，$\mathbf{w} = \sum_i \alpha_i y_i \mathbf{x}_i$，只通过内积 $\mathbf{x}_i \cdot \mathbf{x}_j$ 使用数据；
# 它做出同样的选择，因此得到同样的表格：
# %% [markdown] en
# The **dual form** counts how often each point was used, $\alpha_i$, with $\mathbf{w} = \sum_i \alpha_i y_i \mathbf{x}_i$, and
# touches the data only through inner products $\mathbf{x}_i \cdot \mathbf{x}_j$; it makes the same choices and so writes the
# same table:

# %%
dual = perceptron.train_perceptron(X, y, names, picks={5: "M2"}, dual=True)
same = [(r.w, r.b) for r in dual.rows] == [(r.w, r.b) for r in homework.rows]
print(say(f"对偶形式，作业 III：α = {dual.rows[-1].alpha} -> 与原始形式的表格相同：{same}",
          f"dual form, homework III: α = {dual.rows[-1].alpha} -> same table as the primal form: {same}"))

# %% [markdown] zh
# ## 5. 思考：线性不可分时，感知机还有用吗？
#
# 异或的四个点（第 4 章）没有任何超平面能分开，感知机永远不会收敛：参数在几个状态之间循环。
# 限定迭代轮数后，可以保留误分类最少的那组参数（“口袋”算法）——四个点中最多分对三个。要真正解决异或，需要多层网络（第 4 章）。
# %% [markdown] en
# ## 5. Food for thought: is the perceptron of any use when the data are not linearly separable?
#
# No hyperplane separates the four XOR points (chapter 4), so the perceptron never converges: its parameters cycle.
# With a bound on the number of passes one can keep the parameters with the fewest mistakes (the "pocket" algorithm) —
# at best three of the four points right. Solving XOR needs a multilayer network (chapter 4).

# %%
X_xor, labels = xor_points()
y_xor = 2 * labels - 1  # {0, 1} -> {-1, +1}
xor_run = perceptron.train_perceptron(X_xor, y_xor, ["A", "B", "C", "D"], max_passes=25)
print(say(f"更新 {len(xor_run.rows) - 1} 次后是否收敛：{xor_run.converged}",
          f"converged: {xor_run.converged} after {len(xor_run.rows) - 1} updates"))
print(say("最后五组 (w, b)：", "last five (w, b): ") + str([(r.w, r.b) for r in xor_run.rows[-5:]]))
print(say(f"口袋模型 {xor_run.model}：4 个点中有 {xor_run.pocket_errors} 个误分类",
          f"pocket model {xor_run.model}: {xor_run.pocket_errors} of 4 points misclassified"))

# %% [markdown] zh
# ## 轮到你了
#
# 自己写出本章的公式：把 `raise NotImplementedError` 换成你的代码，运行单元，`check` 会在隐藏的随机测试用例
# （多种形状、float32 与 float64、边界值）上批改它，并给出指向课程公式的提示。参考答案在第 7 章
# 「动手练习与实验」的末尾；命令行里也可以用 `nnscratch exercise check 名字 文件.py` 批改。
# %% [markdown] en
# ## Your turn
#
# Write this chapter's formulas yourself: replace `raise NotImplementedError` by your code and run the cell; `check`
# grades it on hidden random cases (several shapes, float32 and float64, edge values) with a hint that points at the
# lecture's formula. The worked answers are at the end of chapter 7, "Exercises and experiments"; from the command
# line, `nnscratch exercise check NAME FILE.py` grades a file.

# %%
from nnscratch.exercises import check


# zh: 轮到你了：感知机的一次参数更新
# en: your turn: one perceptron update
def perceptron_update(w, b, x, y, eta):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("perceptron_update", perceptron_update, lang=LANG)
