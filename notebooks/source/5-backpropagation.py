# %% [markdown] zh
# # 第5章 反向传播
#
# 对应课程第 4 节「反向传播」。我们用课程里的网络——输入层 3 个神经元、隐藏层 4 个、输出层 2 个（3-4-2），
# 激活函数 $f$ 为 sigmoid，代价函数 $E = \frac{1}{2}\|\mathbf{y} - \mathbf{a}^{(3)}\|^2$——
#
# 1. 按课程的**标量公式**手算前向传播，以及 $\partial E / \partial \theta_{23}^{(3)}$（课程的“手推”）、
#    一个隐藏层权重和偏置的梯度；
# 2. 与库函数 `explain_backprop` 给出的每一个 $z$、$a$、$\delta$ 和梯度对照；
# 3. 用有限差分做**梯度检验**；
# 4. 用梯度下降更新参数，并与 `nn.fit` 的结果对照。
# %% [markdown] en
# # Chapter 5 — Backpropagation
#
# This follows section 4 of the lecture ("反向传播", backpropagation). We take the lecture's network — 3 input
# neurons, 4 hidden, 2 outputs (3-4-2), sigmoid activation $f$, cost
# $E = \frac{1}{2}\|\mathbf{y} - \mathbf{a}^{(3)}\|^2$ — and
#
# 1. compute the forward pass with the lecture's **scalar formulas** by hand, then
#    $\partial E / \partial \theta_{23}^{(3)}$ (the lecture's hand derivation), a hidden-layer weight and the biases;
# 2. compare every $z$, $a$, $\delta$ and gradient with what the library's `explain_backprop` reports;
# 3. **check the gradients** by finite differences;
# 4. update the parameters by gradient descent and compare with `nn.fit`.

# %%
LANG = "en"  # zh: 笔记本的语言："zh" 或 "en" # en: notebook language: "zh" or "en"

import matplotlib.pyplot as plt
import numpy as np

import nnscratch as nn
from nnscratch.gradcheck import explain_backprop, gradcheck_suite
from nnscratch.viz import plot_text

PLOT_LANG, font_family = plot_text(LANG)  # zh: 只有系统里完全没有中文字体时 PLOT_LANG 才是 "en"（会给出警告） # en: PLOT_LANG is "en" only where no CJK font exists at all (with a warning)
plt.rcParams["font.family"] = font_family
np.set_printoptions(precision=6, suppress=True)


def say(zh, en):
    # zh: 打印的文字用笔记本的语言
    # en: printed text, in the notebook's language
    return zh if LANG == "zh" else en


def tr(zh, en):
    # zh: 图中的标注：能显示中文时用中文
    # en: a figure label: Chinese wherever a CJK font can draw it
    return zh if PLOT_LANG == "zh" else en

# %% [markdown] zh
# ## 1. 课程的 3-4-2 网络
#
# 符号与课程一致：$\theta^{(l)} \in \mathbb{R}^{n_l \times n_{l-1}}$ 是从第 $l-1$ 层到第 $l$ 层的权重，
# $\theta_{ij}^{(l)}$ 连接第 $l-1$ 层第 $j$ 个神经元与第 $l$ 层第 $i$ 个神经元；$b^{(l)} \in \mathbb{R}^{n_l}$ 是偏置。
# 库里 `net.theta[l]` 就是 $\theta^{(l)}$（层号从 1 开始，与课程相同）；Python 的行列下标从 0 开始，
# 所以下面的 `th(l, i, j)` 把课程的 $\theta_{ij}^{(l)}$ 翻译成 `net.theta[l][i - 1, j - 1]`。
# 用 float64 计算，手算与库的结果可以比较到十几位有效数字。
#
# （课程有几页把同一个权重矩阵写成大写的 $\Theta$，如 $\partial E/\partial \Theta_{11}^{(3)}$ 和
# $\boldsymbol{\delta}^{(l)} = \left((\boldsymbol{\Theta}^{(l+1)})^T \boldsymbol{\delta}^{(l+1)}\right) \odot f'(\mathbf{z}^{(l)})$；
# 它与 $\theta$ 是同一个东西，这里统一写作 $\theta$。）
# %% [markdown] en
# ## 1. The lecture's 3-4-2 network
#
# The notation is the lecture's: $\theta^{(l)} \in \mathbb{R}^{n_l \times n_{l-1}}$ holds the weights from layer
# $l-1$ to layer $l$, and $\theta_{ij}^{(l)}$ connects neuron $j$ of layer $l-1$ to neuron $i$ of layer $l$;
# $b^{(l)} \in \mathbb{R}^{n_l}$ are the biases. In the library `net.theta[l]` is $\theta^{(l)}$ (layers counted from
# 1, as in the lecture); Python counts rows and columns from 0, so `th(l, i, j)` below translates the lecture's
# $\theta_{ij}^{(l)}$ into `net.theta[l][i - 1, j - 1]`. Everything is float64, so hand and library agree to a dozen
# digits.
#
# (Some slides write the same weight matrix as a capital $\Theta$, e.g. $\partial E/\partial \Theta_{11}^{(3)}$ and
# $\boldsymbol{\delta}^{(l)} = \left((\boldsymbol{\Theta}^{(l+1)})^T \boldsymbol{\delta}^{(l+1)}\right) \odot f'(\mathbf{z}^{(l)})$;
# it is the same $\theta$, written $\theta$ throughout here.)

