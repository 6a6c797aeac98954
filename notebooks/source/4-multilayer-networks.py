# %% [markdown] zh
# # 第4章 从异或到多层神经网络
#
# 对应课程第 3 节「神经网络」。本笔记本依次演示：
#
# 1. 异或（XOR）是**非线性问题**：没有隐藏层的网络（一个线性分类器）学不会它；
# 2. 课程的第一种办法——**增加特征**（如 $x_1x_2$）；第二种办法——**隐藏层**，让网络自己学出特征；
# 3. 隐藏层对输入空间做了什么（升维/降维、放大/缩小、旋转、平移、弯曲）；
# 4. 无隐藏层、单隐藏层、多隐藏层的**决策边界**（课程图 (a)(b)(c)）；
# 5. 激活函数从 sigmoid 到 ReLU 的改变；
# 6. **作业 IV**：为什么多层神经网络可以拟合任意函数？它与浅层宽网络的区别是什么？
#
# 所有计算都调用 `nnscratch` 库的公开接口；笔记本里只有少量画图代码。
# %% [markdown] en
# # Chapter 4 — From XOR to multilayer networks
#
# This follows section 3 of the lecture ("神经网络", neural networks). The notebook shows, in order:
#
# 1. XOR is a **non-linear problem**: a network without a hidden layer (a linear classifier) cannot learn it;
# 2. the lecture's first remedy — **adding features** such as $x_1x_2$ — and the second — a **hidden layer**
#    that learns its own features;
# 3. what a hidden layer does to the input space (change of dimension, scaling, rotation, translation, bending);
# 4. **decision boundaries** with no, one and two hidden layers (the lecture's figures (a), (b), (c));
# 5. the change of activation function from sigmoid to ReLU;
# 6. **homework IV**: why can a multilayer network fit any function, and how does it differ from a shallow,
#    wide network?
#
# Every computation calls the public API of `nnscratch`; the notebook only adds a little plotting code.

# %%
LANG = "en"  # zh: 笔记本的语言："zh" 或 "en" # en: notebook language: "zh" or "en"

import time

import matplotlib.pyplot as plt
import numpy as np

import nnscratch as nn
from nnscratch.data import make_toy, xor_points
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


def plot_boundary(ax, net, X, y, title, pad=0.5):
    # zh: 画出 net 在平面上给出的 P(类别 1)、它的 0.5 等高线（决策边界）和数据点
    # en: P(class 1) of net over the plane, its 0.5 contour (the decision boundary) and the points
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], 150), np.linspace(lo[1], hi[1], 150))
    p = net.predict_proba(np.column_stack([g1.ravel(), g2.ravel()]))[:, -1].reshape(g1.shape)
    ax.contourf(g1, g2, p, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.5)
    ax.contour(g1, g2, p, levels=[0.5], colors="k", linewidths=1.5)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu_r", edgecolors="k", s=18, vmin=0, vmax=1)
    ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])

# %% [markdown] zh
# ## 1. 异或问题
#
# 异或的运算法则：$0 \oplus 0 = 0$，$1 \oplus 0 = 1$，$0 \oplus 1 = 1$，$1 \oplus 1 = 0$（同为 0，异为 1）。
# 在二维平面上，找不到一条直线把 ○（类别 0）和 ×（类别 1）分开。
# %% [markdown] en
# ## 1. The XOR problem
#
# XOR: $0 \oplus 0 = 0$, $1 \oplus 0 = 1$, $0 \oplus 1 = 1$, $1 \oplus 1 = 0$ (equal gives 0, different gives 1).
# No straight line in the plane separates the ○ (class 0) from the × (class 1).

# %%
X, y = xor_points()
for (x1, x2), label in zip(X, y):
    print(f"{x1:.0f} xor {x2:.0f} = {label}")

fig, ax = plt.subplots(figsize=(3.5, 3.5))
for label, marker in ((0, "o"), (1, "x")):
    ax.scatter(*X[y == label].T, marker=marker, s=150, linewidths=3, label=f"{tr('类别', 'class')} {label}")
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_title(tr("异或问题在二维平面上的分布", "XOR in the plane"))
ax.legend(loc="center")
plt.show()

# %% [markdown] zh
# ## 2. 没有隐藏层：线性分类器学不会异或
#
# 网络 $2 \to 1$（输出层用 sigmoid）就是逻辑回归：$a = f(\theta x + b)$，决策边界 $\theta x + b = 0$ 是一条直线。
# 用梯度下降训练它：四个点的输出都停在 0.5 附近——对称性使最好的直线也只能“谁都不偏向”。
# %% [markdown] en
# ## 2. No hidden layer: a linear classifier cannot learn XOR
#
# The network $2 \to 1$ with a sigmoid output is logistic regression: $a = f(\theta x + b)$, and the decision
# boundary $\theta x + b = 0$ is a straight line. Trained by gradient descent, its output for all four points
# stays at 0.5: by symmetry, the best line favours neither class.

