"""Texts of the web lab (`nnscratch serve`) and its page.

The page fetches every ``web.*`` key in both languages from /api/i18n, so the
language switch needs no second request and the page shares this catalog
with the command line. ``{name}`` fields are filled in by the page.
"""

MESSAGES = {
    # ---- the command --------------------------------------------------------------------------
    "web.serve.help": {
        "en": "start the web lab: every chapter of the lecture live in the browser",
        "zh": "启动网页实验室：在浏览器中实时演示课程的每一章",
    },
    "web.serve.host": {
        "en": "address to listen on (default 127.0.0.1: only this computer; 0.0.0.0 opens it to the network)",
        "zh": "监听地址（默认 127.0.0.1：仅本机可访问；0.0.0.0 对网络开放）",
    },
    "web.serve.port": {"en": "port to listen on (0: any free port)", "zh": "监听端口（0：任选一个空闲端口）"},
    "web.serve.model": {
        "en": "digit model for the handwritten-digit section (default: the latest from 'nnscratch train')",
        "zh": "手写数字识别使用的模型文件（默认：'nnscratch train' 最近训练的模型）",
    },
    "web.serve.listening": {
        "en": "nnscratch web lab: {url}  (Ctrl-C to stop)",
        "zh": "nnscratch 网页实验室：{url}  （按 Ctrl-C 停止）",
    },
    "web.serve.model_used": {"en": "digit model: {path}", "zh": "手写数字模型：{path}"},
    "web.serve.no_model": {
        "en": "no digit model yet: the digits section explains how to train one ('nnscratch train')",
        "zh": "还没有手写数字模型：页面的手写数字识别部分会说明如何训练（'nnscratch train'）",
    },
    "web.serve.stopped": {"en": "web lab stopped", "zh": "网页实验室已停止"},
    # ---- page frame ------------------------------------------------------------------------------
    "web.title": {"en": "nnscratch web lab", "zh": "nnscratch 网页实验室"},
    "web.subtitle": {
        "en": "Lesson 2, neural networks: every demo computed live by the same library as the command line",
        "zh": "第二课 神经网络：每个演示都由与命令行相同的代码实时计算",
    },
    "web.nav.playground": {"en": "Playground", "zh": "交互训练场"},
    "web.nav.gd": {"en": "Gradient descent", "zh": "梯度下降演示"},
    "web.nav.perceptron": {"en": "Perceptron", "zh": "感知机"},
    "web.nav.mle": {"en": "Maximum likelihood", "zh": "极大似然估计"},
    "web.nav.backprop": {"en": "Backpropagation", "zh": "反向传播"},
    "web.nav.digits": {"en": "Handwritten digits", "zh": "手写数字识别"},
    "web.lang": {"en": "Language", "zh": "语言"},
    "web.error": {"en": "Error: {message}", "zh": "错误：{message}"},
    "web.offline": {
        "en": "The server does not answer: is 'nnscratch serve' still running?",
        "zh": "服务器没有响应：'nnscratch serve' 还在运行吗？",
    },
    "web.loading": {"en": "computing…", "zh": "计算中…"},
    "web.seed": {"en": "Random seed", "zh": "随机种子"},
    "web.reset": {"en": "Reset", "zh": "重置"},
    # ---- 1. playground ----------------------------------------------------------------------
    "web.pg.title": {"en": "Playground: XOR and other non-linear problems", "zh": "交互训练场：异或与其他非线性问题"},
    "web.pg.intro": {
        "en": "No straight line separates the two classes of XOR. Train a network and watch its decision "
              "boundary: without a hidden layer a(L) = f(θx + b) is a linear classifier and fails; one hidden "
              "layer bends the boundary and solves XOR. Training runs in the Python engine and streams here.",
        "zh": "异或问题中找不到一条直线能把两类分开。训练一个网络并观察它的决策边界：没有隐藏层时 "
              "a(L) = f(θx + b) 是线性分类器，无法解决；加一个隐藏层，边界就能弯曲，异或迎刃而解。"
              "训练在 Python 引擎中进行，结果实时传到这里。",
    },
    "web.pg.data": {"en": "Data", "zh": "数据"},
    "web.pg.dataset": {"en": "Dataset", "zh": "数据集"},
    "web.pg.ds.xor": {"en": "XOR", "zh": "异或 (XOR)"},
    "web.pg.ds.circles": {"en": "Circles", "zh": "同心圆"},
    "web.pg.ds.gaussians": {"en": "Two Gaussians", "zh": "两个高斯分布"},
    "web.pg.ds.spiral": {"en": "Spiral", "zh": "螺旋"},
    "web.pg.ds.moons": {"en": "Moons", "zh": "双月"},
    "web.pg.noise": {"en": "Noise", "zh": "噪声"},
    "web.pg.points": {"en": "Points", "zh": "样本数"},
    "web.pg.train_ratio": {"en": "Training share", "zh": "训练集比例"},
    "web.pg.network": {"en": "Network", "zh": "网络"},
    "web.pg.hidden": {"en": "Hidden layers", "zh": "隐藏层"},
    "web.pg.add_layer": {"en": "+ layer", "zh": "+ 一层"},
    "web.pg.remove_layer": {"en": "− layer", "zh": "− 一层"},
    "web.pg.layer": {"en": "layer {l}: {n} neurons", "zh": "第 {l} 层：{n} 个神经元"},
    "web.pg.no_hidden": {
        "en": "no hidden layer: the boundary is a straight line",
        "zh": "没有隐藏层：决策边界是一条直线",
    },
    "web.pg.activation": {"en": "Activation f", "zh": "激活函数 f"},
    "web.pg.act.tanh": {"en": "tanh", "zh": "tanh"},
    "web.pg.act.relu": {"en": "ReLU", "zh": "ReLU"},
    "web.pg.act.sigmoid": {"en": "sigmoid", "zh": "sigmoid"},
    "web.pg.act.leaky_relu": {"en": "leaky ReLU", "zh": "leaky ReLU"},
    "web.pg.act.identity": {"en": "identity (linear)", "zh": "恒等（线性）"},
    "web.pg.training": {"en": "Training", "zh": "训练"},
    "web.pg.lr": {"en": "Learning rate μ", "zh": "学习率 μ"},
    "web.pg.batch": {"en": "Batch size", "zh": "批大小"},
    "web.pg.loss": {"en": "Loss", "zh": "损失函数"},
    "web.pg.loss.cross_entropy": {"en": "cross-entropy", "zh": "交叉熵"},
    "web.pg.loss.quadratic": {"en": "quadratic ½‖y − a‖²", "zh": "平方误差 ½‖y − a‖²"},
    "web.pg.optimizer": {"en": "Optimizer", "zh": "优化方法"},
    "web.pg.opt.sgd": {"en": "SGD", "zh": "随机梯度下降"},
    "web.pg.opt.momentum": {"en": "momentum", "zh": "动量法"},
    "web.pg.opt.adam": {"en": "Adam", "zh": "Adam"},
    "web.pg.reg": {"en": "Regularisation", "zh": "正则化"},
    "web.pg.reg.none": {"en": "none", "zh": "无"},
    "web.pg.reg.l2": {"en": "L2", "zh": "L2"},
    "web.pg.reg_rate": {"en": "Rate λ", "zh": "正则化系数 λ"},
    "web.pg.speed": {"en": "Epochs per frame", "zh": "每帧训练轮数"},
    "web.pg.train": {"en": "Train", "zh": "训练"},
    "web.pg.pause": {"en": "Pause", "zh": "暂停"},
    "web.pg.step": {"en": "One step", "zh": "单步"},
    "web.pg.epoch": {"en": "Epoch {epoch}", "zh": "第 {epoch} 轮"},
    "web.pg.epoch_axis": {"en": "epoch", "zh": "训练轮数"},
    "web.pg.accuracy": {
        "en": "Accuracy: training {train}, test {test}",
        "zh": "准确率：训练集 {train}，测试集 {test}",
    },
    "web.pg.loss_line": {"en": "Loss: training {train}, test {test}", "zh": "损失：训练集 {train}，测试集 {test}"},
    "web.pg.train_loss": {"en": "training loss", "zh": "训练损失"},
    "web.pg.test_loss": {"en": "test loss", "zh": "测试损失"},
    "web.pg.output": {"en": "Output a(L): the decision boundary", "zh": "输出 a(L)：决策边界"},
    "web.pg.neurons": {"en": "Hidden neurons: each a(l)ᵢ over the plane",
                       "zh": "隐藏神经元：每个 a(l)ᵢ 在平面上的取值"},
    "web.pg.curves": {"en": "Loss per epoch", "zh": "每轮的损失"},
    "web.pg.show_test": {"en": "show test points", "zh": "显示测试点"},
    "web.pg.legend": {
        "en": "orange: class 0, blue: class 1; filled: training points, ringed: test points",
        "zh": "橙色：类别 0，蓝色：类别 1；实心：训练点，空心圆环：测试点",
    },
    "web.pg.diverged": {
        "en": "The loss exploded: lower the learning rate and reset.",
        "zh": "损失发散了：调低学习率后重置。",
    },
    "web.pg.stuck": {
        "en": "The loss never moved off its start: change the learning rate or the network and reset.",
        "zh": "损失一直没有下降：调整学习率或网络结构后重置。",
    },
    "web.pg.max_epochs": {"en": "Stopped at the epoch limit.", "zh": "已达到训练轮数上限。"},
    # ---- 2. gradient descent -----------------------------------------------------------
    "web.gd.title": {"en": "Gradient descent on logistic regression", "zh": "梯度下降演示：逻辑回归"},
    "web.gd.intro": {
        "en": "Logistic regression on two classes: J(w) = −Σ [yᵢ ln p(xᵢ) + (1 − yᵢ) ln(1 − p(xᵢ))] over the "
              "two weights w₁, w₂ (b = 0), updated by wᵏ⁺¹ = wᵏ − α ∂J/∂w. Full-batch gradient descent, SGD and "
              "momentum start from the same point; click the map to move it. Raise the step α to see "
              "convergence, oscillation and divergence.",
        "zh": "两类数据上的逻辑回归：损失函数 J(w) = −Σ [yᵢ ln p(xᵢ) + (1 − yᵢ) ln(1 − p(xᵢ))]，"
              "两个权重 w₁、w₂（b = 0），更新 wᵏ⁺¹ = wᵏ − α ∂J/∂w。批量梯度下降、随机梯度下降和动量法"
              "从同一点出发；点击等高线图可移动起点。增大步长 α，观察收敛、振荡与发散。",
    },
    "web.gd.lr": {"en": "Step α", "zh": "步长 α"},
    "web.gd.try": {"en": "Try α =", "zh": "试试 α ="},
    "web.gd.steps": {"en": "Steps", "zh": "迭代次数"},
    "web.gd.momentum": {"en": "Momentum coefficient", "zh": "动量系数"},
    "web.gd.batch": {"en": "SGD batch size", "zh": "SGD 批大小"},
    "web.gd.noise": {"en": "Spread of the classes", "zh": "类别的分散程度"},
    "web.gd.m.gd": {"en": "batch gradient descent", "zh": "批量梯度下降"},
    "web.gd.m.sgd": {"en": "stochastic gradient descent", "zh": "随机梯度下降"},
    "web.gd.m.momentum": {"en": "momentum", "zh": "动量法"},
    "web.gd.v.converges": {"en": "converges", "zh": "收敛"},
    "web.gd.v.slow": {"en": "still descending", "zh": "仍在下降"},
    "web.gd.v.oscillates": {"en": "oscillates", "zh": "振荡"},
    "web.gd.v.diverges": {"en": "diverges", "zh": "发散"},
    "web.gd.contour": {"en": "Contour map of J(w)/N", "zh": "J(w)/N 的等高线图"},
    "web.gd.curve": {"en": "J(w)/N after each step", "zh": "每一步之后的 J(w)/N"},
    "web.gd.data": {"en": "The data and each method's final boundary", "zh": "数据与各方法最终的决策边界"},
    "web.gd.click": {"en": "Click the map to choose the start w⁰.", "zh": "点击等高线图选择起点 w⁰。"},
    "web.gd.minimum": {"en": "minimum", "zh": "最小值"},
    "web.gd.start": {"en": "start", "zh": "起点"},
    "web.gd.step_axis": {"en": "step k", "zh": "迭代 k"},
    "web.gd.result": {"en": "{method}: {verdict}, J/N = {J}", "zh": "{method}：{verdict}，J/N = {J}"},
    # ---- 3. perceptron -------------------------------------------------------------------
    "web.pc.title": {"en": "Perceptron: the lecture's example step by step", "zh": "感知机：课程实例逐步演示"},
    "web.pc.intro": {
        "en": "Positive points M1(3,3), M2(4,3), negative point M3(1,1). Each iteration takes a misclassified "
              "point (xᵢ, yᵢ), one with yᵢ(w·xᵢ + b) ≤ 0, and updates w ← w + η yᵢ xᵢ, b ← b + η yᵢ, until no "
              "point is misclassified. Click the plane to add points; click a misclassified point to use it next.",
        "zh": "正样本点 M1(3,3)、M2(4,3)，负样本点 M3(1,1)。每次迭代选一个误分类点 (xᵢ, yᵢ)，即 "
              "yᵢ(w·xᵢ + b) ≤ 0 的点，更新 w ← w + η yᵢ xᵢ，b ← b + η yᵢ，直到没有误分类点。"
              "点击平面添加样本点；点击一个误分类点，下一次迭代就用它。",
    },
    "web.pc.step": {"en": "Next iteration", "zh": "下一次迭代"},
    "web.pc.run": {"en": "Run to the end", "zh": "运行到底"},
    "web.pc.restart": {"en": "Back to iteration 0", "zh": "回到第 0 次迭代"},
    "web.pc.lecture": {"en": "Lecture example", "zh": "课程实例"},
    "web.pc.homework": {"en": "Homework III: M2 at iteration 5", "zh": "作业题 III：第 5 次迭代选 M2"},
    "web.pc.clear": {"en": "Remove all points", "zh": "清除所有点"},
    "web.pc.add": {"en": "A click adds a point of class", "zh": "点击平面添加的点的类别"},
    "web.pc.positive": {"en": "+1 (positive)", "zh": "+1（正样本）"},
    "web.pc.negative": {"en": "−1 (negative)", "zh": "−1（负样本）"},
    "web.pc.eta": {"en": "Learning rate η", "zh": "学习率 η"},
    "web.pc.next": {"en": "Use next:", "zh": "下一次使用："},
    "web.pc.first": {"en": "the first misclassified point (lecture)", "zh": "第一个误分类点（课程做法）"},
    "web.pc.col.iteration": {"en": "Iteration", "zh": "迭代次数"},
    "web.pc.col.point": {"en": "Misclassified point", "zh": "误分类点"},
    "web.pc.col.plane": {"en": "Hyperplane", "zh": "超平面"},
    "web.pc.none": {"en": "none", "zh": "无"},
    "web.pc.converged": {
        "en": "No misclassified point left. Perceptron model: f(x) = {model}",
        "zh": "没有误分类点了。感知机模型：f(x) = {model}",
    },
    "web.pc.table_cut": {
        "en": "{hidden} rows not shown: iterations {first} to {last}.",
        "zh": "省略了 {hidden} 行：第 {first} 到第 {last} 次迭代。",
    },
    "web.mle.n_invalid": {
        "en": "n must be a whole number from 1 to {max}; the charts show n = {n}.",
        "zh": "n 必须是 1 到 {max} 之间的整数；图中仍是 n = {n} 的结果。",
    },
    "web.pc.limited": {
        "en": "Still misclassified points after {n} updates: no straight line may separate these points.",
        "zh": "更新 {n} 次后仍有误分类点：这些点可能线性不可分。",
    },
    "web.pc.need_points": {"en": "Add at least one point.", "zh": "请至少添加一个点。"},
    # ---- 4. maximum likelihood -------------------------------------------------------------
    "web.mle.title": {"en": "Maximum likelihood: the proportion of white balls", "zh": "极大似然估计：估计白球比例"},
    "web.mle.intro": {
        "en": "An urn holds black and white balls. Draw n times with replacement; k balls are white. "
              "The likelihood L(p) = C(n,k) pᵏ (1 − p)ⁿ⁻ᵏ is a function of the proportion p with the draws fixed; "
              "the estimate is the p that makes the observed draws most probable.",
        "zh": "罐子里有黑球和白球。有放回地抽取 n 次，其中 k 次是白球。似然函数 "
              "L(p) = C(n,k) pᵏ (1 − p)ⁿ⁻ᵏ 把抽样结果固定、看作比例 p 的函数；"
              "估计值就是使观测结果出现概率最大的 p。",
    },
    "web.mle.n": {"en": "Draws n", "zh": "抽样次数 n"},
    "web.mle.k": {"en": "White balls k", "zh": "白球次数 k"},
    "web.mle.p": {"en": "Known proportion p (probability view)", "zh": "已知比例 p（概率函数视角）"},
    "web.mle.likelihood": {"en": "Likelihood L(p)", "zh": "似然函数 L(p)"},
    "web.mle.log_likelihood": {"en": "Log-likelihood ln L(p)", "zh": "对数似然函数 ln L(p)"},
    "web.mle.estimate": {
        "en": "Maximum at p̂ = k/n = {p} (a numerical search finds {numeric}); L(p̂) = {L}",
        "zh": "极大值在 p̂ = k/n = {p}（数值搜索得 {numeric}）；L(p̂) = {L}",
    },
    "web.mle.stationary": {
        "en": "dL/dp = 0 at p = {points}. Why not p = 0 or p = 1? There L = 0: the draws we saw would be "
              "impossible, so those are minima, not the estimate.",
        "zh": "令导数为 0 得 p = {points}。为什么不取 p = 0 或 p = 1？在这两点 L = 0，"
              "观测到的结果根本不可能出现，它们是极小值点，不是估计值。",
    },
    "web.mle.boundary": {
        "en": "With k = 0 or k = n the maximum lies on the boundary, p̂ = {p}, where dL/dp is not zero.",
        "zh": "当 k = 0 或 k = n 时，极大值在边界 p̂ = {p} 上，那里导数不为 0。",
    },
    "web.mle.prob_title": {
        "en": "Probability function P(k | n, p) with p = {p} known",
        "zh": "概率函数：已知 p = {p} 时的 P(k | n, p)",
    },
    "web.mle.prob_too_many": {
        "en": "(the bars are drawn for n ≤ {max})",
        "zh": "（n ≤ {max} 时才画出柱状图）",
    },
    "web.mle.two_readings": {
        "en": "One formula, two readings. If the parameter θ (here p) is known, it is the probability function: "
              "how probable each outcome x is. If the outcome x (here k of n) is known, it is the likelihood "
              "function: how probable the observed x is under each value of the parameter.",
        "zh": "同一个公式，两种理解：如果 θ（这里是 p）是已知的，该函数叫做概率函数，描述的是不同样本点 x "
              "出现的概率；如果 x（这里是 n 次中的 k 次）是已知的，该函数叫做似然函数，描述的是对于不同的"
              "模型参数，出现样本点 x 的概率。",
    },
    "web.mle.hw": {"en": "Homework I", "zh": "作业题 I"},
    "web.mle.hw1": {
        "en": "Draw {n} times with replacement; {k} balls are white. What proportion of white balls is most "
              "likely? The objective function is: A. probability function  B. likelihood function",
        "zh": "有放回地抽取 {n} 次，其中 {k} 次是白球。罐子中白球所占比例最有可能是多少？"
              "建模时目标函数为：A. 概率函数  B. 似然函数",
    },
    "web.mle.hw2": {
        "en": "{p_pct}% of the balls are white. What is the probability that a ball drawn is white? "
              "The objective function is: A. probability function  B. likelihood function",
        "zh": "白球占比 {p_pct}%，随机拿出一个球，该球为白球的概率是多少？"
              "建模时目标函数为：A. 概率函数  B. 似然函数",
    },
    "web.mle.show": {"en": "Show the answer", "zh": "显示答案"},
    "web.mle.answer.B": {
        "en": "B, the likelihood function: the draws are known and the parameter is sought; p̂ = {value}.",
        "zh": "B，似然函数：抽样结果已知，求参数；p̂ = {value}。",
    },
    "web.mle.answer.A": {
        "en": "A, the probability function: the parameter is known and the outcome varies; P(white) = {value}.",
        "zh": "A，概率函数：参数已知，结果可变；P(白球) = {value}。",
    },
    # ---- 5. backpropagation -----------------------------------------------------------------
    "web.bp.title": {"en": "Backpropagation on the lecture's network", "zh": "反向传播：课程中的网络"},
    "web.bp.intro": {
        "en": "3 inputs, 4 hidden neurons, 2 outputs, one training sample (x, y), cost E = ½‖y − a(3)‖². "
              "Forward: z(l) = θ(l) a(l−1) + b(l), a(l) = f(z(l)). Backward: δ(3) = −(y − a(3)) ⊙ f′(z(3)), "
              "δ(2) = (θ(3)ᵀ δ(3)) ⊙ f′(z(2)), ∂E/∂θ(l) = δ(l) a(l−1)ᵀ, ∂E/∂b(l) = δ(l). Beside every "
              "gradient: the finite-difference check (E(θ + ε) − E(θ − ε)) / 2ε.",
        "zh": "3 个输入、4 个隐藏神经元、2 个输出，一个训练样本 (x, y)，代价函数 E = ½‖y − a(3)‖²。"
              "前向传播：z(l) = θ(l) a(l−1) + b(l)，a(l) = f(z(l))。反向传播：δ(3) = −(y − a(3)) ⊙ f′(z(3))，"
              "δ(2) = (θ(3)ᵀ δ(3)) ⊙ f′(z(2))，∂E/∂θ(l) = δ(l) a(l−1)ᵀ，∂E/∂b(l) = δ(l)。"
              "每个梯度旁边是有限差分检验 (E(θ + ε) − E(θ − ε)) / 2ε。",
    },
    "web.bp.x": {"en": "Input x", "zh": "输入 x"},
    "web.bp.y": {"en": "Target y", "zh": "目标 y"},
    "web.bp.mu": {"en": "Learning rate μ", "zh": "学习率 μ"},
    "web.bp.activation": {"en": "Activation f (hidden layer)", "zh": "隐藏层激活函数 f"},
    "web.bp.step": {"en": "One gradient step", "zh": "梯度下降一步"},
    "web.bp.step10": {"en": "10 steps", "zh": "10 步"},
    "web.bp.state": {"en": "After {steps} steps: E = {E}", "zh": "更新 {steps} 次之后：E = {E}"},
    "web.bp.check": {
        "en": "Largest relative difference between backprop and finite differences: {err}",
        "zh": "反向传播与有限差分的最大相对误差：{err}",
    },
    "web.bp.pick": {
        "en": "Click a neuron: its incoming weights θᵢⱼ and their gradients appear on the diagram.",
        "zh": "点击一个神经元：图上会显示它的输入权重 θᵢⱼ 及其梯度。",
    },
    "web.bp.input_layer": {"en": "input layer l = 1", "zh": "输入层 l = 1"},
    "web.bp.hidden_layer": {"en": "hidden layer l = 2", "zh": "隐藏层 l = 2"},
    "web.bp.output_layer": {"en": "output layer l = 3", "zh": "输出层 l = 3"},
    "web.bp.col.param": {"en": "parameter", "zh": "参数"},
    "web.bp.col.value": {"en": "value", "zh": "当前值"},
    "web.bp.col.backprop": {"en": "backprop ∂E/∂·", "zh": "反向传播 ∂E/∂·"},
    "web.bp.col.numeric": {"en": "finite difference", "zh": "有限差分"},
    "web.bp.col.formula": {"en": "δ(l)ᵢ a(l−1)ⱼ", "zh": "δ(l)ᵢ a(l−1)ⱼ"},
    "web.bp.fd": {"en": "FD", "zh": "差分"},
    "web.bp.fd_legend": {
        "en": "FD: finite difference (E(θ + ε) − E(θ − ε)) / 2ε, ε = 1e-6",
        "zh": "差分：有限差分 (E(θ + ε) − E(θ − ε)) / 2ε，ε = 1e-6",
    },
    "web.bp.history": {"en": "E after each step", "zh": "每一步之后的 E"},
    "web.bp.layer_params": {"en": "Layer l = {l}", "zh": "第 l = {l} 层"},
    # ---- 6. digits -------------------------------------------------------------------------
    "web.dg.title": {"en": "Handwritten digit recognition", "zh": "手写数字识别"},
    "web.dg.intro": {
        "en": "Draw a digit with the mouse, a pen or a finger. The network sees it after the same MNIST "
              "preprocessing as 'nnscratch predict': cropped, scaled into a 20×20 box and centred by its centre "
              "of mass in a 28×28 field.",
        "zh": "用鼠标、触控笔或手指写一个数字。网络看到的是经过与 'nnscratch predict' 相同的 MNIST 预处理后的"
              "图像：裁剪、缩放到 20×20 的框内，再按质心放到 28×28 图像的中央。",
    },
    "web.dg.draw": {"en": "Draw here", "zh": "在这里书写"},
    "web.dg.clear": {"en": "Clear", "zh": "清除"},
    "web.dg.seen": {"en": "What the network sees (28×28)", "zh": "网络看到的图像（28×28）"},
    "web.dg.probabilities": {"en": "Output a(L) for each digit", "zh": "每个数字的输出 a(L)"},
    "web.dg.prediction": {"en": "It is a", "zh": "识别结果"},
    "web.dg.empty": {"en": "Draw a digit first.", "zh": "请先写一个数字。"},
    "web.dg.no_model": {
        "en": "No trained digit model yet. Train one with this command (a few minutes on a laptop):",
        "zh": "还没有训练好的手写数字模型。用这条命令训练一个（笔记本电脑上几分钟）：",
    },
    "web.dg.no_model_after": {
        "en": "then press “Check again”, or start the lab with 'nnscratch serve --model FILE'.",
        "zh": "然后点击“重新检查”，或用 'nnscratch serve --model 文件' 启动。",
    },
    "web.dg.problem": {"en": "The model {path} cannot be used: {problem}", "zh": "模型 {path} 无法使用：{problem}"},
    "web.dg.check": {"en": "Check again", "zh": "重新检查"},
    "web.dg.model": {"en": "Model {path}: layers {sizes}", "zh": "模型 {path}：各层 {sizes}"},
}
