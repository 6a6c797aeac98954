"""Texts of the graded exercises (nnscratch.exercises, ``nnscratch exercise``): tasks, docstrings, hints, verdicts."""

from typing import Any

_EX: dict[str, dict[str, Any]] = {
    "urn_mle": {
        "title": ("罐子中白球比例的极大似然估计", "Maximum likelihood of the white-ball proportion"),
        "task": ("有放回地从罐子中抽取 n = draws 次，其中 k = white 次是白球。似然函数为 "
                 "L(p) = C(n,k) p^k (1-p)^(n-k)。写出使 L(p) 取极大值的 p（课程第 1 节）。",
                 "Draw n = draws balls with replacement from the urn; k = white of them are white. The likelihood "
                 "function is L(p) = C(n,k) p^k (1-p)^(n-k). Return the p that maximises L(p) (lecture, section 1)."),
        "doc": ("draws: 抽取次数 n（正整数）；white: 白球次数 k（0 <= k <= n）。\n返回 float：p 的极大似然估计。",
                "draws: the number of draws n (a positive integer); white: white draws k (0 <= k <= n).\n"
                "Returns a float: the maximum-likelihood estimate of p."),
        "hint": ("课程：令 dL/dp = p^(k-1)(1-p)^(n-k-1)[k(1-p) - (n-k)p] = 0，得 p = k/n（白球次数 / 抽取次数）。",
                 "The lecture: dL/dp = p^(k-1)(1-p)^(n-k-1)[k(1-p) - (n-k)p] = 0 gives p = k/n "
                 "(white draws / all draws)."),
        "mistake": {
            "odds": ("你返回的是 k/(n-k)，即白球与黑球次数之比；似然函数在 p = k/n 处取极大值。",
                     "you returned k/(n-k), the ratio of white to black draws; the likelihood is maximal at p = k/n."),
            "black": ("你返回的是黑球比例 (n-k)/n；p 是白球所占比例，p = k/n。",
                      "you returned the proportion of black balls (n-k)/n; p is the proportion of white balls, "
                      "p = k/n."),
            "int_division": ("整数除法 k // n 只会得到 0 或 1；请用 k / n。",
                             "integer division k // n gives only 0 or 1; use k / n."),
        },
    },
    "sigmoid_prime": {
        "title": ("sigmoid 激活函数的导数", "The derivative of the sigmoid"),
        "task": ("写出 sigmoid 函数 f(z) = 1/(1 + e^(-z)) 的导数 f'(z)，逐元素计算。|z| 很大时不能得到 NaN。",
                 "Write the derivative f'(z) of the sigmoid f(z) = 1/(1 + e^(-z)), element by element. "
                 "It must not give NaN for large |z|."),
        "doc": ("z: 任意形状的数组（float32 或 float64）。\n返回与 z 形状相同的数组 f'(z)。",
                "z: an array of any shape (float32 or float64).\nReturns f'(z), an array shaped like z."),
        "hint": ("f'(z) = f(z)(1 - f(z))，其中 f(z) = 1/(1 + e^(-z))。",
                 "f'(z) = f(z)(1 - f(z)) with f(z) = 1/(1 + e^(-z))."),
        "mistake": {
            "sigmoid": ("你返回的是 f(z) 本身，而不是它的导数：f'(z) = f(z)(1 - f(z))。",
                        "you returned f(z) itself, not its derivative: f'(z) = f(z)(1 - f(z))."),
            "z_not_f": ("你计算的是 z(1 - z)；公式作用在 f(z) 上而不是 z 上：f'(z) = f(z)(1 - f(z))。",
                        "you computed z(1 - z); the formula applies to f(z), not to z: f'(z) = f(z)(1 - f(z))."),
        },
    },
    "logistic_gradient": {
        "title": ("逻辑回归损失函数的梯度", "The gradient of the logistic-regression loss"),
        "task": ("逻辑回归的损失函数 J(w) = -Σ[y_i ln p(x_i) + (1 - y_i) ln(1 - p(x_i))]，"
                 "p(x_i) = σ(w^T x_i + b)，对 X 的所有行求和。写出 J 对 w 和 b 的梯度。",
                 "The logistic-regression loss is J(w) = -Σ[y_i ln p(x_i) + (1 - y_i) ln(1 - p(x_i))] with "
                 "p(x_i) = σ(w^T x_i + b), a sum over the rows of X. Return the gradient of J with respect to w "
                 "and b."),
        "doc": ("w: (d,) 权重；b: 标量偏置；X: (N, d)，每行一个样本 x_i；y: (N,)，取值 0 或 1。\n"
                "返回 (grad_w, grad_b)：grad_w 形状 (d,)，grad_b 为标量。",
                "w: (d,) weights; b: scalar bias; X: (N, d), one sample x_i per row; y: (N,) with values 0 or 1.\n"
                "Returns (grad_w, grad_b): grad_w of shape (d,), grad_b a scalar."),
        "hint": ("课程：∂J/∂w = Σ(p(x_i) - y_i) x_i，∂J/∂b = Σ(p(x_i) - y_i)，p(x_i) = σ(w^T x_i + b)；"
                 "J 是对样本求和，没有 1/N。",
                 "The lecture: ∂J/∂w = Σ(p(x_i) - y_i) x_i and ∂J/∂b = Σ(p(x_i) - y_i), p(x_i) = σ(w^T x_i + b); "
                 "J is a sum over the samples, with no 1/N."),
        "mistake": {
            "sign": ("符号错了：J = -L 的梯度是 Σ(p - y)x，而 Σ(y - p)x 是对数似然函数 L 的梯度。",
                     "sign: the gradient of J = -L is Σ(p - y)x; Σ(y - p)x is the gradient of the log-likelihood L."),
            "mean": ("你除以了 N：课程中的 J(w) 是对样本求和，梯度是 Σ(p(x_i) - y_i) x_i，没有 1/N。",
                     "you divided by N: the lecture's J(w) is a sum over the samples, so the gradient is "
                     "Σ(p(x_i) - y_i) x_i without 1/N."),
            "no_sigmoid": ("p(x_i) 应是概率 σ(w^T x_i + b)，而不是线性得分 w^T x_i + b。",
                           "p(x_i) must be the probability σ(w^T x_i + b), not the score w^T x_i + b."),
        },
    },
    "perceptron_update": {
        "title": ("感知机的一次参数更新", "One perceptron update"),
        "task": ("(x, y) 是一个误分类点（y(w^T x + b) <= 0，y 为 +1 或 -1），学习率为 eta。"
                 "按感知机算法更新参数并返回新的 w 和 b。",
                 "(x, y) is a misclassified point (y(w^T x + b) <= 0, y is +1 or -1) and eta the learning rate. "
                 "Update the parameters by the perceptron algorithm and return the new w and b."),
        "doc": ("w: (d,)；b: 标量；x: (d,)；y: +1 或 -1；eta: 学习率 η > 0。\n返回 (w, b)：更新后的参数。",
                "w: (d,); b: scalar; x: (d,); y: +1 or -1; eta: the learning rate η > 0.\n"
                "Returns (w, b): the updated parameters."),
        "hint": ("课程：对误分类点，w ← w + η y_i x_i，b ← b + η y_i。",
                 "The lecture: for a misclassified point, w ← w + η y_i x_i and b ← b + η y_i."),
        "mistake": {
            "sign": ("符号错了：更新是 w + η y x（把超平面推向正确的一侧），不是 w - η y x。",
                     "sign: the update is w + η y x (moving the hyperplane to the right side), not w - η y x."),
            "no_y": ("漏掉了标签 y：w ← w + η y x，b ← b + η y；y = -1 时更新方向相反。",
                     "the label y is missing: w ← w + η y x, b ← b + η y; with y = -1 the update goes the other way."),
            "no_b": ("b 没有更新：b ← b + η y。", "b was not updated: b ← b + η y."),
        },
    },
    "layer_forward": {
        "title": ("一层的前向传播", "Forward pass of one layer"),
        "task": ("第 l 层：z(l) = θ(l) a(l-1) + b(l)，a(l) = f(z(l))。θ(l) 的形状是 (n_l, n_{l-1})。返回 (z, a)。",
                 "Layer l: z(l) = θ(l) a(l-1) + b(l), a(l) = f(z(l)). θ(l) has shape (n_l, n_{l-1}). Return (z, a)."),
        "doc": ("theta: (n_l, n_{l-1})，θ(l)；b: (n_l,)；a_prev: (n_{l-1},)，a(l-1)；f: 激活函数（逐元素）。\n"
                "返回 (z, a)：两个形状为 (n_l,) 的向量。",
                "theta: (n_l, n_{l-1}), θ(l); b: (n_l,); a_prev: (n_{l-1},), a(l-1); f: the activation (elementwise).\n"
                "Returns (z, a): two vectors of shape (n_l,)."),
        "hint": ("课程：z(l) = θ(l) a(l-1) + b(l)（theta @ a_prev + b），a(l) = f(z(l))。",
                 "The lecture: z(l) = θ(l) a(l-1) + b(l) (theta @ a_prev + b), a(l) = f(z(l))."),
        "mistake": {
            "transposed": ("θ 转置了：θ(l) 是 (n_l, n_{l-1})，所以 z = θ a_prev（theta @ a_prev），不是 θ^T a_prev。",
                           "transposed θ: θ(l) is (n_l, n_{l-1}), so z = θ a_prev (theta @ a_prev), not θ^T a_prev."),
            "no_bias": ("漏掉了偏置：z(l) = θ(l) a(l-1) + b(l)。", "the bias is missing: z(l) = θ(l) a(l-1) + b(l)."),
            "no_f": ("a 应是 f(z)：你返回的 a = z 没有经过激活函数。",
                     "a must be f(z): you returned a = z without the activation function."),
        },
    },
    "delta_output_quadratic": {
        "title": ("输出层误差 δ(L)（二次代价函数）", "Output error δ(L), quadratic cost"),
        "task": ("代价函数 E = ½‖y - a(L)‖²。给定 y、a(L) 和 f'(z(L))，写出输出层误差 δ(L) = ∂E/∂z(L)。",
                 "The cost is E = ½‖y - a(L)‖². Given y, a(L) and f'(z(L)), return the output error "
                 "δ(L) = ∂E/∂z(L)."),
        "doc": ("y: (n_L,) 目标；a: (n_L,) 输出 a(L)；fprime_z: (n_L,) f'(z(L))。\n返回 delta: (n_L,)。",
                "y: (n_L,) target; a: (n_L,) output a(L); fprime_z: (n_L,) f'(z(L)).\nReturns delta: (n_L,)."),
        "hint": ("课程：δ(L) = -(y - a(L)) ⊙ f'(z(L))。", "The lecture: δ(L) = -(y - a(L)) ⊙ f'(z(L))."),
        "mistake": {
            "no_fprime": ("漏掉了 f'(z)：δ(L) = -(y - a) ⊙ f'(z(L))，不是 -(y - a)；正是 f'(z) "
                          "让饱和的输出层学得很慢。",
                          "missing f'(z): δ(L) = -(y - a) ⊙ f'(z(L)), not -(y - a); this factor f'(z) is what slows "
                          "learning when the output saturates."),
            "sign": ("符号错了：δ(L) = -(y - a) ⊙ f'(z) = (a - y) ⊙ f'(z)，你返回的是 (y - a) ⊙ f'(z)。",
                     "sign: δ(L) = -(y - a) ⊙ f'(z) = (a - y) ⊙ f'(z); you returned (y - a) ⊙ f'(z)."),
        },
    },
    "delta_output_cross_entropy": {
        "title": ("输出层误差 δ(L)（softmax + 交叉熵）", "Output error δ(L), softmax with cross-entropy"),
        "task": ("输出层用 softmax，代价函数为交叉熵 E = -Σ_k y_k ln a_k。写出输出层误差 δ(L) = ∂E/∂z(L)。",
                 "The output layer is a softmax and the cost the cross-entropy E = -Σ_k y_k ln a_k. "
                 "Return the output error δ(L) = ∂E/∂z(L)."),
        "doc": ("y: (n_L,) one-hot 目标；a: (n_L,) softmax 输出 a(L)。\n返回 delta: (n_L,)。",
                "y: (n_L,) one-hot target; a: (n_L,) the softmax output a(L).\nReturns delta: (n_L,)."),
        "hint": ("softmax 的导数与 -ln a 的导数相互抵消：δ(L) = a(L) - y。",
                 "The softmax's derivative cancels against that of -ln a: δ(L) = a(L) - y."),
        "mistake": {
            "sign": ("符号错了：δ(L) = a - y，不是 y - a。", "sign: δ(L) = a - y, not y - a."),
            "fprime": ("这里没有 f'(z)：用交叉熵时 softmax 的导数被抵消，δ(L) = a - y；你多乘了 a(1 - a)。",
                       "no f'(z) here: with cross-entropy the softmax's derivative cancels, δ(L) = a - y; "
                       "you multiplied by a(1 - a)."),
        },
    },
    "delta_hidden": {
        "title": ("隐藏层误差的反向传播", "Backpropagating the error to a hidden layer"),
        "task": ("反向传播的核心公式：用第 l+1 层的 δ(l+1) 计算第 l 层的 δ(l) = ((θ(l+1))^T δ(l+1)) ⊙ f'(z(l))。",
                 "The core formula of backpropagation: from δ(l+1) of layer l+1, compute "
                 "δ(l) = ((θ(l+1))^T δ(l+1)) ⊙ f'(z(l))."),
        "doc": ("theta_next: (n_{l+1}, n_l)，θ(l+1)；delta_next: (n_{l+1},)，δ(l+1)；fprime_z: (n_l,)，f'(z(l))。\n"
                "返回 delta: (n_l,)，δ(l)。",
                "theta_next: (n_{l+1}, n_l), θ(l+1); delta_next: (n_{l+1},), δ(l+1); fprime_z: (n_l,), f'(z(l)).\n"
                "Returns delta: (n_l,), δ(l)."),
        "hint": ("课程：δ(l) = ((θ(l+1))^T δ(l+1)) ⊙ f'(z(l))，即 (theta_next.T @ delta_next) * fprime_z。",
                 "The lecture: δ(l) = ((θ(l+1))^T δ(l+1)) ⊙ f'(z(l)), i.e. (theta_next.T @ delta_next) * fprime_z."),
        "mistake": {
            "no_fprime": ("漏掉了 f'(z(l))：δ(l) = (θ^T δ(l+1)) ⊙ f'(z(l))。",
                          "missing f'(z(l)): δ(l) = (θ^T δ(l+1)) ⊙ f'(z(l))."),
            "transposed": ("θ 转置错了：误差沿 θ^T 反向传播，应是 theta_next.T @ delta_next，而不是 theta_next "
                           "@ delta_next。",
                           "transposed θ: the error flows backward through θ^T: theta_next.T @ delta_next, "
                           "not theta_next @ delta_next."),
        },
    },
    "weight_gradient": {
        "title": ("权重的梯度 ∇θ(l) E", "The weight gradient ∇θ(l) E"),
        "task": ("由 δ(l) 和 a(l-1) 写出 ∂E/∂θ(l)，即 ∂E/∂θ_ij(l) = δ_i(l) a_j(l-1) 组成的矩阵。",
                 "From δ(l) and a(l-1), return ∂E/∂θ(l), the matrix of ∂E/∂θ_ij(l) = δ_i(l) a_j(l-1)."),
        "doc": ("delta: (n_l,)，δ(l)；a_prev: (n_{l-1},)，a(l-1)。\n返回 grad_theta: (n_l, n_{l-1})，与 θ(l) "
                "形状相同。",
                "delta: (n_l,), δ(l); a_prev: (n_{l-1},), a(l-1).\n"
                "Returns grad_theta: (n_l, n_{l-1}), shaped like θ(l)."),
        "hint": ("课程：∇θ(l) E = δ(l) (a(l-1))^T，一个 (n_l, n_{l-1}) 的外积矩阵：np.outer(delta, a_prev)。",
                 "The lecture: ∇θ(l) E = δ(l) (a(l-1))^T, an (n_l, n_{l-1}) outer product: np.outer(delta, a_prev)."),
        "mistake": {
            "transposed": ("转置了：∂E/∂θ_ij = δ_i a_j，行对应 δ：np.outer(delta, a_prev)，不是 "
                           "np.outer(a_prev, delta)。",
                           "transposed: ∂E/∂θ_ij = δ_i a_j, so rows follow δ: np.outer(delta, a_prev), "
                           "not np.outer(a_prev, delta)."),
            "dot": ("δ(l) (a(l-1))^T 是外积（一个矩阵），不是内积（一个数）。",
                    "δ(l) (a(l-1))^T is an outer product (a matrix), not the dot product (a number)."),
        },
    },
    "backprop_network": {
        "title": ("整个网络的反向传播", "Backpropagation through a whole network"),
        "task": ("网络各层（包括输出层）的激活函数都是 f，代价函数 E = ½‖y - a(L)‖²。对一个样本 (x, y) 做前向传播，"
                 "再用反向传播求出每一层的 ∂E/∂θ(l) 和 ∂E/∂b(l)。结果用有限差分检验。",
                 "Every layer, the output layer included, uses the activation f, and the cost is E = ½‖y - a(L)‖². "
                 "For one sample (x, y), run the forward pass, then backpropagation, and return ∂E/∂θ(l) and "
                 "∂E/∂b(l) for every layer. Graded against finite differences."),
        "doc": ("thetas: 列表，thetas[k] 是 θ(k+2)，形状 (n_{k+2}, n_{k+1})；bs: 列表，bs[k] 是 b(k+2)，形状 "
                "(n_{k+2},)；\n"
                "x: (n_1,)；y: (n_L,)；f、fprime: 激活函数及其导数（逐元素）。\n"
                "返回 (grad_thetas, grad_bs)：两个列表，与 thetas、bs 一一对应、形状相同。",
                "thetas: a list, thetas[k] is θ(k+2) of shape (n_{k+2}, n_{k+1}); bs: a list, bs[k] is b(k+2) "
                "of shape (n_{k+2},);\nx: (n_1,); y: (n_L,); f, fprime: the activation and its derivative "
                "(elementwise).\n"
                "Returns (grad_thetas, grad_bs): two lists matching thetas and bs, shape for shape."),
        "hint": ("课程的四个公式：δ(L) = -(y - a(L)) ⊙ f'(z(L))；δ(l) = ((θ(l+1))^T δ(l+1)) ⊙ f'(z(l))；"
                 "∇θ(l) E = δ(l) (a(l-1))^T；∇b(l) E = δ(l)。",
                 "The lecture's four lines: δ(L) = -(y - a(L)) ⊙ f'(z(L)); δ(l) = ((θ(l+1))^T δ(l+1)) ⊙ f'(z(l)); "
                 "∇θ(l) E = δ(l) (a(l-1))^T; ∇b(l) E = δ(l)."),
        "mistake": {
            "no_fprime_output": ("输出层误差 δ(L) 漏掉了 f'(z(L))：δ(L) = -(y - a(L)) ⊙ f'(z(L))。",
                                 "the output error δ(L) misses f'(z(L)): δ(L) = -(y - a(L)) ⊙ f'(z(L))."),
            "no_fprime_hidden": ("隐藏层误差 δ(l) 漏掉了 f'(z(l))：δ(l) = ((θ(l+1))^T δ(l+1)) ⊙ f'(z(l))。",
                                 "the hidden errors δ(l) miss f'(z(l)): δ(l) = ((θ(l+1))^T δ(l+1)) ⊙ f'(z(l))."),
            "sign": ("符号错了：梯度指向代价函数增大的方向，δ(L) = -(y - a) ⊙ f'(z) = (a - y) ⊙ f'(z)。",
                     "sign: the gradient points up the cost; δ(L) = -(y - a) ⊙ f'(z) = (a - y) ⊙ f'(z)."),
        },
    },
    "sgd_minibatch_step": {
        "title": ("小批量梯度下降的一步", "One mini-batch gradient-descent step"),
        "task": ("对小批量 X（每行一个样本）、Y 做一步梯度下降：θ(l) ← θ(l) - (μ/N) Σ_i ∂E(i)/∂θ(l)，"
                 "b(l) ← b(l) - (μ/N) Σ_i ∂E(i)/∂b(l)，E(i) = ½‖y(i) - a(L)‖²，μ 为学习率 lr。",
                 "Take one gradient-descent step on the mini-batch X (one sample per row), Y: "
                 "θ(l) ← θ(l) - (μ/N) Σ_i ∂E(i)/∂θ(l), b(l) ← b(l) - (μ/N) Σ_i ∂E(i)/∂b(l), with "
                 "E(i) = ½‖y(i) - a(L)‖² and the learning rate μ = lr."),
        "doc": ("thetas、bs: 同 backprop_network；X: (N, n_1)；Y: (N, n_L)；f、fprime: 激活函数及其导数；lr: "
                "学习率 μ。\n"
                "返回 (thetas, bs)：更新后的两个列表。",
                "thetas, bs: as in backprop_network; X: (N, n_1); Y: (N, n_L); f, fprime: the activation and its "
                "derivative; lr: the learning rate μ.\nReturns (thetas, bs): the two updated lists."),
        "hint": ("课程：θ(l) = θ(l) - (μ/N) Σ_i ∂E(i)/∂θ(l)，b(l) = b(l) - (μ/N) Σ_i ∂E(i)/∂b(l)："
                 "对小批量中每个样本的梯度取平均。",
                 "The lecture: θ(l) = θ(l) - (μ/N) Σ_i ∂E(i)/∂θ(l), b(l) = b(l) - (μ/N) Σ_i ∂E(i)/∂b(l): "
                 "the mean of the per-sample gradients of the mini-batch."),
        "mistake": {
            "no_mean": ("漏掉了 1/N：课程对每个样本的梯度取平均，θ ← θ - (μ/N) Σ ∂E(i)/∂θ；只求和会让步长大 N 倍。",
                        "missing 1/N: the lecture averages the per-sample gradients, θ ← θ - (μ/N) Σ ∂E(i)/∂θ; "
                        "a plain sum makes the step N times too large."),
            "sign": ("符号错了：梯度下降是减去梯度，θ ← θ - μ ∇E。",
                     "sign: gradient descent subtracts the gradient, θ ← θ - μ ∇E."),
            "one_sample": ("只用了一个样本的梯度：要对 X 的全部 N 行求和再除以 N。",
                           "only one sample's gradient was used: sum over all N rows of X, then divide by N."),
        },
    },
    "count_parameters": {
        "title": ("网络的参数个数（作业 V）", "Counting a network's parameters (homework V)"),
        "task": ("给定各层神经元个数 sizes = [n_1, ..., n_L]，返回网络参数（所有 θ(l) 与 b(l) 的元素）的总数。"
                 "课程的手写数字识别网络 784-30-10 有多少个参数？",
                 "Given the layer sizes sizes = [n_1, ..., n_L], return the number of parameters (all entries of every "
                 "θ(l) and b(l)). How many does the lecture's 784-30-10 digit network have?"),
        "doc": ("sizes: 整数列表 [n_1, ..., n_L]，n_1 是输入层。\n返回 int：参数总数。",
                "sizes: a list of integers [n_1, ..., n_L], n_1 the input layer.\nReturns an int: the number of "
                "parameters."),
        "hint": ("第 l-1 层到第 l 层：θ(l) 有 n_l · n_{l-1} 个元素，b(l) 有 n_l 个；总数 Σ_{l=2..L} (n_l "
                 "n_{l-1} + n_l)，"
                 "784-30-10 共 23,860 个。",
                 "From layer l-1 to layer l: θ(l) has n_l · n_{l-1} entries and b(l) has n_l; the total is "
                 "Σ_{l=2..L} (n_l n_{l-1} + n_l), 23,860 for 784-30-10."),
        "mistake": {
            "no_bias": ("漏掉了偏置：除输入层外每个神经元都有一个偏置 b_i(l)，要加上 l = 2..L 的 Σ n_l。",
                        "the biases are missing: every neuron outside the input layer has a bias b_i(l); add Σ n_l "
                        "for l = 2..L."),
            "input_bias": ("输入层没有偏置：只对 l = 2..L 加上 n_l。",
                           "the input layer has no bias: add n_l only for l = 2..L."),
            "all_bias": ("偏置数错了层：b(l) 属于第 l = 2..L 层，个数是 n_l，不是 n_{l-1}。",
                         "the biases are counted on the wrong layers: b(l) belongs to layer l = 2..L and has n_l "
                         "entries, not n_{l-1}."),
        },
    },
}

