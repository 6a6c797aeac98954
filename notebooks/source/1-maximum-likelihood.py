# %% [markdown] zh
# # 第1章 极大似然估计
#
# 对应课程第 1 节「知识引入—极大似然估计」。
#
# **极大似然估计**：利用已知的样本结果（观测值），反推最有可能（概率最大）导致这些样本结果出现的模型参数。
# 两个假设：数据**独立同分布**；**分布已知**（模型已经确定，参数未知）。参数求出来，整个模型就确定了。
#
# 本笔记本演示：概率函数与似然函数的区别；课程的罐子案例（100 次中 70 次白球 → 0.7）；为什么用对数似然；
# 样本越多估计越准；课程第一页的高斯分布；以及**作业 I**。
# %% [markdown] en
# # Chapter 1 — Maximum likelihood estimation
#
# This follows section 1 of the lecture ("知识引入—极大似然估计", maximum likelihood estimation).
#
# **Maximum likelihood estimation** works backwards from observed samples to the model parameters most likely
# (with the highest probability) to have produced them. Two assumptions: the data are **independent and identically
# distributed**, and the **family of distributions is known** (the model is fixed, its parameters are not). Once the
# parameters are found, the model is fully determined.
#
# This notebook shows the difference between the probability function and the likelihood function; the lecture's urn
# (70 white balls in 100 draws → 0.7); why we take the logarithm; how more samples sharpen the estimate; the Gaussian of
# the lecture's first slide; and **homework I**.

# %%
LANG = "en"  # zh: 笔记本的语言："zh" 或 "en" # en: notebook language: "zh" or "en"

import matplotlib.pyplot as plt
import numpy as np

from nnscratch import mle
from nnscratch.viz import plot_text
from nnscratch.viz.chapters import likelihood_figure

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
# ## 1. 同一个公式，两种读法：概率函数与似然函数
#
# 罐子里白球比例为 $p$，有放回地抽 $n$ 次，得到 $k$ 次白球的概率是
# $$P(k \mid n, p) = C_n^k \, p^k (1 - p)^{n-k}.$$
#
# - 如果参数 $p$ 已知、让样本 $k$ 变化，它叫**概率函数**，描述不同样本出现的概率——对所有 $k$ 求和等于 1；
# - 如果样本 $k$ 已知、让参数 $p$ 变化，它叫**似然函数** $L(p)$，描述不同参数下出现这个样本的概率——它不是 $p$ 的概率分布，
#   对 $p$ 积分一般不等于 1（这里等于 $\frac{1}{n+1}$）。
# %% [markdown] en
# ## 1. One formula, two readings: probability function and likelihood function
#
# An urn holds a proportion $p$ of white balls; drawing $n$ times with replacement, the probability of $k$ white balls is
# $$P(k \mid n, p) = C_n^k \, p^k (1 - p)^{n-k}.$$
#
# - With the parameter $p$ known and the sample $k$ varying, it is the **probability function** (概率函数): how
#   likely each sample is. Summed over all $k$ it gives 1.
# - With the sample $k$ known and the parameter $p$ varying, it is the **likelihood function** (似然函数) $L(p)$: how
#   probable this sample is under each parameter. It is not a probability distribution over $p$; its integral is in
#   general not 1 (here it is $\frac{1}{n+1}$).

# %%
n, k, p = 100, 70, 0.7
probabilities = mle.urn_probabilities(n, p)            # zh: k = 0..100 时的 P(k | n, p=0.7) # en: P(k | n, p=0.7) for k = 0..100
curves = mle.likelihood_curves(n, k, num=2001)          # zh: p 取遍 [0, 1] 时的 L(p | k=70) # en: L(p | k=70) for p in [0, 1]
area = np.sum((curves.likelihood[1:] + curves.likelihood[:-1]) / 2 * np.diff(curves.p))  # zh: 梯形公式求积分 # en: trapezoid rule
print(say(f"概率函数：P(k | n={n}, p={p}) 对所有 k 求和 = {probabilities.sum():.6f}",
          f"probability function: sum over k of P(k | n={n}, p={p}) = {probabilities.sum():.6f}"))
print(say(f"似然函数：L(p | k={k}) 对 p 积分 = {area:.6f}（1/(n+1) = {1 / (n + 1):.6f}）",
          f"likelihood function: integral over p of L(p | k={k}) = {area:.6f}  (1/(n+1) = {1 / (n + 1):.6f})"))

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.5))
left.bar(np.arange(n + 1), probabilities, color="tab:blue")
left.set_xlabel(tr("白球次数 $k$", "white balls $k$"))
left.set_title(tr("概率函数：$p = 0.7$ 固定，$k$ 变化", "probability function: $p = 0.7$ fixed, $k$ varies"))
right.plot(curves.p, curves.likelihood, color="tab:red")
right.set_xlabel(tr("白球比例 $p$", "proportion of white $p$"))
right.set_title(tr("似然函数：$k = 70$ 固定，$p$ 变化", "likelihood function: $k = 70$ fixed, $p$ varies"))
for ax in (left, right):
    ax.grid(alpha=0.3)