# %%
net = nn.Network([3, 4, 2], hidden="sigmoid", output="sigmoid", rng=np.random.default_rng(2), dtype=np.float64)
x = np.array([0.5, -1.0, 2.0])  # zh: 一个训练样本：x = a(1) # en: one training sample: x = a(1)
y = np.array([1.0, 0.0])        # zh: 它的目标值 # en: and its target
quadratic = nn.get_loss("quadratic")  # E = 1/2 ||y - a(L)||^2


def th(l, i, j):
    # zh: θ_ij^(l)，下标与课程一样从 1 开始
    # en: θ_ij^(l), counted from 1 like the lecture
    return net.theta[l][i - 1, j - 1]


def b(l, i):
    # zh: b_i^(l)，下标与课程一样从 1 开始
    # en: b_i^(l), counted from 1 like the lecture
    return net.b[l][i - 1]


sigmoid = nn.get_activation("sigmoid")
f, f_prime = sigmoid.f, sigmoid.f_prime  # f(z) = 1 / (1 + e^-z), f'(z) = f(z) (1 - f(z))

print(net)
for l in net.layers:
    print(f"θ({l}) {net.theta[l].shape}:\n{net.theta[l]}\nb({l}) = {net.b[l]}")

# %% [markdown] zh
# ## 2. 前向传播（标量公式）
#
# $$z_i^{(2)} = \theta_{i1}^{(2)} x_1 + \theta_{i2}^{(2)} x_2 + \theta_{i3}^{(2)} x_3 + b_i^{(2)}, \qquad a_i^{(2)} = f(z_i^{(2)}) \qquad (i = 1, \dots, 4)$$
#
# $$z_i^{(3)} = \theta_{i1}^{(3)} a_1^{(2)} + \theta_{i2}^{(3)} a_2^{(2)} + \theta_{i3}^{(3)} a_3^{(2)} + \theta_{i4}^{(3)} a_4^{(2)} + b_i^{(3)}, \qquad a_i^{(3)} = f(z_i^{(3)}) \qquad (i = 1, 2)$$
#
# $$E = \frac{1}{2}\left((y_1 - a_1^{(3)})^2 + (y_2 - a_2^{(3)})^2\right)$$
# %% [markdown] en
# ## 2. Forward pass (scalar formulas)
#
# $$z_i^{(2)} = \theta_{i1}^{(2)} x_1 + \theta_{i2}^{(2)} x_2 + \theta_{i3}^{(2)} x_3 + b_i^{(2)}, \qquad a_i^{(2)} = f(z_i^{(2)}) \qquad (i = 1, \dots, 4)$$
#
# $$z_i^{(3)} = \theta_{i1}^{(3)} a_1^{(2)} + \theta_{i2}^{(3)} a_2^{(2)} + \theta_{i3}^{(3)} a_3^{(2)} + \theta_{i4}^{(3)} a_4^{(2)} + b_i^{(3)}, \qquad a_i^{(3)} = f(z_i^{(3)}) \qquad (i = 1, 2)$$
#
# $$E = \frac{1}{2}\left((y_1 - a_1^{(3)})^2 + (y_2 - a_2^{(3)})^2\right)$$

# %%
x1, x2, x3 = x
y1, y2 = y
z2, a2, z3, a3 = {}, {}, {}, {}  # zh: z2[i] 即 z_i^(2)，其余类推 # en: z2[i] is z_i^(2), and so on
for i in (1, 2, 3, 4):
    z2[i] = th(2, i, 1) * x1 + th(2, i, 2) * x2 + th(2, i, 3) * x3 + b(2, i)
    a2[i] = f(z2[i])
for i in (1, 2):
    z3[i] = th(3, i, 1) * a2[1] + th(3, i, 2) * a2[2] + th(3, i, 3) * a2[3] + th(3, i, 4) * a2[4] + b(3, i)
    a3[i] = f(z3[i])
E = 0.5 * ((y1 - a3[1]) ** 2 + (y2 - a3[2]) ** 2)

for i in z2:
    print(f"z_{i}^(2) = {z2[i]:+.6f}   a_{i}^(2) = {a2[i]:.6f}")
for i in z3:
    print(f"z_{i}^(3) = {z3[i]:+.6f}   a_{i}^(3) = {a3[i]:.6f}")
print(f"E = {E:.6f}")