# %%
xor_config = nn.TrainConfig(epochs=2000, optimizer="gd", lr=1.0)
linear = nn.Network([2, 1], output="sigmoid", init="xavier", rng=np.random.default_rng(0))
nn.fit(linear, X, y, "cross_entropy", xor_config)
print("a(2) =", linear.predict_proba(X)[:, 0].round(3))
print(say("没有隐藏层时的准确率：", "accuracy without a hidden layer: ")
      + str(nn.evaluate(linear, X, y, "cross_entropy")["accuracy"]))

# %% [markdown] zh
# ## 3. 办法一：增加特征
#
# 课程：线性分类 $f(x) = g(w_0 + w_1x_1 + w_2x_2)$；非线性分类
# $f(x) = g(w_0 + w_1x_1 + w_2x_2 + w_3x_1x_2 + \dots)$。
# 加上一个特征 $x_1x_2$，四个点在三维空间里就能被一个平面分开（**高维线性可分**）。
# %% [markdown] en
# ## 3. Remedy one: add features
#
# The lecture: linear classification $f(x) = g(w_0 + w_1x_1 + w_2x_2)$; non-linear classification
# $f(x) = g(w_0 + w_1x_1 + w_2x_2 + w_3x_1x_2 + \dots)$.
# With the one extra feature $x_1x_2$, a plane separates the four points in three dimensions
# (**linearly separable in a higher dimension**).

# %%
X_product = np.column_stack([X, X[:, 0] * X[:, 1]])  # (4, 3): x1, x2, x1*x2
with_feature = nn.Network([3, 1], output="sigmoid", init="xavier", rng=np.random.default_rng(0))
nn.fit(with_feature, X_product, y, "cross_entropy", xor_config)
w1, w2, w3 = with_feature.theta[2][0]
print(say("学到的模型：", "learned: ") + f"g({with_feature.b[2][0]:.2f} + {w1:.2f} x1 + {w2:.2f} x2 + {w3:.2f} x1x2)")
print(say("预测：", "predictions: ") + f"{with_feature.predict(X_product)}" + say("  目标：", "  targets: ") + f"{y}")

# %% [markdown] zh
# 缺点是特征数量爆炸：100 维输入的二次项 $x_ix_j$ 与三次项 $x_i^2x_j$ 各有多少个？
# %% [markdown] en
# The drawback is how fast the features multiply. How many quadratic terms $x_ix_j$ and cubic terms $x_i^2x_j$
# does a 100-dimensional input have?

# %%
n = 100
print(say(f"n = {n}：x_i x_j (i < j) 有 {n * (n - 1) // 2:,} 个，x_i^2 x_j (i != j) 有 {n * (n - 1):,} 个，"
          f"次数不超过 3 的单项式共 {(n + 3) * (n + 2) * (n + 1) // 6:,} 个",
          f"n = {n}: x_i x_j (i < j): {n * (n - 1) // 2:,}   x_i^2 x_j (i != j): {n * (n - 1):,}"
          f"   all monomials of degree <= 3: {(n + 3) * (n + 2) * (n + 1) // 6:,}"))

# %% [markdown] zh
# ## 4. 办法二：隐藏层，让网络自己学特征
#
# 在输入层和输出层之间加一个有 2 个神经元的隐藏层（网络 $2 \to 2 \to 1$，激活函数 tanh）：
# $z^{(2)} = \theta^{(2)} a^{(1)} + b^{(2)}$，$a^{(2)} = f(z^{(2)})$，$a^{(3)} = f(\theta^{(3)} a^{(2)} + b^{(3)})$。
# %% [markdown] en
# ## 4. Remedy two: a hidden layer learns the features
#
# Put a hidden layer of two neurons between input and output (network $2 \to 2 \to 1$, tanh activation):
# $z^{(2)} = \theta^{(2)} a^{(1)} + b^{(2)}$, $a^{(2)} = f(z^{(2)})$, $a^{(3)} = f(\theta^{(3)} a^{(2)} + b^{(3)})$.

# %%
# zh: float64：下文描述的正是这个种子、这个精度下的训练结果
# en: float64: the run described below is this seed's, at this precision
hidden = nn.Network([2, 2, 1], hidden="tanh", output="sigmoid", init="xavier", rng=np.random.default_rng(0),
                    dtype=np.float64)
nn.fit(hidden, X, y, "cross_entropy", nn.TrainConfig(epochs=300, optimizer="gd", lr=1.0))
print("a(3) =", hidden.predict_proba(X)[:, 0].round(3))
print(say("预测：", "predictions: ") + f"{hidden.predict(X)}" + say("  目标：", "  targets: ") + f"{y}")

