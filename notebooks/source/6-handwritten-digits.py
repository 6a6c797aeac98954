# %% [markdown] zh
# # 第6章 手写数字识别
#
# 对应课程第 5 节「手写数字识别」。我们用前几章的网络和反向传播识别 MNIST 手写数字（28×28 的灰度图，0–9 十个类别）：
#
# 1. 读入数据，看看样本；
# 2. 用课程案例的网络 784-30-10（sigmoid，二次代价函数，小批量随机梯度下降）训练——为了让笔记本在半分钟内跑完，
#    这里只用一部分训练图片、训练几轮，完整训练的命令在最后给出；
# 3. 评估：准确率、混淆矩阵、误分类样本，以及第一层权重“看”到了什么；
# 4. **作业 V**：模型有多少个参数？图片变成 256×256 时参数如何变化？怎样降低计算量？
#
# 数据位置：`$NNSCRATCH_DATA`，否则是用户缓存 `~/.cache/nnscratch/mnist`，再否则是随 nnscratch 一起安装的 MNIST（无需联网）。
# %% [markdown] en
# # Chapter 6 — Handwritten digit recognition
#
# This follows section 5 of the lecture ("手写数字识别", handwritten digit recognition). We recognise the MNIST
# digits (28×28 grey images, ten classes 0–9) with the network and backpropagation of the previous chapters:
#
# 1. load the data and look at some samples;
# 2. train the lecture's case-study network 784-30-10 (sigmoid, quadratic cost, mini-batch stochastic gradient
#    descent) — to keep this notebook under half a minute, on part of the training images for a few epochs; the
#    command for the full run is at the end;
# 3. evaluate: accuracy, confusion matrix, misclassified digits, and what the first-layer weights "look at";
# 4. **homework V**: how many parameters does the model have? How does that change for 256×256 images? How can the
#    computation be reduced?
#
# Where the data is: `$NNSCRATCH_DATA`, else the user cache `~/.cache/nnscratch/mnist`, else the copy of MNIST
# installed with nnscratch (no network needed).

# %%
LANG = "en"  # zh: 笔记本的语言："zh" 或 "en" # en: notebook language: "zh" or "en"

import dataclasses
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from nnscratch import Network
from nnscratch.complexity import reductions, summary, with_input
from nnscratch.data import resolve_data_dir
from nnscratch.i18n import t
from nnscratch.io.model import load_model, save_model
from nnscratch.presets import PRESETS
from nnscratch.recipes import RunConfig, evaluation_report, load_task, train_model
from nnscratch.viz import plot_text
from nnscratch.viz.digits import plot_confusion_matrix, plot_first_layer_weights, plot_learning_curves, plot_mistakes

PLOT_LANG, font_family = plot_text(LANG)  # zh: 只有系统里完全没有中文字体时 PLOT_LANG 才是 "en"（会给出警告） # en: PLOT_LANG is "en" only where no CJK font exists at all (with a warning)
plt.rcParams["font.family"] = font_family

DATA_DIR = None        # zh: None 表示依次查找 $NNSCRATCH_DATA、~/.cache/nnscratch/mnist 和随包安装的 MNIST # en: None: $NNSCRATCH_DATA, else ~/.cache/nnscratch/mnist, else the bundled MNIST
N_TRAIN = 10_000       # zh: 这里用的训练图片数（完整训练集划出验证集后有 55,000 张） # en: training images used here (the full training set has 55,000 after the validation split)
EPOCHS = 5             # zh: 课程的配方训练 30 轮 # en: the lecture's recipe runs 30
SEED = 1               # zh: 初始权重的随机种子（见第 2 节的说明） # en: random seed of the initial weights (see section 2)


def say(zh, en):
    # zh: 打印的文字用笔记本的语言
    # en: printed text, in the notebook's language
    return zh if LANG == "zh" else en


def tr(zh, en):
    # zh: 图中的标注：能显示中文时用中文
    # en: a figure label: Chinese wherever a CJK font can draw it
    return zh if PLOT_LANG == "zh" else en