# %% [markdown] zh
# ## 3. 手推 $\partial E / \partial \theta_{23}^{(3)}$（输出层权重）
#
# 链式法则：
# $$\frac{\partial E}{\partial \theta_{23}^{(3)}} = \frac{\partial E}{\partial a_2^{(3)}} \frac{\partial a_2^{(3)}}{\partial z_2^{(3)}} \frac{\partial z_2^{(3)}}{\partial \theta_{23}^{(3)}}
# = -\left(y_2 - a_2^{(3)}\right) f'\left(z_2^{(3)}\right) a_3^{(2)} = \delta_2^{(3)} a_3^{(2)}$$
#
# 其中 $\delta_2^{(3)} = -\left(y_2 - a_2^{(3)}\right) f'\left(z_2^{(3)}\right)$。
# %% [markdown] en
# ## 3. $\partial E / \partial \theta_{23}^{(3)}$ by hand (an output-layer weight)
#
# By the chain rule:
# $$\frac{\partial E}{\partial \theta_{23}^{(3)}} = \frac{\partial E}{\partial a_2^{(3)}} \frac{\partial a_2^{(3)}}{\partial z_2^{(3)}} \frac{\partial z_2^{(3)}}{\partial \theta_{23}^{(3)}}
# = -\left(y_2 - a_2^{(3)}\right) f'\left(z_2^{(3)}\right) a_3^{(2)} = \delta_2^{(3)} a_3^{(2)}$$
#
# with $\delta_2^{(3)} = -\left(y_2 - a_2^{(3)}\right) f'\left(z_2^{(3)}\right)$.

# %%
dE_da = -(y2 - a3[2])        # ∂E/∂a_2^(3)
da_dz = f_prime(z3[2])       # ∂a_2^(3)/∂z_2^(3) = f'(z_2^(3))
dz_dtheta = a2[3]            # ∂z_2^(3)/∂θ_23^(3) = a_3^(2)
delta3_2 = dE_da * da_dz     # δ_2^(3)
grad_theta3_23 = delta3_2 * dz_dtheta
print(f"∂E/∂a = {dE_da:+.6f}   f'(z) = {da_dz:.6f}   a_3^(2) = {dz_dtheta:.6f}")
print(f"δ_2^(3) = {delta3_2:+.8f}")
print(f"∂E/∂θ_23^(3) = δ_2^(3) a_3^(2) = {grad_theta3_23:+.8f}")

# %% [markdown] zh
# **用定义验证：** 把 $\theta_{23}^{(3)}$ 加减一个很小的 $\varepsilon$，重新前向传播，中心差分
# $\frac{E(\theta + \varepsilon) - E(\theta - \varepsilon)}{2\varepsilon}$ 应与上面的结果一致。
# %% [markdown] en
# **Check against the definition:** nudge $\theta_{23}^{(3)}$ up and down by a small $\varepsilon$, run the forward
# pass again, and the central difference $\frac{E(\theta + \varepsilon) - E(\theta - \varepsilon)}{2\varepsilon}$ must
# agree with the value above.

# %%
def cost():
    # zh: 重新做一次前向传播，算出样本 x 的 E
    # en: E for the sample x, from a fresh forward pass
    out = net.forward(x).a[3][0]  # a^(3)
    return 0.5 * ((y1 - out[0]) ** 2 + (y2 - out[1]) ** 2)


eps = 1e-6
keep = net.theta[3][1, 2]              # zh: θ_23^(3)：第 2 行第 3 列 -> 下标 [1, 2] # en: θ_23^(3): row 2, column 3 -> index [1, 2]
net.theta[3][1, 2] = keep + eps
E_plus = cost()
net.theta[3][1, 2] = keep - eps
E_minus = cost()
net.theta[3][1, 2] = keep              # zh: 放回原值 # en: put it back
numeric = (E_plus - E_minus) / (2 * eps)
print(say("中心差分：", "central difference: ") + f"{numeric:+.8f}")
print(say(f"手算：    {grad_theta3_23:+.8f}   相差 {abs(numeric - grad_theta3_23):.1e}",
          f"by hand:            {grad_theta3_23:+.8f}   difference {abs(numeric - grad_theta3_23):.1e}"))