# %% [markdown] zh
# 隐藏层对输入空间做了什么？先看学到的参数 $\theta^{(2)}$：两行几乎都与 $(1, 1)$ 同向，
# 即两个隐藏神经元看的都是 $x_1 + x_2$（一个像“或”，一个像“与”）。下图左边是输入空间里的网格、四个点和一些带噪声的
# 异或样本，右边是它们经过 $a^{(2)} = \tanh(\theta^{(2)} x + b^{(2)})$ 之后的样子：平面被旋转、缩放、平移；
# 因为 $\theta^{(2)}$ 的两行几乎平行，平面被**压扁**成一条细长的带子（隐藏层仍有 2 个神经元，空间还是二维的，并没有降维），
# 再被 tanh **弯曲**，$(1, 0)$ 与 $(0, 1)$ 落到了几乎同一处。
# 在隐藏层的空间里，输出层的一条直线 $\theta^{(3)} a^{(2)} + b^{(3)} = 0$ 就能把两类分开。
# %% [markdown] en
# What does the hidden layer do to the input space? First the learned $\theta^{(2)}$: both rows point almost
# along $(1, 1)$, so both hidden neurons look at $x_1 + x_2$ (one acts like OR, the other like AND). Left: a grid,
# the four points and some noisy XOR samples in the input space. Right: the same after
# $a^{(2)} = \tanh(\theta^{(2)} x + b^{(2)})$ — the plane is rotated, scaled, translated; since the two rows of
# $\theta^{(2)}$ are almost parallel it is **squashed** into a thin band (the hidden layer still has two neurons, so the
# space is still two-dimensional: nothing is reduced), and **bent** by tanh; $(1, 0)$ and $(0, 1)$ land almost on the same spot. In the hidden layer's space, one straight
# line of the output layer, $\theta^{(3)} a^{(2)} + b^{(3)} = 0$, separates the two classes.

# %%
print("θ(2) =", np.array2string(hidden.theta[2].astype(float), precision=2, separator=", "),
      "  b(2) =", np.array2string(hidden.b[2].astype(float), precision=2, separator=", "))


def hidden_space(points):
    return hidden.forward(points).a[2]  # a(2): (m, 2)


X_noisy, y_noisy = make_toy("xor", 200, 0.1, np.random.default_rng(0))
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4.2))
t = np.linspace(-0.25, 1.25, 200)
for c in np.linspace(-0.25, 1.25, 7):
    for segment in (np.column_stack([t, np.full_like(t, c)]), np.column_stack([np.full_like(t, c), t])):
        left.plot(*segment.T, color="0.85", linewidth=0.8)
        right.plot(*hidden_space(segment).T, color="0.85", linewidth=0.8)
for ax, points, noisy in ((left, X, X_noisy), (right, hidden_space(X), hidden_space(X_noisy))):
    ax.scatter(*noisy.T, c=y_noisy, cmap="coolwarm", s=8, alpha=0.5)
    for label, marker, color in ((0, "o", "tab:blue"), (1, "x", "tab:red")):
        ax.scatter(*points[y == label].T, marker=marker, color=color, s=120, linewidths=3, zorder=3)
theta3, b3 = hidden.theta[3][0], hidden.b[3][0]
h1 = np.linspace(-1, 1, 2)
right.plot(h1, -(theta3[0] * h1 + b3) / theta3[1], "k--", label=r"$\theta^{(3)} a^{(2)} + b^{(3)} = 0$")
right.set_xlim(-1.05, 1.05)
right.set_ylim(-1.05, 1.05)
right.legend(loc="lower right", fontsize=8)
left.set_title(tr("输入空间 $x = a^{(1)}$", "input space $x = a^{(1)}$"))
right.set_title(tr("隐藏层空间 $a^{(2)}$", "hidden space $a^{(2)}$"))
plt.show()

# %% [markdown] zh
# 命令行里对应的是 `nnscratch train --dataset xor`（预设 `xor`：网络 2-4-2，tanh，批量梯度下降）。
# 同一个配方也可以在 Python 里调用：
# %% [markdown] en
# On the command line the same task is `nnscratch train --dataset xor` (preset `xor`: network 2-4-2, tanh,
# full-batch gradient descent). The same recipe from Python:

# %%
from nnscratch.recipes import RunConfig, load_task, train_model

cfg = RunConfig.from_preset("xor", "xor")
result = train_model(cfg, load_task(cfg))
print(say("各层：", "layers: ") + f"{cfg.layers}" + say("  四个点上的测试准确率：", "  test accuracy on the four points: ")
      + f"{result.test['accuracy']}")

# %% [markdown] zh
# ## 5. 无隐藏层、单隐藏层、多隐藏层的决策边界
#
# 课程：“少数的神经元，只能做二分类问题；增加神经元个数，可以做更加复杂的分类；增加神经元个数，同时增加神经元的层数，
# 完成更加复杂的非线性分类问题。”下面在三个数据集（带噪声的异或、同心圆、双螺旋）上分别训练
# (a) 无隐藏层、(b) 一个 16 神经元的隐藏层、(c) 两个 16 神经元的隐藏层，用同一种优化器（Adam）和相同的轮数。
# %% [markdown] en
# ## 5. Decision boundaries with no, one and two hidden layers
#
# The lecture: "a few neurons only separate two classes by a line; more neurons draw more complex boundaries;
# more neurons in more layers solve harder non-linear problems." Below, on three datasets (noisy XOR, circles,
# two spirals), we train (a) no hidden layer, (b) one hidden layer of 16 neurons, (c) two hidden layers of 16,
# all with the same optimizer (Adam) for the same number of epochs.

