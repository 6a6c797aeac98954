# %% [markdown] zh
# # 第2章 逻辑回归与梯度下降
#
# 对应课程第 1 节「知识引入—逻辑回归」。**逻辑回归**是一种分类算法；它的本质是假设数据服从一个分布，
# 再用**极大似然估计**求这个分布的参数。对二分类问题，决策边界为 $w_1 x_1 + w_2 x_2 + b = 0$：
# $h_w(x) = w_1 x_1 + w_2 x_2 + b > 0$ 的样本判为正样本（类别 1），否则为负样本（类别 0）。
#
# 本笔记本演示：sigmoid 函数；似然函数与损失函数 $J(\mathbf{w})$；梯度公式的数值验证；用**梯度下降**训练；
# 梯度下降演示（批量、随机、动量三条路径）；以及**作业 II** 的数值验证。
# %% [markdown] en
# # Chapter 2 — Logistic regression and gradient descent
#
# This follows section 1 of the lecture ("知识引入—逻辑回归", logistic regression). **Logistic regression** is a
# classification algorithm; in essence it assumes the data follow a distribution and estimates that distribution's
# parameters by **maximum likelihood**. For two classes the decision boundary is $w_1 x_1 + w_2 x_2 + b = 0$: a sample
# with $h_w(x) = w_1 x_1 + w_2 x_2 + b > 0$ is positive (class 1), otherwise negative (class 0).
#
# This notebook shows the sigmoid function; the likelihood and the loss $J(\mathbf{w})$; a numerical check of the gradient
# formula; training by **gradient descent**; the gradient-descent demo (batch, stochastic and momentum paths); and a
# numerical check of **homework II**.

# %%
LANG = "en"  # zh: 笔记本的语言："zh" 或 "en" # en: notebook language: "zh" or "en"

import matplotlib.pyplot as plt
import numpy as np

import nnscratch as nn
from nnscratch import logistic
from nnscratch.data import make_toy
from nnscratch.viz import plot_text

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

# %% [markdown] zh
# ## 1. Sigmoid 函数：把决策边界与概率联系起来
#
# 目标是建立分类概率 $P(y = 1)$ 与输入 $\mathbf{x}$ 之间的直接关系：
# $$P(y = 1 \mid \mathbf{x}) = p(\mathbf{x}) = \frac{1}{1 + e^{-(\mathbf{w}^T\mathbf{x} + b)}}, \qquad P(y = 0 \mid \mathbf{x}) = 1 - p(\mathbf{x})$$
#
# Sigmoid 把整个实数轴压缩到 $[0, 1]$；$\mathbf{w}^T\mathbf{x} + b = 0$（决策边界上）时概率恰为 0.5。
#
# （小提示：课程的补充页把函数形式写成 $\sigma(x) = \frac{1}{1 + e^{-w^T x}}$，左边的自变量是 $x$，右边却出现了 $w^T x$。
# 更清楚的写法是 $\sigma(z) = \frac{1}{1 + e^{-z}}$，再代入 $z = \mathbf{w}^T\mathbf{x} + b$，就得到上面的 $p(\mathbf{x})$。）
# %% [markdown] en
# ## 1. The sigmoid links the decision boundary to a probability
#
# The aim is a direct relation between the class probability $P(y = 1)$ and the input $\mathbf{x}$:
# $$P(y = 1 \mid \mathbf{x}) = p(\mathbf{x}) = \frac{1}{1 + e^{-(\mathbf{w}^T\mathbf{x} + b)}}, \qquad P(y = 0 \mid \mathbf{x}) = 1 - p(\mathbf{x})$$
#
# The sigmoid squeezes the whole real line into $[0, 1]$; on the decision boundary, $\mathbf{w}^T\mathbf{x} + b = 0$, the
# probability is exactly 0.5.
#
# (A small slip: the lecture's supplementary slide writes $\sigma(x) = \frac{1}{1 + e^{-w^T x}}$, a function of $x$ whose
# right-hand side holds $w^T x$. Clearer is $\sigma(z) = \frac{1}{1 + e^{-z}}$ with $z = \mathbf{w}^T\mathbf{x} + b$ substituted,
# which gives $p(\mathbf{x})$ above.)