# %% [markdown] zh
# ## 1. 数据
#
# 课程案例的训练配方是预设 `lecture`（与 Nielsen 的经典实现相同）。`load_task` 读入 MNIST，
# 并从 60,000 张训练图片里留出 5,000 张作验证集；像素保持 uint8（0–255），训练时逐批除以 255。
# %% [markdown] en
# ## 1. The data
#
# The lecture's case study is the preset `lecture` (the same recipe as Nielsen's classic implementation).
# `load_task` reads MNIST and holds 5,000 of the 60,000 training images out as a validation set; pixels stay uint8
# (0–255) and are divided by 255 batch by batch during training.

# %%
print(say("数据文件夹：", "data folder: ") + str(resolve_data_dir("mnist", DATA_DIR)))
print(say("预设 'lecture'：", "preset 'lecture': ") + str(PRESETS["lecture"]))
cfg = RunConfig.from_preset("lecture", "mnist", epochs=EPOCHS, seed=SEED)
started = time.perf_counter()
data = load_task(cfg, DATA_DIR)
print(say(f"读入用时 {time.perf_counter() - started:.1f} 秒", f"loaded in {time.perf_counter() - started:.1f} s"))
print(say(f"训练集 {data.x_train.shape} {data.x_train.dtype}，验证集 {data.x_val.shape}，测试集 {data.x_test.shape}",
          f"training {data.x_train.shape} {data.x_train.dtype}, validation {data.x_val.shape}, test {data.x_test.shape}"))
print(say("训练集中数字 0-9 各有：", "training labels 0-9: ") + str(np.bincount(data.y_train, minlength=10).tolist()))

# %%
fig, axes = plt.subplots(2, 10, figsize=(12, 2.8))
for ax, image, label in zip(axes.ravel(), data.x_train[:20], data.y_train[:20]):
    ax.imshow(image.reshape(28, 28), cmap="gray_r")
    ax.set_title(str(label))
    ax.axis("off")
fig.suptitle(tr("训练集的前 20 张图片及其标签", "the first 20 training images and their labels"))
plt.show()

# %% [markdown] zh
# ## 2. 训练课程的网络 784-30-10
#
# 输入层 $n_1 = 784$（每个像素一个神经元），隐藏层 $n_2 = 30$，输出层 $n_3 = 10$（每个数字一个神经元，取输出最大者为预测）。
# 代价函数 $E = \frac{1}{2}\|\mathbf{y} - \mathbf{a}^{(3)}\|^2$，$\mathbf{y}$ 是 one-hot 向量；
# 每个小批量 10 张图，学习率 $\mu = 3.0$。每一轮结束时记录训练集、验证集和测试集上的准确率。
#
# 注意：sigmoid、二次代价函数加上标准正态分布的初始权重，对随机种子相当敏感。训练图片少、轮数少时，有的输出神经元会饱和，
# 某个数字可能一次也预测不出来（把第一个代码单元里的 `SEED` 改成 0 或 3 试试，准确率会掉到七成多）。
# %% [markdown] en
# ## 2. Training the lecture's network 784-30-10
#
# Input layer $n_1 = 784$ (one neuron per pixel), hidden layer $n_2 = 30$, output layer $n_3 = 10$ (one neuron per
# digit; the largest output is the prediction). Cost $E = \frac{1}{2}\|\mathbf{y} - \mathbf{a}^{(3)}\|^2$ with
# one-hot targets $\mathbf{y}$; mini-batches of 10 images, learning rate $\mu = 3.0$. After every epoch the accuracy on
# the training, validation and test sets is recorded.
#
# Note: sigmoid, the quadratic cost and standard-normal initial weights make this recipe sensitive to the random seed.
# With few images and epochs some output neurons saturate and a digit may never be predicted at all (set `SEED` in the
# first code cell to 0 or 3 and the accuracy drops to the low seventies).

# %%
subset = dataclasses.replace(data, x_train=data.x_train[:N_TRAIN], y_train=data.y_train[:N_TRAIN])
result = train_model(cfg, subset, score_test_each_epoch=True)
model, net = result.model, result.model.network
print(say(f"网络 {net.sizes}，{net.n_parameters:,} 个参数，在 {N_TRAIN:,} 张图片上训练 {EPOCHS} 轮，用时 {result.seconds:.1f} 秒",
          f"network {net.sizes}, {net.n_parameters:,} parameters, trained on {N_TRAIN:,} images "
          f"for {EPOCHS} epochs in {result.seconds:.1f} s"))