plt.show()

# %% [markdown] zh
# ## 2. 课程案例：估计白球比例
#
# 抽 $N = 100$ 次，其中 70 次是白球。白球比例最有可能是多少？直觉是 0.7。证明：令似然函数
# $p(O \mid M) = C_{100}^{70} p^{70} (1 - p)^{30}$ 对 $p$ 的导数为 0：
#
# $$70p^{69}(1-p)^{30} - 30p^{70}(1-p)^{29} = p^{69}(1-p)^{29}\left[70(1-p) - 30p\right] = 0$$
#
# 得 $p = 0, 1, 0.7$，取 $p = 0.7$。`mle.estimate_urn` 给出闭式解 $k/n$，驻点及其类型，
# 并用黄金分割搜索**独立地**数值求出最大值点作为验证：
# %% [markdown] en
# ## 2. The lecture's urn: estimating the proportion of white balls
#
# We draw $N = 100$ times and see 70 white balls. What proportion of white is most likely? Intuition says 0.7. The proof
# sets the derivative of the likelihood $p(O \mid M) = C_{100}^{70} p^{70} (1 - p)^{30}$ with respect to $p$ to zero:
#
# $$70p^{69}(1-p)^{30} - 30p^{70}(1-p)^{29} = p^{69}(1-p)^{29}\left[70(1-p) - 30p\right] = 0$$
#
# so $p = 0, 1, 0.7$, and we take $p = 0.7$. `mle.estimate_urn` returns the closed form $k/n$, the stationary points and
# their kind, and, as an **independent** check, the maximum found numerically by golden-section search:

# %%
estimate = mle.estimate_urn(100, 70)
print(f"p_hat = k/n = {estimate.estimate}")
print(say(f"数值求得的最大值点（黄金分割搜索）：{estimate.numeric_estimate:.6f}",
          f"numerical maximum (golden-section search): {estimate.numeric_estimate:.6f}"))
print(f"L(p_hat) = {estimate.likelihood:.6f},  ln L(p_hat) = {estimate.log_likelihood:.4f}")
KIND_ZH = {"minimum": "极小值", "maximum": "极大值"}
for point in estimate.stationary_points:
    print(say(f"驻点 p = {point.p:g}：L = {point.likelihood:.6f}（{KIND_ZH.get(point.kind, point.kind)}）",
              f"stationary point p = {point.p:g}: L = {point.likelihood:.6f} ({point.kind})"))
bracket = 70 * (1 - 0.7) - 30 * 0.7
slope = mle.urn_likelihood_prime(0.7, 100, 70)
print(say(f"p = 0.7 处，括号 70(1-p) - 30p = {bracket:.1e}；dL/dp = {slope:.1e}",
          f"the bracket 70(1-p) - 30p at p = 0.7: {bracket:.1e};  dL/dp at 0.7: {slope:.1e}"))

# %%
likelihood_figure(100, 70)

# %% [markdown] zh
# **思考：$p = 0$ 与 $p = 1$ 也是极值点，为什么不用？** 因为 $L(0) = L(1) = 0$：若罐子里没有白球（$p = 0$），就不可能抽到 70 次白球；
# 若全是白球（$p = 1$），就不可能抽到黑球。它们是似然函数的**极小值**点——在这两个参数下，观测到的结果根本不可能发生。
#
# ## 3. 为什么取对数
#
# 对数似然 $\ln L(p) = \ln C_n^k + k \ln p + (n - k) \ln(1 - p)$ 与 $L(p)$ 在同一点取最大值（$\ln$ 单调递增），
# 但把连乘变成累加，求导更简单；而且数值上更稳定：样本一多，$p^k (1-p)^{n-k}$ 就小到计算机无法表示。
# %% [markdown] en
# **Why not $p = 0$ or $p = 1$, which are stationary points too?** Because $L(0) = L(1) = 0$: with no white balls in the
# urn ($p = 0$) we could not have drawn 70 white ones; with only white balls ($p = 1$) we could not have drawn a black
# one. They are **minima** of the likelihood — under those parameters the observation is impossible.
#
# ## 3. Why take the logarithm
#
# The log-likelihood $\ln L(p) = \ln C_n^k + k \ln p + (n - k) \ln(1 - p)$ peaks where $L(p)$ does ($\ln$ is increasing),
# but it turns the product into a sum, which is easier to differentiate; and it is numerically safer: with many samples
# $p^k (1-p)^{n-k}$ becomes too small for a computer to represent.