# %% [markdown] zh
# ## 4. 隐藏层权重与偏置：误差的反向传播
#
# 隐藏层的 $\delta$ 由后一层的 $\delta$ 算出（BP 算法的核心公式）：
# $$\delta_i^{(2)} = \left(\sum_{j=1}^{2} \delta_j^{(3)} \theta_{ji}^{(3)}\right) f'\left(z_i^{(2)}\right), \qquad
# \frac{\partial E}{\partial \theta_{ij}^{(2)}} = \delta_i^{(2)} a_j^{(1)} = \delta_i^{(2)} x_j, \qquad
# \frac{\partial E}{\partial b_i^{(l)}} = \delta_i^{(l)}$$
#
# 以 $\theta_{12}^{(2)}$（输入 $x_2$ 到隐藏神经元 1）和偏置 $b_1^{(2)}$、$b_2^{(3)}$ 为例。
#
# （课程“隐藏层偏置”那一页写的是 $\frac{\partial E}{\partial b_1^{(2)}} = \frac{\partial E}{\partial a_1^{(3)}} \frac{\partial a_1^{(3)}}{\partial z_1^{(3)}} \frac{z_1^{(2)}}{b_1^{(2)}}$，
# 这里有两处小笔误：最后一个因子少了 $\partial$；而且 $b_1^{(2)}$ 经过 $a_1^{(2)}$ 影响的是输出层的**每一个**神经元，
# 链式法则不能只走输出层的第 1 个神经元（$b_3^{(2)}$、$b_4^{(2)}$ 那两行甚至出现了并不存在的 $a_3^{(3)}$、$a_4^{(3)}$）。
# 正确的链是 $\frac{\partial E}{\partial b_i^{(2)}} = \frac{\partial E}{\partial z_i^{(2)}} \frac{\partial z_i^{(2)}}{\partial b_i^{(2)}} = \delta_i^{(2)} \cdot 1$，
# 其中 $\delta_i^{(2)}$ 由上面的核心公式对输出层所有神经元求和得到。课程的结论 $= \delta_i^{(2)}$ 是对的。）
# %% [markdown] en
# ## 4. A hidden weight and the biases: the error flows backwards
#
# A hidden layer's $\delta$ comes from the next layer's (the core formula of backpropagation):
# $$\delta_i^{(2)} = \left(\sum_{j=1}^{2} \delta_j^{(3)} \theta_{ji}^{(3)}\right) f'\left(z_i^{(2)}\right), \qquad
# \frac{\partial E}{\partial \theta_{ij}^{(2)}} = \delta_i^{(2)} a_j^{(1)} = \delta_i^{(2)} x_j, \qquad
# \frac{\partial E}{\partial b_i^{(l)}} = \delta_i^{(l)}$$
#
# For example $\theta_{12}^{(2)}$ (from input $x_2$ to hidden neuron 1) and the biases $b_1^{(2)}$, $b_2^{(3)}$.
#
# (The lecture's hidden-bias slide writes $\frac{\partial E}{\partial b_1^{(2)}} = \frac{\partial E}{\partial a_1^{(3)}} \frac{\partial a_1^{(3)}}{\partial z_1^{(3)}} \frac{z_1^{(2)}}{b_1^{(2)}}$,
# with two small slips: the last factor lost its $\partial$, and $b_1^{(2)}$ reaches **every** output neuron through
# $a_1^{(2)}$, so the chain cannot run through output neuron 1 alone (the rows for $b_3^{(2)}$, $b_4^{(2)}$ even name
# $a_3^{(3)}$, $a_4^{(3)}$, which do not exist). The chain is
# $\frac{\partial E}{\partial b_i^{(2)}} = \frac{\partial E}{\partial z_i^{(2)}} \frac{\partial z_i^{(2)}}{\partial b_i^{(2)}} = \delta_i^{(2)} \cdot 1$,
# with $\delta_i^{(2)}$ summing over all output neurons by the core formula above. The slide's result, $\delta_i^{(2)}$, is right.)

# %%
delta3 = {i: -(y[i - 1] - a3[i]) * f_prime(z3[i]) for i in (1, 2)}                 # δ_i^(3)
delta2 = {i: (delta3[1] * th(3, 1, i) + delta3[2] * th(3, 2, i)) * f_prime(z2[i])  # δ_i^(2)
          for i in (1, 2, 3, 4)}
grad_theta2_12 = delta2[1] * x2
print(f"δ_1^(2) = (δ_1^(3) θ_11^(3) + δ_2^(3) θ_21^(3)) f'(z_1^(2)) = {delta2[1]:+.8f}")
print(f"∂E/∂θ_12^(2) = δ_1^(2) x_2 = {grad_theta2_12:+.8f}")
print(f"∂E/∂b_1^(2) = δ_1^(2) = {delta2[1]:+.8f}")
print(f"∂E/∂b_2^(3) = δ_2^(3) = {delta3[2]:+.8f}")

# %% [markdown] zh
# ## 5. 与库对照：`explain_backprop`
#
# `explain_backprop(net, x, y, loss)` 返回课程手算的全部中间量，列表按课程的层号 $l$ 排列：
# `report["z"][2]` 是 $z^{(2)}$，`report["delta"][3]` 是 $\delta^{(3)}$，`report["grad_theta"][3]` 是
# $\nabla_{\theta^{(3)}} E$，另附有限差分的数值梯度和每层的相对误差。
# %% [markdown] en
# ## 5. The library's view: `explain_backprop`
#
# `explain_backprop(net, x, y, loss)` returns everything the lecture computes by hand, in lists indexed by the
# lecture's layer number $l$: `report["z"][2]` is $z^{(2)}$, `report["delta"][3]` is $\delta^{(3)}$,
# `report["grad_theta"][3]` is $\nabla_{\theta^{(3)}} E$, plus the finite-difference gradients and each layer's
# relative error.