# %%
sigmoid = nn.get_activation("sigmoid").f
z = np.linspace(-8, 8, 401)
print("sigmoid(-8), sigmoid(0), sigmoid(8) =", sigmoid(np.array([-8.0, 0.0, 8.0])).round(4))
fig, ax = plt.subplots(figsize=(5.5, 3))
ax.plot(z, sigmoid(z))
ax.axhline(0.5, color="0.6", linestyle=":")
ax.axvline(0, color="0.6", linestyle=":")
ax.set_xlabel(r"$\mathbf{w}^T\mathbf{x} + b$")
ax.set_ylabel(r"$P(y = 1 \mid \mathbf{x})$")
ax.set_title(tr("Sigmoid 函数", "the sigmoid function"))
ax.grid(alpha=0.3)
plt.show()

# %% [markdown] zh
# ## 2. 数据、似然函数与损失函数
#
# 两类各 100 个二维样本（两团互相有些重叠的高斯分布）。所有样本的似然函数是 $\prod_i p(\mathbf{x}_i)^{y_i} (1 - p(\mathbf{x}_i))^{1 - y_i}$，
# 取对数把连乘变成累加：$L(\mathbf{w}) = \sum_i \left[y_i \ln p(\mathbf{x}_i) + (1 - y_i) \ln(1 - p(\mathbf{x}_i))\right]$。
# 损失函数是对数似然取负号：$J(\mathbf{w}) = -L(\mathbf{w})$，求它的极小值。
# %% [markdown] en
# ## 2. Data, likelihood and loss
#
# 100 two-dimensional samples per class (two Gaussian blobs that overlap a little). The likelihood of all samples is
# $\prod_i p(\mathbf{x}_i)^{y_i} (1 - p(\mathbf{x}_i))^{1 - y_i}$; the logarithm turns the product into a sum:
# $L(\mathbf{w}) = \sum_i \left[y_i \ln p(\mathbf{x}_i) + (1 - y_i) \ln(1 - p(\mathbf{x}_i))\right]$. The loss is the negative
# log-likelihood, $J(\mathbf{w}) = -L(\mathbf{w})$, to be minimised.

# %%
X, y = make_toy("gaussians", 200, 0.9, np.random.default_rng(0))
T = logistic.targets(y, 1)  # zh: 把 y 排成一列 (m, 1) # en: y as a column (m, 1)
print(say(f"X 的形状 {X.shape}，各类样本数 {np.bincount(y).tolist()}", f"X {X.shape}, classes {np.bincount(y).tolist()}"))
theta0, b0 = np.zeros((1, 2)), np.zeros(1)
J0 = logistic.loss(X, T, theta0, b0)
print(f"J(w = 0) = {J0:.4f} = N ln 2 = {len(y) * np.log(2):.4f}" + say("（每个 p(x) 都是 0.5）", "  (every p(x) = 0.5)"))

# %% [markdown] zh
# ## 3. 作业 II (1)：推导损失函数
#
# 课程的推导：
# $$\begin{aligned} L(\mathbf{w}) &= \sum y_i \ln p(\mathbf{x}_i) + (1 - y_i) \ln(1 - p(\mathbf{x}_i)) \\
# &= \sum y_i \ln \frac{p(\mathbf{x}_i)}{1 - p(\mathbf{x}_i)} + \ln(1 - p(\mathbf{x}_i)) \\
# &= \sum (y_i - 1)\, \mathbf{w}^T\mathbf{x}_i - \ln(1 + e^{-\mathbf{w}^T\mathbf{x}_i}) \end{aligned}$$
#
# 关键两步：$\ln \frac{p}{1-p} = \mathbf{w}^T\mathbf{x}$（sigmoid 的反函数，“对数几率”），以及
# $\ln(1 - p) = -\mathbf{w}^T\mathbf{x} - \ln(1 + e^{-\mathbf{w}^T\mathbf{x}})$。取负号即得
# $J(\mathbf{w}) = -\sum y_i \ln p(\mathbf{x}_i) + (1 - y_i) \ln(1 - p(\mathbf{x}_i))$。下面在一个随机的 $\mathbf{w}$ 上检验三种写法数值相等
# （$\mathbf{w}^T\mathbf{x}$ 含偏置 $b$）：
# %% [markdown] en
# ## 3. Homework II (1): deriving the loss
#
# The lecture's derivation:
# $$\begin{aligned} L(\mathbf{w}) &= \sum y_i \ln p(\mathbf{x}_i) + (1 - y_i) \ln(1 - p(\mathbf{x}_i)) \\
# &= \sum y_i \ln \frac{p(\mathbf{x}_i)}{1 - p(\mathbf{x}_i)} + \ln(1 - p(\mathbf{x}_i)) \\
# &= \sum (y_i - 1)\, \mathbf{w}^T\mathbf{x}_i - \ln(1 + e^{-\mathbf{w}^T\mathbf{x}_i}) \end{aligned}$$
#
# The two key steps: $\ln \frac{p}{1-p} = \mathbf{w}^T\mathbf{x}$ (the inverse of the sigmoid, the "log-odds"), and
# $\ln(1 - p) = -\mathbf{w}^T\mathbf{x} - \ln(1 + e^{-\mathbf{w}^T\mathbf{x}})$. With a minus sign this is
# $J(\mathbf{w}) = -\sum y_i \ln p(\mathbf{x}_i) + (1 - y_i) \ln(1 - p(\mathbf{x}_i))$. Below we check at a random
# $\mathbf{w}$ that the three lines agree ($\mathbf{w}^T\mathbf{x}$ includes the bias $b$):