MESSAGES: dict[str, dict[str, str]] = {}
for _name, _texts in _EX.items():
    for _field in ("title", "task", "doc", "hint"):
        MESSAGES[f"exercises.{_name}.{_field}"] = {"zh": _texts[_field][0], "en": _texts[_field][1]}
    for _mistake, (_zh, _en) in _texts["mistake"].items():
        MESSAGES[f"exercises.{_name}.mistake.{_mistake}"] = {"zh": _zh, "en": _en}

MESSAGES.update({
    # what differs, when no known mistake explains it
    "exercises.reason.structure": {
        "en": "the function should return {returns}, got a {got_type}.",
        "zh": "函数应返回 {returns}，实际返回的是 {got_type}。"},
    "exercises.reason.type": {
        "en": "{where} should be a number or an array, got a {got_type}.",
        "zh": "{where} 应是数或数组，实际是 {got_type}。"},
    "exercises.reason.shape": {
        "en": "{where} should have shape {expected_shape}, got {got_shape}.",
        "zh": "{where} 的形状应为 {expected_shape}，实际为 {got_shape}。"},
    "exercises.reason.transposed": {
        "en": "{where} has shape {got_shape}, the transpose of {expected_shape}: check the order of θ, δ and a.",
        "zh": "{where} 的形状是 {got_shape}，正好是 {expected_shape} 的转置：检查 θ、δ、a 的先后顺序。"},
    "exercises.reason.nonfinite": {
        "en": "{where} contains NaN or inf where the answer is finite: an exponential overflowed for a large |z| "
              "(compute e^(-|z|), which never overflows).",
        "zh": "{where} 含有 NaN 或 inf，而正确答案是有限值：|z| 很大时指数溢出了（可以改算不会溢出的 e^(-|z|)）。"},
    # verdicts
    "exercises.verdict.pass": {"en": "✓ {name}: all {cases} hidden cases pass.",
                               "zh": "✓ {name}：{cases} 个隐藏测试用例全部通过。"},
    "exercises.verdict.fail": {"en": "✗ {name}: case {index} of {cases} is wrong ({where}).",
                               "zh": "✗ {name}：第 {index} 个测试用例（共 {cases} 个）结果错误（{where}）。"},
    "exercises.verdict.error": {"en": "✗ {name}: {message}{where}", "zh": "✗ {name}：{message}{where}"},
    "exercises.verdict.line": {"en": " (line {line})", "zh": "（第 {line} 行）"},
    "exercises.verdict.in_case": {"en": "  raised in case {index} of {cases}",
                                  "zh": "  出错的是第 {index} 个测试用例（共 {cases} 个）"},
    "exercises.verdict.inputs": {"en": "  inputs:", "zh": "  输入："},
    "exercises.verdict.expected": {"en": "expected:", "zh": "正确结果："},
    "exercises.verdict.got": {"en": "got:     ", "zh": "你的结果："},
    "exercises.verdict.hint": {"en": "hint:", "zh": "提示："},
    "exercises.skeleton.check": {"en": "Check it with:  nnscratch exercise check {name} THIS_FILE.py",
                                 "zh": "检查方法：nnscratch exercise check {name} 本文件.py"},
    "exercises.skeleton.todo": {"en": "your code here, in the lecture's notation",
                                "zh": "在这里用课程的记号写出你的代码"},
    # errors
    "exercises.err.unknown": {
        "en": "unknown exercise {name!r}: choose one of {choices} (nnscratch exercise list)",
        "zh": "没有名为 {name!r} 的练习：可选 {choices}（见 nnscratch exercise list）"},
    "exercises.err.not_callable_arg": {
        "en": "check({name!r}, fn) needs a function as fn, got a {got}: pass the function itself, without calling it",
        "zh": "check({name!r}, fn) 的 fn 应是一个函数，实际是 {got}：传入函数本身，不要调用它"},
    "exercises.err.no_file": {
        "en": "no such file: {path!r}; write the skeleton with: nnscratch exercise show NAME --skeleton > FILE.py",
        "zh": "找不到文件 {path!r}；可以先生成框架：nnscratch exercise show NAME --skeleton > FILE.py"},
    "exercises.err.syntax": {
        "en": "{path} does not load: syntax error, {message}",
        "zh": "{path} 无法加载：Python 报告语法错误“{message}”"},
    "exercises.err.load": {
        "en": "{path} does not load: {message}",
        "zh": "{path} 无法加载：{message}"},
    "exercises.err.missing": {
        "en": "{path} defines no function of this name (functions found: {defined}); name it exactly as the exercise",
        "zh": "{path} 中没有这个名字的函数（找到的函数：{defined}）；函数名要与练习名完全相同"},
    "exercises.err.not_callable": {
        "en": "in {path} this name is a {got}, not a function",
        "zh": "{path} 中这个名字是 {got}，不是函数"},
    "exercises.err.raised": {"en": "the function raised {message}", "zh": "函数抛出了异常 {message}"},
    "exercises.err.timeout": {
        "en": "no answer within {seconds} s: an endless loop? (change the limit with --timeout)",
        "zh": "{seconds} 秒内没有得到结果：是否有死循环？（可用 --timeout 调整时间限制）"},
    "exercises.err.crashed": {
        "en": "the process running the file ended abruptly ({how}): {output}",
        "zh": "运行该文件的进程意外结束（{how}）：{output}"},
    # the command
    "exercises.cli.help": {"en": "graded exercises: write the lecture's formulas, nnscratch checks them",
                           "zh": "练习：自己写出课程中的公式，由 nnscratch 批改"},
    "exercises.cli.list": {"en": "list every exercise", "zh": "列出全部练习"},
    "exercises.cli.show": {"en": "show an exercise's task and the function to write",
                           "zh": "显示练习的题目和要写的函数"},
    "exercises.cli.skeleton": {"en": "print a Python file to fill in (signature, docstring with shapes)",
                               "zh": "输出一个待填写的 Python 文件（函数签名、含形状说明的文档字符串）"},
    "exercises.cli.check": {"en": "grade the function NAME in FILE.py on hidden random cases (exit 0 pass, 1 fail, "
                                  "2 file or function error)",
                            "zh": "在隐藏的随机测试用例上批改 FILE.py 中的函数 NAME（通过时退出码 0，答案错误时 1，"
                                  "文件或函数出错时 2）"},
    "exercises.cli.name": {"en": "exercise name (see: nnscratch exercise list)",
                           "zh": "练习名（见 nnscratch exercise list）"},
    "exercises.cli.file": {"en": "your Python file", "zh": "你的 Python 文件"},
    "exercises.cli.timeout": {"en": "seconds before the file's process is stopped (default 20)",
                              "zh": "超过多少秒停止运行该文件的进程（默认 20）"},
    "exercises.cli.seed": {"en": "seed of the hidden cases (default 0)", "zh": "隐藏测试用例的随机种子（默认 0）"},
    "exercises.cli.chapter": {"en": "lecture section", "zh": "课程章节"},
    "exercises.cli.function": {"en": "Function to write:", "zh": "要写的函数："},
    "exercises.cli.try": {"en": "Start from: nnscratch exercise show {name} --skeleton > {name}.py",
                          "zh": "从这里开始：nnscratch exercise show {name} --skeleton > {name}.py"},
})