# %%
report = explain_backprop(net, x, y, quadratic)
rows = [
    ("E", E, report["E"]),
    ("z_2^(3)", z3[2], report["z"][3][1]),
    ("a_3^(2)", a2[3], report["a"][2][2]),
    ("δ_2^(3)", delta3_2, report["delta"][3][1]),
    ("δ_1^(2)", delta2[1], report["delta"][2][0]),
    ("∂E/∂θ_23^(3)", grad_theta3_23, report["grad_theta"][3][1, 2]),
    ("∂E/∂θ_12^(2)", grad_theta2_12, report["grad_theta"][2][0, 1]),
    ("∂E/∂b_1^(2)", delta2[1], report["grad_b"][2][0]),
    ("∂E/∂b_2^(3)", delta3[2], report["grad_b"][3][1]),
]
print(say(f"{'':18s} {'手算':>12s} {'库函数':>11s} {'|差|':>11s}",
          f"{'':18s} {'by hand':>14s} {'library':>14s} {'|difference|':>13s}"))
for name, hand, library in rows:
    print(f"{name:18s} {hand:+14.8f} {library:+14.8f} {abs(hand - library):13.1e}")
print(say("有限差分也一致：数值求得 ∂E/∂θ_23^(3) = ", "finite differences agree: numeric ∂E/∂θ_23^(3) = ")
      + f"{report['numerical_grad_theta'][3][1, 2]:+.8f}")
errors_theta = ", ".join(f"{e:.1e}" for e in report["relative_error_theta"][2:])
errors_b = ", ".join(f"{e:.1e}" for e in report["relative_error_b"][2:])
print(say(f"各层的相对误差，θ：{errors_theta}；b：{errors_b}", f"relative error per layer, θ: {errors_theta};  b: {errors_b}"))

# %% [markdown] zh
# ## 6. 从标量到向量
#
# 对所有 $i, j$ 重复上面的标量公式，就得到课程的向量形式：
# $$\boldsymbol{\delta}^{(3)} = -(\mathbf{y} - \mathbf{a}^{(3)}) \odot f'(\mathbf{z}^{(3)}), \quad
# \boldsymbol{\delta}^{(2)} = \left((\theta^{(3)})^T \boldsymbol{\delta}^{(3)}\right) \odot f'(\mathbf{z}^{(2)}), \quad
# \nabla_{\theta^{(l)}} E = \boldsymbol{\delta}^{(l)} (\mathbf{a}^{(l-1)})^T, \quad \nabla_{b^{(l)}} E = \boldsymbol{\delta}^{(l)}$$
#
# （课程把最后一式写成 $\nabla_{b^{(l)}} E = \delta^l$，上标少了括号；按课程自己的记号应为 $\boldsymbol{\delta}^{(l)}$，
# 不加括号的 $\delta^l$ 容易被读成“$\delta$ 的 $l$ 次方”。）
#
# 下面用双重循环按标量公式 $\partial E/\partial \theta_{ij}^{(l)} = \delta_i^{(l)} a_j^{(l-1)}$ 填出整个梯度矩阵，
# 再与向量形式（外积）和库的结果比较。
# %% [markdown] en
# ## 6. From scalars to vectors
#
# Repeating the scalar formulas for every $i, j$ gives the lecture's vector form:
# $$\boldsymbol{\delta}^{(3)} = -(\mathbf{y} - \mathbf{a}^{(3)}) \odot f'(\mathbf{z}^{(3)}), \quad
# \boldsymbol{\delta}^{(2)} = \left((\theta^{(3)})^T \boldsymbol{\delta}^{(3)}\right) \odot f'(\mathbf{z}^{(2)}), \quad
# \nabla_{\theta^{(l)}} E = \boldsymbol{\delta}^{(l)} (\mathbf{a}^{(l-1)})^T, \quad \nabla_{b^{(l)}} E = \boldsymbol{\delta}^{(l)}$$
#
# (The lecture writes the last one as $\nabla_{b^{(l)}} E = \delta^l$, without the brackets; in its own notation it is
# $\boldsymbol{\delta}^{(l)}$ — a bare $\delta^l$ reads like "$\delta$ to the power $l$".)
#
# Below, a double loop fills the whole gradient matrix with the scalar formula
# $\partial E/\partial \theta_{ij}^{(l)} = \delta_i^{(l)} a_j^{(l-1)}$; we compare it with the vector form (an outer
# product) and with the library.

# %%
a1 = {1: x1, 2: x2, 3: x3}
by_hand = {
    3: np.array([[delta3[i] * a2[j] for j in (1, 2, 3, 4)] for i in (1, 2)]),     # (2, 4)
    2: np.array([[delta2[i] * a1[j] for j in (1, 2, 3)] for i in (1, 2, 3, 4)]),  # (4, 3)
}
d3_vec = -(y - report["a"][3]) * f_prime(report["z"][3])
d2_vec = (net.theta[3].T @ d3_vec) * f_prime(report["z"][2])
vector = {3: np.outer(d3_vec, report["a"][2]), 2: np.outer(d2_vec, x)}
for l in (3, 2):
    same_vector = np.allclose(by_hand[l], vector[l], rtol=1e-12, atol=0)
    same_library = np.allclose(by_hand[l], report["grad_theta"][l], rtol=1e-12, atol=0)
    print(say(f"用标量公式算出的 ∂E/∂θ({l})：", f"∂E/∂θ({l}) by the scalar formula:") + f"\n{by_hand[l]}")
    print(say(f"  与向量形式相同：{same_vector}，与库函数相同：{same_library}",
              f"  same as the vector form: {same_vector}, as the library: {same_library}"))