# %%
rng = np.random.default_rng(1)
theta, b = rng.normal(size=(1, 2)), rng.normal(size=1)
wx = logistic.logits(X, theta, b)[:, 0]   # w^T x_i + b
p = sigmoid(wx)                           # p(x_i)
line1 = np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
line2 = np.sum(y * np.log(p / (1 - p)) + np.log(1 - p))
line3 = np.sum((y - 1) * wx - np.log(1 + np.exp(-wx)))
for number, value in enumerate((line1, line2, line3), 1):
    print(say(f"第 {number} 行：{value:.10f}", f"line {number}: {value:.10f}"))
print(say("库函数算出的 J(w) = -L(w)：", "-L(w) = J(w) from the library: ") + f"{logistic.loss(X, T, theta, b):.10f}")
print(say("L(w) 的三种写法数值相等：", "all three forms of L(w) agree: ")
      + str(bool(np.allclose([line2, line3, -logistic.loss(X, T, theta, b)], line1))))

# %% [markdown] zh
# ## 4. 梯度
#
# 对一个样本，$\frac{\partial J}{\partial \mathbf{w}} = (p(\mathbf{x}_i) - y_i)\,\mathbf{x}_i$，对全部样本求和。
# 用中心差分 $\frac{J(w_j + \varepsilon) - J(w_j - \varepsilon)}{2\varepsilon}$ 逐个分量验证：
# %% [markdown] en
# ## 4. The gradient
#
# For one sample $\frac{\partial J}{\partial \mathbf{w}} = (p(\mathbf{x}_i) - y_i)\,\mathbf{x}_i$, summed over the samples.
# A component-wise check with central differences $\frac{J(w_j + \varepsilon) - J(w_j - \varepsilon)}{2\varepsilon}$:

# %%
g_theta, g_b = logistic.loss_grad(X, T, theta, b)
by_formula = np.sum((p - y)[:, None] * X, axis=0)  # sum_i (p(x_i) - y_i) x_i
eps = 1e-6
numeric = []
for j in range(2):
    step = np.zeros_like(theta)
    step[0, j] = eps
    numeric.append((logistic.loss(X, T, theta + step, b) - logistic.loss(X, T, theta - step, b)) / (2 * eps))
print(say("公式 ∑ (p - y) x：     ", "sum (p - y) x          :"), by_formula)
print(say("库函数 loss_grad：     ", "library loss_grad      :"), g_theta[0])
print(say("中心差分：             ", "central differences    :"), np.array(numeric))
print(say(f"dJ/db = ∑ (p - y) = {np.sum(p - y):.6f}，库函数 {g_b[0]:.6f}",
          f"dJ/db = sum (p - y) = {np.sum(p - y):.6f}, library {g_b[0]:.6f}"))

# %% [markdown] zh
# ## 5. 用梯度下降训练
#
# $$\mathbf{w}^{k+1} = \mathbf{w}^k - \alpha \frac{\partial J(\mathbf{w})}{\partial \mathbf{w}}$$
#
# $k$ 是迭代次数，$\alpha$ 是步长。`LogisticRegression` 用每批样本的平均梯度更新：`batch_size=None` 是批量梯度下降
# （每轮一步），`batch_size=1` 是课程的**随机梯度下降**（每个样本一步）。
# %% [markdown] en
# ## 5. Training by gradient descent
#
# $$\mathbf{w}^{k+1} = \mathbf{w}^k - \alpha \frac{\partial J(\mathbf{w})}{\partial \mathbf{w}}$$
#
# $k$ counts the iterations and $\alpha$ is the step size. `LogisticRegression` steps along the mean gradient of each batch:
# `batch_size=None` is batch gradient descent (one step per epoch), `batch_size=1` the lecture's **stochastic gradient
# descent** (one step per sample).

