MESSAGES = {
    "engine.backprop.help": {
        "en": "one sample through a network: every z(l), a(l), delta(l) and gradient in the lecture's notation, "
        "each gradient beside its finite-difference value",
        "zh": "一个样本通过网络：按课程记号打印每个 z(l)、a(l)、δ(l) 与梯度，并与有限差分数值梯度对照（反向传播）",
    },
    "engine.gradcheck.help": {
        "en": "check backpropagation against finite differences for every activation x loss x a few "
              "architectures (float64)",
        "zh": "用有限差分检验反向传播：遍历激活函数 x 代价函数 x 若干网络结构（float64）",
    },
    "engine.layers": {"en": "layer sizes n_1,...,n_L (default 3,4,2 as in the lecture)",
                      "zh": "各层神经元个数 n_1,...,n_L（默认 3,4,2，与课程一致）"},
    "engine.activation": {"en": "activation f of the hidden layers (and of the output with the quadratic cost)",
                          "zh": "隐藏层的激活函数 f（使用二次代价时也用于输出层）"},
    "engine.output_activation": {"en": "activation of the output layer L (default: as --activation; softmax for "
                                       "cross-entropy)",
                                 "zh": "输出层 L 的激活函数（默认同 --activation；交叉熵时为 softmax）"},
    "engine.loss": {"en": "cost: quadratic E = 1/2 ||y - a(L)||^2 (the lecture's) or cross_entropy "
                          "(cross-entropy is accepted too)",
                    "zh": "代价函数：二次代价 E = 1/2 ||y - a(L)||^2（课程所用）或交叉熵 cross_entropy"
                          "（也可写作 cross-entropy）"},
    "engine.x": {"en": "input x = a(1) (default: random from the seed)", "zh": "输入 x = a(1)（默认按种子随机生成）"},
    "engine.y": {"en": "target y (default: random from the seed)", "zh": "目标输出 y（默认按种子随机生成）"},
    "engine.seed": {"en": "random seed (same seed, same numbers)", "zh": "随机种子（相同种子得到相同结果）"},
    "engine.bp.header": {
        "en": "Network {sizes}, hidden f = {f}, output f = {fL}, cost {cost}, seed {seed}",
        "zh": "网络 {sizes}，隐藏层激活函数 f = {f}，输出层 f = {fL}，代价函数 {cost}，随机种子 {seed}",
    },
    "engine.bp.forward": {"en": "Forward pass:", "zh": "前向传播："},
    "engine.bp.backward": {"en": "Backpropagation of the error:", "zh": "误差反向传播："},
    "engine.bp.table": {"en": "Gradients: backprop value, then central finite difference",
                        "zh": "梯度：反向传播值，其后为中心有限差分值"},
    "engine.bp.relerr": {"en": "relative error", "zh": "相对误差"},
    "engine.gc.header": {"en": "hidden      output   loss           sizes       max relative error (tolerance {tol:g})",
                         "zh": "隐藏层激活  输出层    代价函数       网络结构    最大相对误差（容差 {tol:g}）"},
    "engine.gc.summary": {"en": "{n} cases, worst relative error {worst:.2e}: {verdict}",
                          "zh": "共 {n} 种情形，最大相对误差 {worst:.2e}：{verdict}"},
    "engine.gc.pass": {"en": "backpropagation agrees with finite differences", "zh": "反向传播与有限差分一致"},
    "engine.gc.fail": {"en": "MISMATCH: backpropagation is wrong somewhere", "zh": "不一致：反向传播有误"},
}