# %% [markdown] zh
# ## 7. 梯度检验
#
# 实现反向传播时最常见的错误（漏乘 $f'(z)$、转置写错、下标错位）都不会报错，只会让训练变慢或失败。
# **梯度检验**把每个参数加减 $\varepsilon$，用中心差分算出数值梯度，与反向传播的结果比较相对误差
# $\frac{\|g - n\|}{\|g\| + \|n\|}$。在 float64 下它应在 $10^{-6}$ 以下（库的测试也用这个界限）。
# 下面对一批 8 个样本做检验（`nn.check_gradients`），再故意“忘掉” $\delta^{(3)}$ 里的 $f'(z^{(3)})$，看检验能否发现。
# %% [markdown] en
# ## 7. Gradient check
#
# The usual mistakes in backpropagation code (a missing $f'(z)$, a wrong transpose, an index off by one) raise no
# error; training just becomes slow or fails. A **gradient check** nudges every parameter by $\pm\varepsilon$,
# computes the numerical gradient by central differences and compares it with backpropagation through the
# relative error $\frac{\|g - n\|}{\|g\| + \|n\|}$. In float64 it should be below $10^{-6}$ (the bound the library's tests use).
# Below we check a batch of 8 samples (`nn.check_gradients`), then deliberately "forget" the $f'(z^{(3)})$ in
# $\delta^{(3)}$ and see whether the check notices.

# %%
rng = np.random.default_rng(0)
X_batch = rng.standard_normal((8, 3))
Y_batch = rng.uniform(0.05, 0.95, (8, 2))
check = nn.check_gradients(net, X_batch, Y_batch, quadratic)
names = [f"{kind}({l})" for l in net.layers for kind in ("θ", "b")]
for name, error in zip(names, check.errors):
    print(say(f"{name:5s} 相对误差 {error:.1e}", f"{name:9s} relative error {error:.1e}"))


def verdict(error):
    # zh: 相对误差小于 1e-6 才算通过
    # en: a relative error below 1e-6 passes
    return say("通过", "OK") if error < 1e-6 else say("错误", "WRONG")


print(say("最大相对误差：", "largest relative error: ") + f"{check.max_error:.1e}  ->  {verdict(check.max_error)}")

forgot = np.outer(-(y - report["a"][3]), report["a"][2])  # zh: 漏掉 f'(z(3)) 的 δ(3) # en: δ(3) without f'(z(3))
numeric3 = report["numerical_grad_theta"][3]
wrong = np.linalg.norm(forgot - numeric3) / (np.linalg.norm(forgot) + np.linalg.norm(numeric3))
print(say("漏掉 f'(z^(3)) 时：相对误差 ", "without f'(z^(3)): relative error ") + f"{wrong:.2f}  ->  {verdict(wrong)}")

# %% [markdown] zh
# 为什么要用 float64？float32 只有约 7 位有效数字，$E(\theta \pm \varepsilon)$ 相减时的舍入误差就会让相对误差升到
# $10^{-3}$ 量级，真错误和舍入误差就分不清了：
# %% [markdown] en
# Why float64? float32 keeps about 7 significant digits; the rounding in $E(\theta \pm \varepsilon)$ alone lifts the
# relative error to around $10^{-3}$, and a real bug can no longer be told from rounding:

# %%
for dtype, eps in ((np.float64, 1e-6), (np.float32, 1e-3)):
    copy = net.copy(dtype=dtype)
    error = nn.check_gradients(copy, X_batch, Y_batch, quadratic, eps=eps).max_error
    print(say(f"{np.dtype(dtype).name}：最大相对误差 {error:.1e}（eps = {eps:g}）",
              f"{np.dtype(dtype).name}: largest relative error {error:.1e} (eps = {eps:g})"))

# %% [markdown] zh
# 库的测试对所有隐藏层激活函数 × 输出层/代价函数 × 三种网络结构都做了同样的检验（`gradcheck_suite`，
# 命令行 `nnscratch gradcheck`）：
# %% [markdown] en
# The library's tests run the same check for every hidden activation × output/cost pair × three architectures
# (`gradcheck_suite`, on the command line `nnscratch gradcheck`):

# %%
suite = list(gradcheck_suite())
worst = {}
for case in suite:
    key = case["hidden"]
    worst[key] = max(worst.get(key, 0.0), case["max_error"])
print(say(f"共检查了 {len(suite)} 种组合", f"{len(suite)} combinations checked"))
for hidden, error in worst.items():
    print(say(f"隐藏层 {hidden:10s} 最大相对误差 {error:.1e}", f"hidden {hidden:10s} worst relative error {error:.1e}"))