print(say(" 轮次    训练损失  训练准确率      验证准确率  测试准确率",
          "epoch  train loss  train acc  validation acc  test acc"))
for r in result.history.epochs:
    print(f"{r['epoch']:5d}  {r['train_loss']:10.4f}  {r['train_accuracy']:9.2%}  {r['validation_accuracy']:14.2%}"
          f"  {r['test_accuracy']:8.2%}")
print(say("测试准确率：", "test accuracy: ") + f"{result.test['accuracy']:.2%}")

# %%
plot_learning_curves(result.history, lang=LANG)

# %% [markdown] zh
# ## 3. 评估
#
# `evaluation_report` 给出测试集上的准确率、每个类别的精确率与召回率、混淆矩阵（第 $i$ 行第 $j$ 列：真实为 $i$、预测为 $j$ 的图片数）
# 以及置信度最高的误判（网络最有把握、却判错的图片）。
# %% [markdown] en
# ## 3. Evaluation
#
# `evaluation_report` gives the test accuracy, each class's precision and recall, the confusion matrix (row $i$,
# column $j$: images of digit $i$ predicted as $j$) and the mistakes the network was most sure of.

# %%
report = evaluation_report(model, data.x_test, data.y_test, mistakes=24)
print(say(f"在 {report['n']:,} 张测试图片上的准确率为 {report['accuracy']:.2%}",
          f"test accuracy {report['accuracy']:.2%} on {report['n']:,} images"))
print(say("数字     ", "digit      ") + " ".join(f"{c:>6s}" for c in report["classes"]))
print(say("精确率   ", "precision  ") + " ".join(f"{p:6.1%}" for p in report["precision"]))
print(say("召回率   ", "recall     ") + " ".join(f"{r:6.1%}" for r in report["recall"]))
cm = np.array(report["confusion_matrix"])
off_diagonal = cm - np.diag(np.diag(cm))
i, j = np.unravel_index(off_diagonal.argmax(), cm.shape)
print(say(f"最常见的混淆：把 {i} 认成 {j}，共 {cm[i, j]} 次", f"most frequent confusion: {i} taken for {j}, {cm[i, j]} times"))

# %%
plot_confusion_matrix(cm, report["classes"], lang=LANG)

# %%
mistakes = report["mistakes"]
index = [m["index"] for m in mistakes]
plot_mistakes(data.x_test[index], [m["true"] for m in mistakes], [m["predicted"] for m in mistakes],
              [m["confidence"] for m in mistakes], lang=LANG)

# %% [markdown] zh
# **第一层权重。** $\theta^{(2)}$ 的第 $i$ 行是隐藏神经元 $i$ 的 784 个输入权重；把它排成 28×28 的图，
# 就能看出这个神经元对哪些像素敏感（红色：该处有笔画时 $z_i^{(2)}$ 增大；蓝色：减小）。
# 课程的配方用标准正态分布初始化权重，训练几轮后的 $\theta^{(2)}$ 看上去仍像噪声：
# %% [markdown] en
# **First-layer weights.** Row $i$ of $\theta^{(2)}$ holds hidden neuron $i$'s 784 input weights; drawn as a 28×28
# image it shows which pixels the neuron responds to (red: ink there raises $z_i^{(2)}$; blue: lowers it).
# The lecture's recipe starts from standard-normal weights, and after a few epochs $\theta^{(2)}$ still looks like noise:

# %%
plot_first_layer_weights(net.theta[2], lang=LANG)

# %% [markdown] zh
# 学到的东西藏在噪声之下。同一个随机种子给出同一个初始网络，所以可以重建训练前的 $\theta^{(2)}$，看训练带来的**变化**。
# 先用反向传播的公式验证一件事：$\partial E / \partial \theta_{ij}^{(2)} = \delta_i^{(2)} a_j^{(1)} = \delta_i^{(2)} x_j$，
# 所以在每张训练图片里都是空白（$x_j = 0$）的像素，其权重从未改变。
# %% [markdown] en
# What was learned hides under the noise. The same random seed gives the same initial network, so we can rebuild
# $\theta^{(2)}$ as it was before training and look at the **change**. First a check of the backpropagation formula
# $\partial E / \partial \theta_{ij}^{(2)} = \delta_i^{(2)} a_j^{(1)} = \delta_i^{(2)} x_j$: a pixel that is blank
# ($x_j = 0$) in every training image never changes its weights.