# %%
architectures = {
    tr("(a) 无隐藏层", "(a) no hidden layer"): [2, 2],
    tr("(b) 单隐藏层", "(b) one hidden layer"): [2, 16, 2],
    tr("(c) 两个隐藏层", "(c) two hidden layers"): [2, 16, 16, 2],
}
toy_config = nn.TrainConfig(epochs=250, batch_size=32, optimizer="adam", lr=0.02, seed=0)
fig, axes = plt.subplots(3, 3, figsize=(10, 10))
started = time.perf_counter()
for row, name in zip(axes, ("xor", "circles", "spiral")):
    Xd, yd = make_toy(name, 300, None, np.random.default_rng(1))
    for ax, (title, sizes) in zip(row, architectures.items()):
        net = nn.Network(sizes, hidden="tanh", output="softmax", init="xavier", rng=np.random.default_rng(0),
                         dtype=np.float64)
        nn.fit(net, Xd, yd, "cross_entropy", toy_config)
        accuracy = nn.evaluate(net, Xd, yd, "cross_entropy")["accuracy"]
        print(f"{name:8s} {'-'.join(map(str, sizes)):10s} {say('训练准确率', 'training accuracy')} {accuracy:.3f}")
        plot_boundary(ax, net, Xd, yd, f"{name}  {title}\n{tr('训练准确率', 'accuracy')} {accuracy:.0%}")
print(say(f"9 个网络共训练了 {time.perf_counter() - started:.1f} 秒", f"9 networks trained in {time.perf_counter() - started:.1f} s"))
fig.tight_layout()
plt.show()

# %% [markdown] zh
# 无隐藏层的网络只能画直线；一个隐藏层已能分开异或与同心圆；双螺旋要弯折多次，两个隐藏层在同样的训练量下做得更好。
#
# ## 6. 激活函数：从 sigmoid 到 ReLU
#
# $\mathrm{sigmoid}(z) = \frac{1}{1 + e^{-z}}$，$\mathrm{ReLU}(z) = \max(0, z)$。反向传播的每一层都要乘以 $f'(z^{(l)})$
# （见第 5 章）：$\delta^{(l)} = \left((\theta^{(l+1)})^T \delta^{(l+1)}\right) \odot f'(z^{(l)})$。
# sigmoid 的导数最大只有 $1/4$，ReLU 的导数在正半轴恒为 1。
# %% [markdown] en
# Without a hidden layer the network can only draw a line; one hidden layer already separates XOR and the
# circles; the spirals need many bends, and two hidden layers do better with the same amount of training.
#
# ## 6. Activation functions: from sigmoid to ReLU
#
# $\mathrm{sigmoid}(z) = \frac{1}{1 + e^{-z}}$, $\mathrm{ReLU}(z) = \max(0, z)$. Backpropagation multiplies by
# $f'(z^{(l)})$ at every layer (chapter 5): $\delta^{(l)} = \left((\theta^{(l+1)})^T \delta^{(l+1)}\right) \odot f'(z^{(l)})$.
# The derivative of sigmoid is at most $1/4$; that of ReLU is 1 for every positive $z$.

# %%
z = np.linspace(-5, 5, 401)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
for ax, name in zip(axes, ("sigmoid", "relu")):
    f = nn.get_activation(name)
    ax.plot(z, f.f(z), label="$f(z)$")
    ax.plot(z, f.f_prime(z), "--", label="$f'(z)$")
    ax.set_title(f"{name}:  max f'(z) = {f.f_prime(z).max():.2f}")
    ax.set_xlabel("$z$")
    ax.grid(alpha=0.3)
    ax.legend()
plt.show()

# %% [markdown] zh
# 这对深层网络意味着什么？取一个有 6 个隐藏层的网络，在初始化时用 `nn.backprop` 算出每一层梯度的大小
# $\|\partial E / \partial \theta^{(l)}\|$：sigmoid 网络的梯度越往输入层越小（**梯度消失**），ReLU 网络则保持同一量级。
# %% [markdown] en
# What does this mean for a deep network? Take a network with six hidden layers and compute, at initialisation,
# the size of each layer's gradient $\|\partial E / \partial \theta^{(l)}\|$ with `nn.backprop`: in the sigmoid
# network it shrinks layer by layer towards the input (**vanishing gradients**); in the ReLU network it keeps
# its order of magnitude.