# %% [markdown] zh
# ## 8. 梯度下降：更新参数
#
# 课程的批量梯度下降：
# $$\theta^{(l)} = \theta^{(l)} - \frac{\mu}{N} \sum_{i=1}^{N} \frac{\partial E^{(i)}}{\partial \theta^{(l)}}, \qquad
# b^{(l)} = b^{(l)} - \frac{\mu}{N} \sum_{i=1}^{N} \frac{\partial E^{(i)}}{\partial b^{(l)}}$$
#
# `nn.backprop(net, X, Y, loss)` 对一批样本直接返回平均梯度 $\frac{1}{N}\sum_i \partial E^{(i)}/\partial \theta^{(l)}$。
# 先验证它等于逐个样本梯度的平均，再手写 50 步更新，并与 `nn.fit`（`optimizer="gd"`，同样的 $\mu$）比较。
# %% [markdown] en
# ## 8. Gradient descent: updating the parameters
#
# The lecture's batch gradient descent:
# $$\theta^{(l)} = \theta^{(l)} - \frac{\mu}{N} \sum_{i=1}^{N} \frac{\partial E^{(i)}}{\partial \theta^{(l)}}, \qquad
# b^{(l)} = b^{(l)} - \frac{\mu}{N} \sum_{i=1}^{N} \frac{\partial E^{(i)}}{\partial b^{(l)}}$$
#
# `nn.backprop(net, X, Y, loss)` returns the mean gradient $\frac{1}{N}\sum_i \partial E^{(i)}/\partial \theta^{(l)}$
# of a batch directly. We first check that it equals the average of the per-sample gradients, then write 50 updates
# by hand and compare with `nn.fit` (`optimizer="gd"`, the same $\mu$).

# %%
per_sample = [explain_backprop(net, X_batch[k], Y_batch[k], quadratic)["grad_theta"][2] for k in range(8)]
batch = nn.backprop(net, X_batch, Y_batch, quadratic)
print(say("逐个样本梯度的平均 == 批量梯度：", "mean of the per-sample gradients == batch gradient: ")
      + str(np.allclose(np.mean(per_sample, axis=0), batch.grad_theta[2], rtol=1e-12, atol=1e-15)))

mu, steps = 2.0, 50
by_hand_net = net.copy()
costs = []
for step in range(steps):
    g = nn.backprop(by_hand_net, X_batch, Y_batch, quadratic)
    costs.append(g.loss)
    for l in by_hand_net.layers:
        by_hand_net.theta[l] -= mu * g.grad_theta[l]  # θ(l) <- θ(l) - μ/N ∑ ∂E/∂θ(l)
        by_hand_net.b[l] -= mu * g.grad_b[l]
print(say(f"E_total：{costs[0]:.4f}（第 1 步）-> {costs[-1]:.4f}（第 {steps} 步）",
          f"E_total: {costs[0]:.4f} (step 1) -> {costs[-1]:.4f} (step {steps})"))

library_net = net.copy()
history = nn.fit(library_net, X_batch, Y_batch, quadratic, nn.TrainConfig(epochs=steps, optimizer="gd", lr=mu))
same = all(np.allclose(p, q, rtol=1e-10, atol=1e-12) for p, q in zip(by_hand_net.parameters(), library_net.parameters()))
print(say("nn.fit(optimizer='gd') 得到相同的参数：", "nn.fit with optimizer='gd' gives the same parameters: ") + str(same))

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(range(1, steps + 1), costs, "o-", markersize=3, label=tr("手写的更新", "updates by hand"))
ax.plot([r["epoch"] for r in history.epochs], [r["train_loss"] for r in history.epochs], "--",
        label="nn.fit(optimizer='gd')")
ax.set_xlabel(tr("迭代次数", "step"))
ax.set_ylabel(r"$E_{total}$")
ax.set_title(tr("批量梯度下降：平均代价函数逐步下降", "batch gradient descent: the mean cost falls"))
ax.grid(alpha=0.3)
ax.legend()
plt.show()

# %% [markdown] zh
# ## 9. 课程的注意 (2)：$\theta$ 与 $b$ 可以用不同的学习率
#
# 课程在梯度下降的公式后面提醒：(2) $\theta^{(l)}$ 与 $b^{(l)}$ 的学习率可以不一样。`nn.TrainConfig(lr=..., lr_bias=...)` 就是这样：
# `lr` 是 $\theta$ 的学习率，`lr_bias` 是 $b$ 的学习率（不设时与 `lr` 相同；命令行是 `--lr-bias`）。
# 下面让 $\theta$ 的学习率固定为 $\mu = 2$，偏置的学习率分别取 0.5、2、8，各训练 50 步，并与两个学习率分开写的手写更新比较：
# %% [markdown] en
# ## 9. The lecture's note (2): $\theta$ and $b$ may use different learning rates
#
# After the gradient-descent formulas the lecture notes: (2) $\theta^{(l)}$ and $b^{(l)}$ may have different learning rates.
# `nn.TrainConfig(lr=..., lr_bias=...)` does exactly that: `lr` is the learning rate of $\theta$, `lr_bias` the one of
# $b$ (the same as `lr` unless set; `--lr-bias` on the command line). Below $\theta$ keeps $\mu = 2$ while the biases
# use 0.5, 2 and 8, for 50 steps each, compared with updates written by hand with the two rates:

# %%
mu_b_choices = (0.5, 2.0, 8.0)
for mu_b in mu_b_choices:
    hand_net, fit_net = net.copy(), net.copy()
    for step in range(steps):
        g = nn.backprop(hand_net, X_batch, Y_batch, quadratic)
        for l in hand_net.layers:
            hand_net.theta[l] -= mu * g.grad_theta[l]  # zh: θ 用 μ # en: θ with μ
            hand_net.b[l] -= mu_b * g.grad_b[l]        # zh: b 用它自己的学习率 # en: b with its own rate
    nn.fit(fit_net, X_batch, Y_batch, quadratic, nn.TrainConfig(epochs=steps, optimizer="gd", lr=mu, lr_bias=mu_b))
    same = all(np.allclose(p, q, rtol=1e-10, atol=1e-12) for p, q in zip(hand_net.parameters(), fit_net.parameters()))
    final = nn.backprop(fit_net, X_batch, Y_batch, quadratic).loss
    print(say(f"θ 的学习率 {mu:g}，b 的学习率 {mu_b:g}：{steps} 步后 E_total = {final:.4f}，与手写更新相同：{same}",
              f"θ rate {mu:g}, b rate {mu_b:g}: E_total = {final:.4f} after {steps} steps, same as by hand: {same}"))

# %% [markdown] zh
# 学习率只是步长：在这一批样本上，偏置的步子大一些，代价函数下降得稍快；但步子太大反而更差（把 8 改成 50 试试，50 步后的 $E_{total}$ 会比 8 时大得多）。
# %% [markdown] en
# A learning rate is only a step size: on this batch, larger steps for the biases lower the cost a little faster; but
# too large a step does worse (try 50 instead of 8: $E_{total}$ after 50 steps ends well above the value for 8).

# %% [markdown] zh
# **小结（BP 算法）：** 1. 随机初始化 $\theta$、$b$；2. 前向传播 $z^{(l)} = \theta^{(l)} a^{(l-1)} + b^{(l)}$，$a^{(l)} = f(z^{(l)})$；
# 3. 从输出层开始计算 $\delta^{(L)}$，再逐层反向计算 $\delta^{(l)}$；4. $\partial E/\partial \theta_{ij}^{(l)} = \delta_i^{(l)} a_j^{(l-1)}$，
# $\partial E/\partial b_i^{(l)} = \delta_i^{(l)}$；5. 用梯度下降更新参数。第 6 章用同样的算法训练手写数字识别网络。
# %% [markdown] en
# **Summary (the backpropagation algorithm):** 1. initialise $\theta$, $b$ at random; 2. forward pass
# $z^{(l)} = \theta^{(l)} a^{(l-1)} + b^{(l)}$, $a^{(l)} = f(z^{(l)})$; 3. compute $\delta^{(L)}$ at the output, then
# $\delta^{(l)}$ layer by layer backwards; 4. $\partial E/\partial \theta_{ij}^{(l)} = \delta_i^{(l)} a_j^{(l-1)}$,
# $\partial E/\partial b_i^{(l)} = \delta_i^{(l)}$; 5. update the parameters by gradient descent. Chapter 6 trains the
# handwritten-digit network with the same algorithm.

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


# zh: 轮到你了：输出层误差 δ(L)（二次代价函数）
# en: your turn: output error δ(l), quadratic cost
def delta_output_quadratic(y, a, fprime_z):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("delta_output_quadratic", delta_output_quadratic, lang=LANG)

# %%
# zh: 轮到你了：输出层误差 δ(L)（softmax + 交叉熵）
# en: your turn: output error δ(l), softmax with cross-entropy
def delta_output_cross_entropy(y, a):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("delta_output_cross_entropy", delta_output_cross_entropy, lang=LANG)

# %%
# zh: 轮到你了：隐藏层误差的反向传播
# en: your turn: backpropagating the error to a hidden layer
def delta_hidden(theta_next, delta_next, fprime_z):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("delta_hidden", delta_hidden, lang=LANG)

# %%
# zh: 轮到你了：权重的梯度 ∇θ(l) E
# en: your turn: the weight gradient ∇θ(l) e
def weight_gradient(delta, a_prev):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("weight_gradient", weight_gradient, lang=LANG)

# %%
# zh: 轮到你了：整个网络的反向传播
# en: your turn: backpropagation through a whole network
def backprop_network(thetas, bs, x, y, f, fprime):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("backprop_network", backprop_network, lang=LANG)

# %%
# zh: 轮到你了：小批量梯度下降的一步
# en: your turn: one mini-batch gradient-descent step
def sgd_minibatch_step(thetas, bs, X, Y, f, fprime, lr):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("sgd_minibatch_step", sgd_minibatch_step, lang=LANG)