# %%
for n_draws in (100, 1000, 10_000):
    k_white = int(0.7 * n_draws)
    direct = 0.7**k_white * 0.3 ** (n_draws - k_white)  # zh: 直接计算连乘 # en: the product, computed directly
    log_l = float(mle.urn_log_likelihood(0.7, n_draws, k_white))
    print(f"n = {n_draws:6d}: p^k (1-p)^(n-k) = {direct:.3e}   ln L(0.7) = {log_l:.4f}   "
          f"p_hat = {mle.estimate_urn(n_draws, k_white).estimate}")

# %% [markdown] zh
# ## 4. 样本越多，估计越准
#
# 假设真实比例是 0.7，模拟 2000 次“抽 $N$ 个球并估计 $\hat p = k/N$”的实验：$N$ 越大，$\hat p$ 越集中在 0.7 附近，
# 标准差约为 $\sqrt{p(1-p)/N}$。
# %% [markdown] en
# ## 4. More samples, better estimates
#
# Suppose the true proportion is 0.7 and simulate 2,000 experiments of "draw $N$ balls and estimate $\hat p = k/N$":
# the larger $N$, the tighter $\hat p$ clusters around 0.7, with a standard deviation of about $\sqrt{p(1-p)/N}$.

# %%
rng = np.random.default_rng(0)
fig, ax = plt.subplots(figsize=(7, 3.5))
for N in (10, 100, 1000):
    whites = rng.binomial(N, 0.7, size=2000)  # zh: 每次实验：N 次抽取中白球的个数 # en: each experiment: white balls among N draws
    p_hats = np.array([mle.estimate_urn(N, int(w)).estimate for w in whites])
    print(say(f"N = {N:5d}：p_hat 的均值 {p_hats.mean():.4f}，标准差 {p_hats.std():.4f}"
              f"（sqrt(p(1-p)/N) = {np.sqrt(0.21 / N):.4f}）",
              f"N = {N:5d}: mean of p_hat {p_hats.mean():.4f}, standard deviation {p_hats.std():.4f} "
              f"(sqrt(p(1-p)/N) = {np.sqrt(0.21 / N):.4f})"))
    ax.hist(p_hats, bins=np.linspace(0.2, 1, 81), alpha=0.6, label=f"N = {N}")
ax.axvline(0.7, color="k", linestyle="--")
ax.set_xlabel(r"$\hat p$")
ax.set_title(tr("2000 次实验中 $\\hat p$ 的分布（真实值 0.7）", "$\\hat p$ over 2000 experiments (true value 0.7)"))
ax.legend()
plt.show()

# %% [markdown] zh
# ## 5. 高斯分布的极大似然估计
#
# 课程第一页的模型：
# $$f(x) = \frac{1}{\sqrt{2\pi}\sigma} \exp\left(-\frac{(x - \mu)^2}{2\sigma^2}\right)$$
#
# 对独立同分布的样本 $x_1, \dots, x_n$，对数似然 $\ln L(\mu, \sigma) = \sum_i \ln f(x_i)$。令它对 $\mu$、$\sigma$ 的偏导为 0，得
# $$\hat\mu = \frac{1}{n}\sum_i x_i, \qquad \hat\sigma = \sqrt{\frac{1}{n}\sum_i (x_i - \hat\mu)^2}.$$
#
# 下面从 $\mu = 170$、$\sigma = 8$ 的分布中抽 50 个样本（比如身高，单位 cm），再从样本反推参数：
# %% [markdown] en
# ## 5. Maximum likelihood for a Gaussian
#
# The model of the lecture's first slide:
# $$f(x) = \frac{1}{\sqrt{2\pi}\sigma} \exp\left(-\frac{(x - \mu)^2}{2\sigma^2}\right)$$
#
# For i.i.d. samples $x_1, \dots, x_n$ the log-likelihood is $\ln L(\mu, \sigma) = \sum_i \ln f(x_i)$. Setting its partial
# derivatives in $\mu$ and $\sigma$ to zero gives
# $$\hat\mu = \frac{1}{n}\sum_i x_i, \qquad \hat\sigma = \sqrt{\frac{1}{n}\sum_i (x_i - \hat\mu)^2}.$$
#
# Below we draw 50 samples from $\mu = 170$, $\sigma = 8$ (heights in cm, say) and recover the parameters from them:

# %%
heights = np.random.default_rng(1).normal(170, 8, size=50)
fit = mle.estimate_gaussian(heights)
print(say(f"μ̂ = {fit.mu:.3f}，σ̂ = {fit.sigma:.3f}（极大似然估计，除以 n），除以 n-1 的 σ = {fit.sigma_unbiased:.3f}；"
          f"真实值 170、8",
          f"μ̂ = {fit.mu:.3f}, σ̂ = {fit.sigma:.3f} (MLE, divides by n), σ with n-1: {fit.sigma_unbiased:.3f};"
          f"  true values 170, 8"))
d_mu, d_sigma = mle.gaussian_log_likelihood_grad(heights, fit.mu, fit.sigma)
print(say(f"估计值处 ln L 的梯度：({d_mu:.1e}, {d_sigma:.1e})",
          f"gradient of ln L at the estimate: ({d_mu:.1e}, {d_sigma:.1e})"))

mus = np.linspace(fit.mu - 6, fit.mu + 6, 121)
sigmas = np.linspace(fit.sigma * 0.6, fit.sigma * 1.6, 121)
surface = np.array([[mle.gaussian_log_likelihood(heights, m, s) for m in mus] for s in sigmas])
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
contours = left.contourf(mus, sigmas, surface, levels=30, cmap="viridis")
fig.colorbar(contours, ax=left, label=r"$\ln L(\mu, \sigma)$")
left.plot(fit.mu, fit.sigma, "r*", markersize=14, label=r"$(\hat\mu, \hat\sigma)$")
left.set_xlabel(r"$\mu$")
left.set_ylabel(r"$\sigma$")
left.legend()
left.set_title(tr("对数似然函数", "log-likelihood"))
grid = np.linspace(140, 200, 300)
right.hist(heights, bins=12, density=True, alpha=0.5, label=tr("样本", "samples"))
right.plot(grid, np.exp(-(grid - fit.mu) ** 2 / (2 * fit.sigma**2)) / (np.sqrt(2 * np.pi) * fit.sigma), "r",
           label=tr("估计的 $f(x)$", "estimated $f(x)$"))
right.set_xlabel("$x$")
right.legend()
right.set_title(tr("参数求出后，整个模型就确定了", "once the parameters are known, so is the model"))
plt.show()

# %% [markdown] zh
# ## 6. 作业 I
#
# 1. 罐子里有黑球和白球，有放回地抽 100 次，其中 70 次是白球，求白球所占比例最有可能是多少。建模时的目标函数是：A. 概率函数　B. 似然函数
# 2. 罐子里白球占比 70%，随机拿出一个球，它是白球的概率是多少。建模时的目标函数是：A. 概率函数　B. 似然函数
# %% [markdown] en
# ## 6. Homework I
#
# 1. An urn holds black and white balls; we draw 100 times with replacement and see 70 white balls. What proportion of
#    white is most likely? The objective function of the model is: A. the probability function, B. the likelihood
#    function.
# 2. An urn holds 70% white balls; we draw one ball. What is the probability that it is white? The objective function
#    of the model is: A. the probability function, B. the likelihood function.

# %%
FUNCTION_ZH = {"likelihood": "似然函数", "probability": "概率函数"}
for answer in mle.homework_one(n=100, k=70, p=0.7):
    print(say(f"第 {answer.question} 题：{answer.answer}（{FUNCTION_ZH[answer.function]}），计算结果 {answer.value}",
              f"question {answer.question}: {answer.answer} ({answer.function} function), computed value {answer.value}"))

# %% [markdown] zh
# **参考答案。** 第 1 题选 **B（似然函数）**：样本（100 次中 70 次白球）已知，要求的是参数 $p$，目标是让 $L(p)$ 最大，得 $\hat p = 0.7$。
# 第 2 题选 **A（概率函数）**：参数（白球占 70%）已知，要求的是样本“抽到白球”出现的概率，$P(\text{白} \mid p = 0.7) = 0.7$。
# 两题算出的数都是 0.7，但一个是**估计的参数**，一个是**事件的概率**。
# %% [markdown] en
# **Answers.** Question 1 is **B (likelihood function)**: the sample (70 white in 100) is known and the parameter $p$ is
# sought; we maximise $L(p)$ and get $\hat p = 0.7$. Question 2 is **A (probability function)**: the parameter (70% white)
# is known and we want the probability of a sample, "the ball is white": $P(\text{white} \mid p = 0.7) = 0.7$. Both come
# out as 0.7, but one is an **estimated parameter**, the other the **probability of an event**.

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


# zh: 轮到你了：罐子中白球比例的极大似然估计
# en: your turn: maximum likelihood of the white-ball proportion
def urn_mle(draws, white):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("urn_mle", urn_mle, lang=LANG)