# %%
X_spiral, y_spiral = make_toy("spiral", 300, None, np.random.default_rng(1))
deep_sizes = [2, 16, 16, 16, 16, 16, 16, 2]
fig, ax = plt.subplots(figsize=(6, 3.5))
for name, init in (("sigmoid", "xavier"), ("relu", "he")):
    net = nn.Network(deep_sizes, hidden=name, output="softmax", init=init, rng=np.random.default_rng(0),
                     dtype=np.float64)
    grads = nn.backprop(net, X_spiral, np.eye(2)[y_spiral], nn.get_loss("cross_entropy"))
    norms = [np.linalg.norm(grads.grad_theta[l]) for l in net.layers]
    print(f"{name:8s}", "  ".join(f"l={l}: {g:.1e}" for l, g in zip(net.layers, norms)))
    ax.semilogy(list(net.layers), norms, "o-", label=name)
ax.set_xlabel(tr("层 $l$", "layer $l$"))
ax.set_ylabel(r"$\|\partial E / \partial \theta^{(l)}\|$")
ax.set_title(tr("初始化时各层梯度的大小", "gradient size per layer at initialisation"))
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% [markdown] zh
# 用同样的随机梯度下降（学习率 0.03，动量 0.9）训练这两个深层网络：
# %% [markdown] en
# Train both deep networks with the same stochastic gradient descent (learning rate 0.03, momentum 0.9):

# %%
deep_config = nn.TrainConfig(epochs=150, batch_size=32, optimizer="momentum", lr=0.03, seed=0)
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
for name, init in (("sigmoid", "xavier"), ("relu", "he")):
    net = nn.Network(deep_sizes, hidden=name, output="softmax", init=init, rng=np.random.default_rng(0))
    history = nn.fit(net, X_spiral, y_spiral, "cross_entropy", deep_config)
    losses = [record["train_loss"] for record in history.epochs]
    print(say(f"{name:8s} 训练 {len(losses)} 轮后损失 {losses[-1]:.3f}，准确率 {history.epochs[-1]['train_accuracy']:.3f}",
              f"{name:8s} loss after {len(losses)} epochs: {losses[-1]:.3f}, "
              f"accuracy {history.epochs[-1]['train_accuracy']:.3f}"))
    axes[0].plot(losses, label=name)
    plot_boundary(axes[1 if name == "sigmoid" else 2], net, X_spiral, y_spiral,
                  f"{name}, {len(deep_sizes) - 2} {tr('个隐藏层', 'hidden layers')}")
axes[0].set_xlabel(tr("训练轮数", "epoch"))
axes[0].set_ylabel(tr("训练损失", "training loss"))
axes[0].legend()
axes[0].grid(alpha=0.3)
plt.show()

# %% [markdown] zh
# sigmoid 网络的损失一直停在 $\ln 2 \approx 0.693$（只会猜一半对一半）：前几层几乎收不到梯度。ReLU 网络在同样的设置下学会了双螺旋。
# 这就是课程“激活函数的改变”的意义：从 sigmoid 换成 ReLU，深层网络才训练得动。
# （自适应步长的优化器如 Adam 会放大很小的梯度，能部分弥补 sigmoid 的问题，但不能消除它。）
# %% [markdown] en
# The sigmoid network's loss stays at $\ln 2 \approx 0.693$ (a coin toss): its first layers receive almost no
# gradient. The ReLU network learns the spirals with the very same settings. That is what the lecture's "change of
# activation function" is about: with ReLU instead of sigmoid, deep networks become trainable. (Optimizers with
# per-parameter step sizes such as Adam enlarge tiny gradients and partly make up for sigmoid, but do not remove
# the problem.)

# %% [markdown] zh
# ## 7. 作业 IV：为什么多层神经网络可以拟合任意函数？与浅层宽网络的区别是什么？
#
# ### (1) 一个隐藏层 = 一堆“台阶”的和
#
# 一个 sigmoid 神经元 $f(\theta x + b)$ 在 $x = -b/\theta$ 处从 0 升到 1；$\theta$ 越大，台阶越陡。
# 两个台阶相减就是一个“凸起”。下面**手工设定**网络 $1 \to 2 \to 1$ 的参数，得到 $[0.4, 0.6]$ 上高度为 1 的凸起：
# %% [markdown] en
# ## 7. Homework IV: why can a multilayer network fit any function, and how does it differ from a shallow, wide one?
#
# ### (1) One hidden layer is a sum of steps
#
# A sigmoid neuron $f(\theta x + b)$ rises from 0 to 1 at $x = -b/\theta$; the larger $\theta$, the steeper the
# step. One step minus another is a bump. Below we **set by hand** the parameters of a $1 \to 2 \to 1$ network
# to get a bump of height 1 on $[0.4, 0.6]$:

# %%
steep = 200.0
bump = nn.Network([1, 2, 1], hidden="sigmoid", output="identity", dtype=np.float64,
                  theta=[None, None, np.array([[steep], [steep]]), np.array([[1.0, -1.0]])],
                  b=[None, None, np.array([-0.4 * steep, -0.6 * steep]), np.array([0.0])])
x_line = np.linspace(0, 1, 501)[:, None]
print(say("x = 0.3、0.5、0.7 处的凸起：", "bump at x = 0.3, 0.5, 0.7: ") + f"{bump.predict_proba([[0.3], [0.5], [0.7]])[:, 0].round(3)}")