# %%
models = {
    tr("批量梯度下降", "batch gradient descent"): logistic.LogisticRegression(lr=0.5, epochs=100),
    tr("随机梯度下降（每个样本一步）", "stochastic (one step per sample)"):
        logistic.LogisticRegression(lr=0.05, epochs=100, batch_size=1, seed=0),
}
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
for name, model in models.items():
    model.fit(X, y)
    (w1, w2), bias = model.coef_[0], model.intercept_[0]
    print(say(f"训练 {model.n_iter_:3d} 轮，batch_size={model.batch_size}：w = ({w1:.3f}, {w2:.3f})，b = {bias:.3f}，"
              f"J/N = {model.loss_curve_[-1]:.4f}，准确率 {model.score(X, y):.3f}",
              f"{model.n_iter_:3d} epochs, batch_size={model.batch_size}: w = ({w1:.3f}, {w2:.3f}), b = {bias:.3f}, "
              f"J/N = {model.loss_curve_[-1]:.4f}, accuracy {model.score(X, y):.3f}"))
    left.plot(range(1, model.n_iter_ + 1), model.loss_curve_, label=name)
    x1 = np.linspace(X[:, 0].min(), X[:, 0].max(), 2)
    right.plot(x1, -(w1 * x1 + bias) / w2, label=name)
left.set_xlabel(tr("训练轮数", "epoch"))
left.set_ylabel(r"$J(\mathbf{w}) / N$")
left.set_title(tr("每轮结束时的损失", "loss after each epoch"))
left.legend()
left.grid(alpha=0.3)
right.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k", s=20)
right.set_xlabel("$x_1$")
right.set_ylabel("$x_2$")
right.set_title(tr("决策边界 $w_1 x_1 + w_2 x_2 + b = 0$", "decision boundary $w_1 x_1 + w_2 x_2 + b = 0$"))
right.legend(fontsize=8)
plt.show()

# %% [markdown] zh
# ## 6. 梯度下降演示
#
# 固定 $b = 0$，损失 $J(w_1, w_2)$ 是一个碗形曲面。从同一个起点出发，画出三种方法的前 40 步：批量梯度下降（沿负梯度方向平稳前进）、
# 随机梯度下降（每步只看一个样本，计算量小但方向有噪声）和带动量的梯度下降（积累速度，前进更快，会冲过头再绕回来）。
# %% [markdown] en
# ## 6. Gradient descent, visualised
#
# With $b = 0$ fixed, the loss $J(w_1, w_2)$ is a bowl. From the same start, the first 40 steps of three methods: batch
# gradient descent (steadily along the negative gradient), stochastic gradient descent (one sample per step: cheap, but
# a noisy direction) and gradient descent with momentum (it builds up speed, overshoots and curves back).

# %%
w1_grid, w2_grid = np.linspace(-2, 5, 141), np.linspace(-2, 5, 141)
surface = logistic.loss_grid(X, y, w1_grid, w2_grid, b=0.0) / len(y)
start = np.array([-1.5, 4.0])
paths = {  # zh: 打印的名字：（图例，选项） # en: printed name: (legend label, options)
    say("批量梯度下降", "batch"): (tr("批量", "batch"), dict(lr=3.0)),
    say("随机梯度下降", "stochastic"): (tr("随机（每步一个样本）", "stochastic (one sample per step)"),
                                       dict(lr=1.0, batch_size=1, rng=np.random.default_rng(0))),
    say("带动量的梯度下降", "momentum"): (tr("动量 0.8", "momentum 0.8"), dict(lr=1.0, momentum=0.8)),
}
fig, ax = plt.subplots(figsize=(6.5, 5.5))
ax.contour(w1_grid, w2_grid, surface, levels=np.geomspace(surface.min() * 1.01, surface.max(), 18), cmap="viridis")
print(say(f"网格上最小的 J/N：{surface.min():.4f}", f"smallest J/N on the grid: {surface.min():.4f}"))
for name, (label, options) in paths.items():
    thetas, _ = logistic.descent_path(X, y, start, 0.0, steps=40, update_b=False, **options)
    final = logistic.loss(X, T, thetas[-1][None, :], np.zeros(1)) / len(y)
    print(say(f"{name}走 40 步后：w = ({thetas[-1][0]:.3f}, {thetas[-1][1]:.3f})，J/N = {final:.4f}",
              f"{name:10s} after 40 steps: w = ({thetas[-1][0]:.3f}, {thetas[-1][1]:.3f}), J/N = {final:.4f}"))
    ax.plot(thetas[:, 0], thetas[:, 1], ".-", markersize=4, label=label)