# %%
initial = Network(cfg.layers, cfg.hidden, cfg.output, init=cfg.init, rng=np.random.default_rng(cfg.train.seed))
blank = subset.x_train.max(axis=0) == 0  # zh: 在全部 N_TRAIN 张图片里都没有笔迹的像素 # en: pixels without ink in all N_TRAIN images
unchanged = np.array_equal(net.theta[2][:, blank], initial.theta[2][:, blank])
print(say(f"有 {blank.sum()} 个像素在每张训练图片里都是空白，它们的权重没有变化：{unchanged}",
          f"{blank.sum()} pixels are blank in every training image; their weights are unchanged: {unchanged}"))
fig = plot_first_layer_weights(net.theta[2] - initial.theta[2], lang=LANG)
fig.suptitle(tr(r"训练带来的变化 $\theta^{(2)} - \theta^{(2)}_0$（$\theta^{(2)}_0$ 为初始值）：每个隐藏层神经元一幅图（红正，蓝负）",
                r"What training changed, $\theta^{(2)} - \theta^{(2)}_0$ ($\theta^{(2)}_0$: initial values), one image per "
                r"hidden neuron (red +, blue −)"))
fig

# %% [markdown] zh
# **保存与读取模型。** 模型存为一个 `.npz` 文件（数组 + JSON 元数据），读回后预测完全相同；
# 命令行 `nnscratch evaluate`、`nnscratch predict` 和网页都读这种文件。
# %% [markdown] en
# **Saving and loading.** A model is one `.npz` file (arrays plus JSON metadata); loaded back it predicts exactly
# the same. `nnscratch evaluate`, `nnscratch predict` and the web lab all read this file.

# %%
with tempfile.TemporaryDirectory() as folder:
    path = save_model(model, Path(folder) / "lecture.npz")
    loaded = load_model(path)
    print(say(f"{path.name}：{path.stat().st_size:,} 字节", f"{path.name}: {path.stat().st_size:,} bytes"))
same = np.array_equal(loaded.predict_proba_raw(data.x_test[:1000]), model.predict_proba_raw(data.x_test[:1000]))
print(say("读回后输出相同：", "same outputs after loading: ") + str(same))
predicted = loaded.predict(data.x_test[:1] / 255)[0]
first = loaded.predict_proba_raw(data.x_test[:1])[0].round(3)
print(say(f"第一张测试图片的 a(3)：{first} -> 预测 {predicted}，真实 {data.y_test[0]}",
          f"a(3) of the first test image: {first} -> predicted {predicted}, true {data.y_test[0]}"))

# %% [markdown] zh
# ## 4. 作业 V
#
# > 我们的手写数字识别案例中，多层神经网络模型的参数总共有多少个？如果图片变成了 256×256 大小，那么模型的参数将会发生如何变化？
# > 当模型参数过大的时候，有什么措施可以降低计算的复杂度或是提升计算的速度？
#
# 第 $l$ 层有 $n_l \times n_{l-1}$ 个权重和 $n_l$ 个偏置，所以参数总数是 $\sum_{l=2}^{L} (n_l n_{l-1} + n_l)$：
# %% [markdown] en
# ## 4. Homework V
#
# > In our handwritten-digit case study, how many parameters does the multilayer network have in total? If the images
# > became 256×256, how would the number of parameters change? When a model has too many parameters, what can reduce the
# > computational cost or speed the computation up?
#
# Layer $l$ has $n_l \times n_{l-1}$ weights and $n_l$ biases, so the total is $\sum_{l=2}^{L} (n_l n_{l-1} + n_l)$:

# %%
sizes = net.sizes
for name, s in (("28x28", sizes), ("256x256", with_input(sizes, 256 * 256))):
    info = summary(s)
    print(say(f"{name:8s} 网络 {'-'.join(map(str, s))}：", f"{name:8s} network {'-'.join(map(str, s))}:"))
    for layer in info["layers"]:
        rows, cols = layer["shape"]
        print(f"   θ({layer['layer']}) {rows}x{cols} = {layer['weights']:,} + b({layer['layer']}) {layer['biases']}"
              f" = {layer['parameters']:,}")
    print(say(f"   共 {info['total']:,} 个参数，每张图片 {info['multiply_adds_per_sample']:,} 次乘加，"
              f"float32 权重占 {info['weights_bytes'] / 2**20:.2f} MiB",
              f"   total {info['total']:,} parameters, {info['multiply_adds_per_sample']:,} multiply-adds per image, "
              f"{info['weights_bytes'] / 2**20:.2f} MiB of float32 weights"))
small, large = summary(sizes)["total"], summary(with_input(sizes, 256 * 256))["total"]
print(say(f"256x256 / 28x28：参数是原来的 {large / small:.1f} 倍（输入的像素是 {256 * 256 / 784:.1f} 倍）",
          f"256x256 / 28x28: {large / small:.1f} times the parameters (the input has {256 * 256 / 784:.1f} times the pixels)"))
print(say(f"核对：我们训练的网络有 {net.n_parameters:,} 个参数", f"check: the network we trained has {net.n_parameters:,} parameters"))

# %% [markdown] zh
# 参数主要集中在第一层：$\theta^{(2)}$ 有 $784 \times 30 = 23{,}520$ 个，占 98.6%。输入变成 $256 \times 256 = 65{,}536$ 个像素后，
# 第一层变成 $65{,}536 \times 30$，参数总量增长约 82 倍，每张图的乘加次数也同样增长。下面实测一次前向传播的时间：先预热，再重复多次、
# 取最短的一次。实测的时间之比不一定正好是 82：小网络的计算量很小，函数调用之类的固定开销占比大，会让比值偏小；大网络的输入和权重
# 放不进 CPU 缓存，读内存的时间会让比值偏大。输出的最后一行说明这台机器上是哪种情况。
# %% [markdown] en
# The parameters sit mostly in the first layer: $\theta^{(2)}$ has $784 \times 30 = 23{,}520$ of them, 98.6%. With
# $256 \times 256 = 65{,}536$ input pixels the first layer becomes $65{,}536 \times 30$; the total grows about 82-fold,
# and so do the multiply-adds per image. Below we time one forward pass: warm up first, then repeat and keep the
# fastest run. The ratio of the times need not be 82: the small network does so little arithmetic that fixed costs
# (function calls, allocation) weigh more and pull the ratio down, while the big input and weights no longer fit in
# the CPU cache and reading memory pushes it up. The last line of the output says which wins on this machine.

# %%
rng = np.random.default_rng(0)
per_image, n_params = {}, {}
for n_in, repeats in ((784, 200), (256 * 256, 10)):  # zh: 小网络很快，多重复几次 # en: the small one is fast: more repeats
    big = Network(with_input(sizes, n_in), "sigmoid", "sigmoid", rng=rng)
    images = rng.random((256, n_in), dtype=np.float32)
    for _ in range(3):  # zh: 预热：第一次运行要分配内存、载入缓存，不计时 # en: warm-up: the first runs allocate and fill caches, untimed
        big.forward(images)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        big.forward(images)
        times.append(time.perf_counter() - started)
    per_image[n_in], n_params[n_in] = min(times) / len(images), big.n_parameters
    print(say(f"输入 {n_in:6,d}：{big.n_parameters:9,d} 个参数，每张图片 {per_image[n_in] * 1e6:7.2f} 微秒",
              f"input {n_in:6,d}: {big.n_parameters:9,d} parameters, {per_image[n_in] * 1e6:7.2f} microseconds per image"))
time_ratio, param_ratio = per_image[256 * 256] / per_image[784], n_params[256 * 256] / n_params[784]
if time_ratio > param_ratio:
    print(say(f"时间之比 {time_ratio:.1f}，比参数之比 {param_ratio:.1f} 还大：大网络读内存的时间也算了进去",
              f"ratio of the times {time_ratio:.1f}, larger than the parameter ratio {param_ratio:.1f}: "
              f"the big network also waits for memory"))