# %% [markdown] zh
# 把 $N$ 个这样的凸起（$2N$ 个隐藏神经元）并排放在一起、高度取成目标函数的值，就得到目标函数的阶梯近似；
# $N$ 越大越准——这就是**万能逼近定理**的直观解释：只要隐藏层足够宽，单隐藏层网络就能以任意精度逼近任意连续函数。
# 代价是宽度：精度每提高一倍，凸起的个数也要翻倍。
# %% [markdown] en
# Put $N$ such bumps ($2N$ hidden neurons) side by side, each as high as the target function at its centre,
# and you get a staircase approximation of the target; the larger $N$, the closer. That is the intuition behind
# the **universal approximation theorem**: a single hidden layer, if wide enough, approximates any continuous
# function to any accuracy. The price is width: halving the error doubles the number of bumps.

# %%
def target(x):
    return np.sin(2 * np.pi * x) + 0.5 * np.sin(6 * np.pi * x)


def staircase(N):
    # zh: 手工设定的 1 -> 2N -> 1 sigmoid 网络：N 个凸起，高度跟随 target
    # en: a 1 -> 2N -> 1 sigmoid network, set by hand: N bumps whose heights follow target
    edges = np.linspace(0, 1, N + 1)
    heights = target((edges[:-1] + edges[1:]) / 2)
    steep = 50.0 * N
    theta2 = np.full((2 * N, 1), steep)
    b2 = -steep * np.concatenate([edges[:-1], edges[1:]])
    theta3 = np.concatenate([heights, -heights])[None, :]
    return nn.Network([1, 2 * N, 1], hidden="sigmoid", output="identity", dtype=np.float64,
                      theta=[None, None, theta2, theta3], b=[None, None, b2, np.zeros(1)])


fig, axes = plt.subplots(1, 4, figsize=(14, 3), sharey=True)
axes[0].plot(x_line, bump.predict_proba(x_line), color="tab:red")
axes[0].set_title(tr("两个 sigmoid 相减 = 凸起", "two sigmoids: one bump"))
for ax, N in zip(axes[1:], (4, 10, 40)):
    net = staircase(N)
    error = np.sqrt(np.mean((net.predict_proba(x_line)[:, 0] - target(x_line[:, 0])) ** 2))
    print(say(f"N = {N:3d} 个凸起，{net.n(2):3d} 个隐藏神经元：均方根误差 {error:.3f}",
              f"N = {N:3d} bumps, {net.n(2):3d} hidden neurons: RMS error {error:.3f}"))
    ax.plot(x_line, target(x_line), color="0.6", linewidth=3, label=tr("目标函数", "target"))
    ax.plot(x_line, net.predict_proba(x_line), color="tab:red", label=tr("网络", "network"))
    ax.set_title(f"N = {N}  ({2 * N} {tr('个隐藏神经元', 'hidden neurons')})")
axes[1].legend(fontsize=8)
plt.show()

# %% [markdown] zh
# ### (2) 深度：层层复合，分段数按指数增长
#
# ReLU 网络是分段线性函数。**一个隐藏层**里 $n$ 个 ReLU 神经元最多产生 $n$ 个折点，即最多 $n + 1$ 段。
# 而**每层只有 2 个** ReLU 神经元也能算出“帐篷函数” $g(x) = 2\,\mathrm{ReLU}(x) - 4\,\mathrm{ReLU}(x - 0.5)$；
# 把它叠 $k$ 层得到 $g(g(\cdots g(x)))$，共有 $2^k$ 段——深度让表达能力**指数**增长，宽度只让它**线性**增长。
# 下面同样手工设定参数：
# %% [markdown] en
# ### (2) Depth: composition multiplies the number of pieces
#
# A ReLU network is piecewise linear. With **one hidden layer** of $n$ ReLU neurons it has at most $n$ kinks,
# so at most $n + 1$ linear pieces. Yet **two** ReLU neurons per layer compute the "tent"
# $g(x) = 2\,\mathrm{ReLU}(x) - 4\,\mathrm{ReLU}(x - 0.5)$; stacking $k$ such layers gives $g(g(\cdots g(x)))$ with
# $2^k$ pieces. Depth grows what the network can express **exponentially**, width only **linearly**.
# Again the parameters are set by hand:

# %%
def tent_network(k):
    # zh: 1 -> 2 -> ... -> 2 -> 1（k 个隐藏层，每层两个 ReLU），计算帐篷映射复合 k 次
    # en: 1 -> 2 -> ... -> 2 -> 1 (k hidden layers of two ReLUs) computing the tent map composed k times
    theta = [None, None, np.array([[1.0], [1.0]])] + [np.array([[2.0, -4.0], [2.0, -4.0]])] * (k - 1)
    b = [None, None] + [np.array([0.0, -0.5])] * k
    return nn.Network([1] + [2] * k + [1], hidden="relu", output="identity", dtype=np.float64,
                      theta=theta + [np.array([[2.0, -4.0]])], b=b + [np.zeros(1)])