ax.plot(*start, "ko")
ax.set_xlabel("$w_1$")
ax.set_ylabel("$w_2$")
ax.set_title(tr("$J(w_1, w_2)$ 的等高线与下降路径", "contours of $J(w_1, w_2)$ and descent paths"))
ax.legend(fontsize=8)
plt.show()

# %% [markdown] zh
# ## 7. 作业 II (2)：为什么负梯度方向是损失函数下降的方向？
#
# 把 $J(\mathbf{w}^{k+1}) = J(\mathbf{w}^k + \Delta\mathbf{w})$ 在 $\mathbf{w}^k$ 处一阶泰勒展开：
# $$J(\mathbf{w}^k + \Delta\mathbf{w}) = J(\mathbf{w}^k) + \nabla J(\mathbf{w}^k)^T \Delta\mathbf{w} + O(\|\Delta\mathbf{w}\|^2).$$
# 取 $\Delta\mathbf{w} = -\alpha \nabla J(\mathbf{w}^k)$（$\alpha > 0$）：
# $$J(\mathbf{w}^{k+1}) = J(\mathbf{w}^k) - \alpha \|\nabla J(\mathbf{w}^k)\|^2 + O(\alpha^2) < J(\mathbf{w}^k)$$
# 只要梯度不为 0、$\alpha$ 足够小。更进一步，记 $\varphi$ 为步长 $\Delta\mathbf{w}$ 与**负梯度** $-\nabla J$ 的夹角，在所有长度为 $\varepsilon$ 的步长中，
# 一阶变化 $\nabla J^T \Delta\mathbf{w} = -\varepsilon \|\nabla J\| \cos\varphi$ 在 $\varphi = 0°$（即沿负梯度方向）时最小（柯西-施瓦茨不等式）：
# 负梯度是**下降最快**的方向。
#
# 数值验证（`logistic.taylor_check`，在 $\mathbf{w} = 0$ 处）：沿负梯度走一步后 $J$ 确实下降，且与一阶预测的差距随步长按 $\alpha^2$ 缩小：
# %% [markdown] en
# ## 7. Homework II (2): why is the negative gradient a descent direction?
#
# Expand $J(\mathbf{w}^{k+1}) = J(\mathbf{w}^k + \Delta\mathbf{w})$ around $\mathbf{w}^k$ to first order (Taylor):
# $$J(\mathbf{w}^k + \Delta\mathbf{w}) = J(\mathbf{w}^k) + \nabla J(\mathbf{w}^k)^T \Delta\mathbf{w} + O(\|\Delta\mathbf{w}\|^2).$$
# With $\Delta\mathbf{w} = -\alpha \nabla J(\mathbf{w}^k)$ ($\alpha > 0$):
# $$J(\mathbf{w}^{k+1}) = J(\mathbf{w}^k) - \alpha \|\nabla J(\mathbf{w}^k)\|^2 + O(\alpha^2) < J(\mathbf{w}^k)$$
# whenever the gradient is not zero and $\alpha$ is small enough. Moreover, let $\varphi$ be the angle between the step
# $\Delta\mathbf{w}$ and the **negative** gradient $-\nabla J$: among all steps of length $\varepsilon$ the first-order change
# $\nabla J^T \Delta\mathbf{w} = -\varepsilon \|\nabla J\| \cos\varphi$ is smallest at $\varphi = 0°$, along the negative gradient
# (Cauchy–Schwarz): it is the direction of **steepest** descent.
#
# Checked numerically (`logistic.taylor_check`, at $\mathbf{w} = 0$): one step along the negative gradient lowers $J$,
# and the gap to the first-order prediction shrinks like $\alpha^2$:

# %%
gap_name = say("差值", "gap")
print(f"{'α':>8s} {'J(w)':>10s} {'J(w - αg)':>12s} {'J - α|g|^2':>12s} {gap_name:>10s} {gap_name + ' / α^2':>10s}")
checks = [logistic.taylor_check(X, y, step, np.random.default_rng(0)) for step in (1e-3, 1e-4, 1e-5, 1e-6)]
for c in checks:
    gap = c.loss_after - c.predicted
    print(f"{c.step:8.0e} {c.loss:10.4f} {c.loss_after:12.6f} {c.predicted:12.6f} {gap:10.2e} {gap / c.step**2:10.1f}")