else:
    print(say(f"时间之比 {time_ratio:.1f}，比参数之比 {param_ratio:.1f} 小：小网络的固定开销占了它时间的大头",
              f"ratio of the times {time_ratio:.1f}, smaller than the parameter ratio {param_ratio:.1f}: "
              f"fixed costs take much of the small network's time"))

# %% [markdown] zh
# 降低计算量的办法，以及各自对 256×256 输入时参数量（或字节数）的效果（`complexity.reductions` 计算）：
# %% [markdown] en
# Ways to reduce the cost, and what each does to the parameter count (or bytes) at 256×256
# (computed by `complexity.reductions`):

# %%
print(say(f"{'参数个数':>8s} {'缩小倍数':>6s}  措施", f"{'parameters':>12s} {'smaller by':>11s}  measure"))
for r in reductions(sizes, (256, 256)):
    print(f"{r['parameters']:12,d} {r['factor']:10.1f}x  {t('digits.measure.' + r['measure'], LANG)}")

# %% [markdown] zh
# **作业 V 的参考答案。**
#
# - 784-30-10 网络共有 **23,860** 个参数：$30 \times 784 + 30 = 23{,}550$（隐藏层）加 $10 \times 30 + 10 = 310$（输出层）。
# - 图片变为 256×256 后输入有 65,536 个像素，第一层权重变为 $30 \times 65{,}536$，总参数 1,966,420 个，约为原来的 82 倍；
#   计算量（乘加次数）与内存同比增长，而且更多参数需要更多数据才能训练好。
# - 降低复杂度、提高速度的措施：
#   - **减少输入**：降采样/池化（如缩回 28×28）、裁剪、提取特征；
#   - **权重共享**：卷积神经网络用同一个小卷积核扫描整幅图，参数量与图片大小无关；
#   - **更小的网络**：减少层数或每层神经元，剪枝（去掉接近 0 的权重）、低秩分解；
#   - **更低的数值精度**：float16/int8 量化，参数个数不变，内存和带宽减半或减到四分之一；
#   - **更快地计算**：向量化与小批量矩阵运算（本库一次处理一批，而不是逐个样本循环）、GPU 并行、更好的优化器（更少的轮数）。
# %% [markdown] en
# **A model answer to homework V.**
#
# - The 784-30-10 network has **23,860** parameters: $30 \times 784 + 30 = 23{,}550$ (hidden layer) plus
#   $10 \times 30 + 10 = 310$ (output layer).
# - With 256×256 images the input has 65,536 pixels, the first layer's weights become $30 \times 65{,}536$ and the total
#   1,966,420 parameters, about 82 times as many; computation (multiply-adds) and memory grow alike, and more
#   parameters need more data to train well.
# - Ways to reduce the cost or speed up the computation:
#   - **smaller input**: downsampling/pooling (e.g. back to 28×28), cropping, extracted features;
#   - **weight sharing**: a convolutional network slides one small kernel over the whole image, so its parameter
#     count does not depend on the image size;
#   - **a smaller network**: fewer layers or neurons, pruning (dropping weights near 0), low-rank factorisation;
#   - **lower precision**: float16/int8 quantisation keeps the count but halves or quarters memory and bandwidth;
#   - **faster computation**: vectorised mini-batch matrix products (this library processes a batch at once,
#     never one sample at a time), GPU parallelism, a better optimizer (fewer epochs).

# %% [markdown] zh
# 命令行给出同样的数字：
# %% [markdown] en
# The same numbers on the command line:

# %%
command = [sys.executable, "-m", "nnscratch", "params", "784,30,10", "--input", "256x256", "--lang", LANG]
print(f"$ nnscratch params 784,30,10 --input 256x256 --lang {LANG}")
print(subprocess.run(command, capture_output=True, text=True, check=True).stdout)