def linear_pieces(values, x):
    # zh: 采样得到的分段线性曲线有几段直线（斜率变化的次数 + 1）
    # en: how many straight pieces a sampled piecewise-linear curve has (slope changes + 1)
    slopes = np.diff(values) / np.diff(x)
    return int(np.sum(np.abs(np.diff(slopes)) > 1e-6)) + 1


x_fine = np.linspace(0, 1, 2**12 + 1)
fig, axes = plt.subplots(1, 4, figsize=(14, 2.8), sharey=True)
print(say(" k      隐藏神经元    参数个数       线性段数  （只用一个隐藏层至少需要 段数-1 个神经元）",
          " k  hidden neurons  parameters  linear pieces  (one hidden layer needs >= pieces-1 neurons)"))
for ax, k in zip(axes, (1, 2, 3, 5)):
    net = tent_network(k)
    values = net.predict_proba(x_fine[:, None])[:, 0]
    pieces = linear_pieces(values, x_fine)
    print(f"{k:2d}  {2 * k:14d}  {net.n_parameters:10d}  {pieces:13d}  {pieces - 1:8d}")
    ax.plot(x_fine, values)
    ax.set_title(f"k = {k}: {pieces} {tr('段', 'pieces')}")
plt.show()

# %% [markdown] zh
# ### (3) 实验：同样的参数量，加宽还是加深？
#
# 用梯度下降拟合 $y = \sin 2\pi x + 0.5 \sin 6\pi x$（$x \in [-1, 1]$）：一组网络只有一个隐藏层，宽度 4 到 128；
# 另一组每层 8 个神经元，深度 1 到 4 层。所有网络用同样的 Adam 训练同样的轮数，比较参数个数与训练误差。
# %% [markdown] en
# ### (3) Experiment: for the same number of parameters, wider or deeper?
#
# Fit $y = \sin 2\pi x + 0.5 \sin 6\pi x$ on $x \in [-1, 1]$ by gradient descent: one family has a single hidden
# layer of width 4 to 128, the other has 8 neurons per layer and 1 to 4 hidden layers. All are trained with the
# same Adam for the same number of epochs; we compare parameter count and training error.

# %%
x_train = np.linspace(-1, 1, 200)[:, None]
y_train = np.sin(2 * np.pi * x_train) + 0.5 * np.sin(6 * np.pi * x_train)
fit_config = nn.TrainConfig(epochs=1500, batch_size=200, optimizer="adam", lr=0.01, seed=0)
families = {
    tr("加宽：1 个隐藏层", "wider: 1 hidden layer"): [[1, w, 1] for w in (4, 8, 16, 32, 64, 128)],
    tr("加深：每层 8 个神经元", "deeper: 8 neurons per layer"): [[1] + [8] * d + [1] for d in (1, 2, 3, 4)],
}
started = time.perf_counter()
fig, (ax_err, ax_fit) = plt.subplots(1, 2, figsize=(12, 4))
print(say(f"{'网络结构':18s} {'参数个数':>6s} {'训练均方误差':>7s}", f"{'layers':22s} {'parameters':>10s} {'training MSE':>13s}"))
for family, all_sizes in families.items():
    counts, errors = [], []
    for sizes in all_sizes:
        net = nn.Network(sizes, hidden="tanh", output="identity", init="xavier", rng=np.random.default_rng(0),
                         dtype=np.float64)
        history = nn.fit(net, x_train, y_train, "quadratic", fit_config)
        mse = 2 * history.epochs[-1]["train_loss"]  # zh: 二次代价函数是 1/2 (y - a)^2 # en: the quadratic cost is 1/2 (y - a)^2
        counts.append(net.n_parameters)
        errors.append(mse)
        print(f"{'-'.join(map(str, sizes)):22s} {net.n_parameters:10d} {mse:13.4f}")
        if sizes in ([1, 128, 1], [1, 8, 8, 8, 8, 1]):
            ax_fit.plot(x_train, net.predict_proba(x_train), label=f"{'-'.join(map(str, sizes))} ({net.n_parameters})")
    ax_err.semilogy(counts, errors, "o-", label=family)
print(say(f"共训练了 {time.perf_counter() - started:.1f} 秒", f"trained in {time.perf_counter() - started:.1f} s"))
ax_err.set_xlabel(tr("参数个数", "parameters"))
ax_err.set_ylabel(tr("训练均方误差", "training MSE"))
ax_err.legend()
ax_err.grid(alpha=0.3)
ax_err.yaxis.set_minor_formatter(plt.NullFormatter())
ax_fit.plot(x_train, y_train, color="0.6", linewidth=3, label=tr("目标函数", "target"), zorder=0)
ax_fit.legend(fontsize=8)
ax_fit.set_title(tr("最宽的浅层网络与最深的网络", "the widest shallow and the deepest network"))
plt.show()