print(say("每个步长下，沿负梯度走一步后 J 都下降了：", "J decreased along the negative gradient at every step size: ")
      + str(all(c.decreased for c in checks)))

# %% [markdown] zh
# 再看所有方向：在 $\mathbf{w} = 0$ 处取 360 个长度为 $\varepsilon$ 的步长，$J$ 的变化与夹角 $\varphi$（仍是与负梯度的夹角）的关系正是 $-\varepsilon\|\nabla J\|\cos\varphi$：
# %% [markdown] en
# And all directions: at $\mathbf{w} = 0$, take 360 steps of length $\varepsilon$; the change of $J$ against the angle
# $\varphi$ (again between the step and the negative gradient) follows $-\varepsilon\|\nabla J\|\cos\varphi$:

# %%
epsilon = 1e-3
g_theta, g_b = logistic.loss_grad(X, T, theta0, b0)
g = g_theta[0]  # zh: (w1, w2) 方向的梯度，b 固定为 0 # en: gradient in (w1, w2), b kept at 0
angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)
descent = -g / np.linalg.norm(g)
rotate = np.array([[np.cos(angles), -np.sin(angles)], [np.sin(angles), np.cos(angles)]])  # (2, 2, 360)
directions = np.einsum("ijn,j->ni", rotate, descent)                                     # (360, 2)
changes = np.array([logistic.loss(X, T, epsilon * d[None, :], b0) - J0 for d in directions])
best = np.degrees(angles[changes.argmin()])
print(say(f"与负梯度夹角 φ = {best:.0f} 度时 J 下降最多：下降 {-changes.min():.3e}，"
          f"一阶预测 {epsilon * np.linalg.norm(g):.3e}",
          f"largest decrease at {best:.0f} degrees from the negative gradient; "
          f"decrease there {-changes.min():.3e}, first-order prediction {epsilon * np.linalg.norm(g):.3e}"))
fig, ax = plt.subplots(figsize=(6.5, 3.5))
ax.plot(np.degrees(angles), changes, label=tr("实际变化 $J(\\mathbf{w} + \\Delta\\mathbf{w}) - J(\\mathbf{w})$",
                                               "actual change $J(\\mathbf{w} + \\Delta\\mathbf{w}) - J(\\mathbf{w})$"))
ax.plot(np.degrees(angles), -epsilon * np.linalg.norm(g) * np.cos(angles), "--",
        label=r"$-\varepsilon \|\nabla J\| \cos\varphi$")
ax.set_xlabel(tr("与负梯度的夹角 $\\varphi$（度）", "angle $\\varphi$ to the negative gradient (degrees)"))
ax.set_xticks(range(0, 361, 45))
ax.grid(alpha=0.3)
ax.legend(fontsize=8)
plt.show()

# %% [markdown] zh
# **思考：感知机 M-P 模型与线性分类器，本质是否一致？** M-P 模型 $y = f\left(\sum_{i=0}^{D} w_i x_i\right)$ 与逻辑回归的决策规则
# $\mathbf{w}^T\mathbf{x} + b > 0$ 都是用一个超平面把空间分成两半——模型的形式一致。区别在于如何学习参数：逻辑回归用 sigmoid 输出概率、
# 用极大似然（交叉熵）和梯度下降求参数；感知机只看误分类点（第 3 章）。
# %% [markdown] en
# **Food for thought: are the M-P perceptron model and a linear classifier essentially the same?** The M-P model
# $y = f\left(\sum_{i=0}^{D} w_i x_i\right)$ and logistic regression's decision rule $\mathbf{w}^T\mathbf{x} + b > 0$ both cut
# space in two with a hyperplane — the model has the same form. They differ in how the parameters are learned: logistic
# regression outputs a probability through the sigmoid and fits by maximum likelihood (cross-entropy) and gradient
# descent; the perceptron looks only at misclassified points (chapter 3).

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


# zh: 轮到你了：sigmoid 激活函数的导数
# en: your turn: the derivative of the sigmoid
def sigmoid_prime(z):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("sigmoid_prime", sigmoid_prime, lang=LANG)

# %%
# zh: 轮到你了：逻辑回归损失函数的梯度
# en: your turn: the gradient of the logistic-regression loss
def logistic_gradient(w, b, X, y):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("logistic_gradient", logistic_gradient, lang=LANG)