# %% [markdown] zh
# ## 5. 完整训练
#
# 本笔记本为了速度只用了 10,000 张训练图片、训练 5 轮。在仓库根目录运行下面的命令，用全部 55,000 张训练图片按课程配方训练 30 轮，
# 保存模型并画出学习曲线，再在测试集上评估：
#
# ```bash
# nnscratch train --preset lecture --out lecture.npz --plot lecture-curves.png
# nnscratch evaluate lecture.npz --plot lecture-evaluation.png
# ```
#
# 不加 `--preset` 时使用默认配方（784-256-128-10，ReLU，softmax + 交叉熵，Nesterov 动量），准确率更高：
#
# ```bash
# nnscratch train --out default.npz
# ```
#
# 按本笔记本实测的速度估算完整的课程配方需要的时间：
# %% [markdown] en
# ## 5. The full run
#
# For speed this notebook trained on 10,000 images for 5 epochs. From the repository root, the commands below train
# the lecture's recipe on all 55,000 training images for 30 epochs, save the model and plot the learning curves, then
# evaluate on the test set:
#
# ```bash
# nnscratch train --preset lecture --out lecture.npz --plot lecture-curves.png
# nnscratch evaluate lecture.npz --plot lecture-evaluation.png
# ```
#
# Without `--preset` the default recipe runs (784-256-128-10, ReLU, softmax with cross-entropy, Nesterov momentum),
# which reaches a higher accuracy:
#
# ```bash
# nnscratch train --out default.npz
# ```
#
# The time the full lecture recipe needs, estimated from the speed measured in this notebook:

# %%
seconds_per_image = sum(r["seconds"] for r in result.history.epochs) / (EPOCHS * N_TRAIN)
full = seconds_per_image * len(data.y_train) * PRESETS["lecture"]["epochs"]
print(say(f"每张训练图片每轮 {seconds_per_image * 1e6:.0f} 微秒 -> 用 {len(data.y_train):,} 张图片训练 "
          f"{PRESETS['lecture']['epochs']} 轮约需 {full / 60:.1f} 分钟",
          f"{seconds_per_image * 1e6:.0f} microseconds per training image and epoch -> "
          f"about {full / 60:.1f} minutes for {PRESETS['lecture']['epochs']} epochs on {len(data.y_train):,} images"))

# %% [markdown] zh
# ## 6. 学习率该取多大？用实验回答
#
# 课程里的学习率 μ 是凭经验选的（μ = 3.0）。学习率范围测试把这个问题交给测量：从很小的学习率开始训练几百个小批量，
# 每一批把学习率乘上一个固定倍数，记录损失。学习率太小时损失几乎不动，合适时下降最快，太大时越过极小值、损失又升上去。
# 建议的学习率取损失最低处的十分之一（命令行：`nnscratch train --preset lecture --find-lr --plot 曲线.png`）。
# %% [markdown] en
# ## 6. How large a learning rate? Answered by measurement
#
# The lecture picks its learning rate μ by experience (μ = 3.0). The learning-rate range test measures instead: train a
# few hundred mini-batches starting from a tiny rate, multiply the rate by a fixed factor after every batch, and record
# the loss. Too small a rate barely moves the loss, a good one lowers it fastest, too large a rate overshoots the
# minimum and the loss climbs again. The suggestion is a tenth of the rate at the lowest loss (command line:
# `nnscratch train --preset lecture --find-lr --plot curve.png`).

# %%
from nnscratch.lrfind import find_lr
from nnscratch.viz.lrfind import plot_range_test

probe = Network(cfg.layers, cfg.hidden, cfg.output, init=cfg.init, rng=np.random.default_rng(SEED))
range_test = find_lr(probe, subset.x_train, subset.y_train, cfg.loss, cfg.train, x_scale=data.x_scale,
                     lr_min=1e-3, lr_max=300.0, steps=300)
print(say(f"损失最低处的学习率 {range_test.lowest:.3g}，建议的学习率 {range_test.suggested:.3g}；"
          f"课程用 μ = {PRESETS['lecture']['lr']}",
          f"lowest loss at rate {range_test.lowest:.3g}, suggested rate {range_test.suggested:.3g}; "
          f"the lecture uses μ = {PRESETS['lecture']['lr']}"))
plot_range_test(range_test, lang=PLOT_LANG)

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


# zh: 轮到你了：网络的参数个数（作业 V）
# en: your turn: counting a network's parameters (homework v)
def count_parameters(sizes):
    raise NotImplementedError  # zh: 在这里写你的代码 # en: your code here


_ = check("count_parameters", count_parameters, lang=LANG)