# %% [markdown] zh
# 注意：单隐藏层网络在理论上只要够宽就能逼近目标（第 (1) 部分），但在同样的训练量下，它的误差随宽度下降得很慢，
# 甚至不再下降——宽而浅的网络要靠梯度下降把很多“台阶”摆到正确的位置，这比深层网络复用特征更难。
# %% [markdown] en
# Note: a single hidden layer can in principle approximate the target if wide enough (part (1)), yet with the same
# training its error falls slowly with width, or stops falling — gradient descent has to place many separate
# "steps" just right, which is harder than reusing features layer upon layer.

# %% [markdown] zh
# ### (4) 更大规模的实验：`nnscratch.sweep` 一次训练一批网络
#
# 作业 IV 的问题也可以在 MNIST 上用实验回答。`nnscratch.sweep.homework_iv_points` 生成一组网络：1、2、3 个隐藏层，
# 但参数量相同（约 25,000 个）；另一组在上面的一维函数拟合任务上做同样的比较。`sweep.run` 用本机所有 CPU 核并行训练
# （命令行：`nnscratch sweep --preset homework-iv`；加 `--cluster tcp://...` 可交给 Dask 集群）。
# %% [markdown] en
# ### (4) At scale: `nnscratch.sweep` trains a batch of networks at once
#
# Homework IV can be answered by experiment on MNIST too. `nnscratch.sweep.homework_iv_points` makes networks of 1, 2
# and 3 hidden layers with the same number of parameters (about 25,000), and the same comparison on the 1-D
# function-fitting task. `sweep.run` trains them in parallel on every core of this machine (command line:
# `nnscratch sweep --preset homework-iv`; with `--cluster tcp://...` a Dask cluster runs them).

# %%
from nnscratch import sweep
from nnscratch.viz.sweep import plot_sweep

points = sweep.homework_iv_points(budgets=(25_000,), epochs=1, function_budgets=(200, 800), function_epochs=300)
records = sweep.run(points).records
print(say(f"{'任务':10s} {'网络结构':16s} {'参数个数':>6s} {'测试准确率':>7s} {'测试损失':>8s}",
          f"{'task':10s} {'layers':16s} {'parameters':>10s} {'test acc.':>9s} {'test loss':>9s}"))
for r in records:
    acc = "-" if r["test_accuracy"] is None else f"{100 * r['test_accuracy']:.2f}%"
    task = r["config"]["dataset"]
    print(f"{task:10s} {'-'.join(map(str, r['layers'])):16s} {r['parameters']:10d} {acc:>9s} {r['test_loss']:9.5f}")
plot_sweep(records, lang=PLOT_LANG)

# %% [markdown] zh
# **作业 IV 的参考答案。**
#
# - **为什么能拟合任意函数：** 每个隐藏神经元 $f(\theta x + b)$ 是一个平移、缩放过的非线性“台阶”（或 ReLU 的“折线”）；
#   输出层把它们线性组合。足够多的台阶可以拼出任意连续函数的轮廓（第 (1) 部分）——这就是万能逼近定理。
#   激活函数必须是非线性的：全是线性层的网络，不管多少层，仍然只是一个线性函数。
# - **与浅层宽网络的区别：** 浅层网络靠**并排**堆神经元，表达能力随宽度线性增长，精细的函数需要非常多的神经元；
#   深层网络靠**复合**，每一层在上一层学到的特征上再做变换（旋转、平移、弯曲……），同样的参数量可以表达多得多的
#   “弯折”（第 (2) 部分，$2^k$ 段只用 $2k$ 个神经元）。在第 (3) 部分的实验中，参数量相近时深层网络的误差明显更小。
# - **代价：** 深层网络更难训练——梯度要穿过很多层，sigmoid 会使梯度消失（第 6 节），需要 ReLU、合适的初始化和优化器。
# %% [markdown] en
# **A model answer to homework IV.**
#
# - **Why any function:** each hidden neuron $f(\theta x + b)$ is a shifted, scaled non-linear step (or, for ReLU,
#   a kink); the output layer adds them up linearly. Enough steps trace the outline of any continuous function
#   (part (1)) — the universal approximation theorem. The activation must be non-linear: a network of linear
#   layers, however many, is still one linear function.
# - **Difference from a shallow, wide network:** a shallow network puts neurons **side by side**; what it can
#   express grows linearly with its width, and a detailed function needs very many neurons. A deep network
#   **composes**: each layer transforms the features of the layer before (rotating, translating, bending ...),
#   so the same number of parameters expresses far more bends (part (2): $2^k$ pieces from $2k$ neurons). In the
#   experiment of part (3), at similar parameter counts the deeper networks reach a clearly lower error.
# - **The price:** deep networks are harder to train — the gradient has to pass through many layers, sigmoid
#   makes it vanish (section 6), and ReLU, a suitable initialisation and optimizer are needed.

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


# zh: 轮到你了：一层的前向传播
# en: your turn: forward pass of one layer
def layer_forward(theta, b, a_prev, f):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("layer_forward", layer_forward, lang=LANG)
