"""Texts of the experiments (nnscratch.experiments, ``nnscratch experiment``)."""

MESSAGES = {
    "experiments.err.unknown": {
        "en": "unknown experiment {name!r}: choose one of {choices}",
        "zh": "没有名为 {name!r} 的实验：可选 {choices}"},
    "experiments.err.too_many": {
        "en": "the experiment asks for {n} images but the data set has {available}: ask for fewer",
        "zh": "实验需要 {n} 张图片，但数据集只有 {available} 张：请减少图片数"},
    "experiments.loss.quadratic": {"en": "quadratic cost", "zh": "二次代价函数"},
    "experiments.loss.cross_entropy": {"en": "cross-entropy", "zh": "交叉熵"},
    "experiments.final_accuracy": {"en": "final validation accuracy", "zh": "最终验证集准确率"},
    "experiments.plot.validation_accuracy": {"en": "validation accuracy", "zh": "验证集准确率"},
    "experiments.plot.layer": {"en": "layer l", "zh": "第 l 层"},
    # slowdown
    "experiments.slowdown.title": {
        "en": "Learning slowdown: a 2-8-1 sigmoid network from a saturated start, quadratic cost vs cross-entropy",
        "zh": "学习变慢：2-8-1 的 sigmoid 网络从饱和状态开始训练，二次代价函数与交叉熵对比"},
    "experiments.slowdown.start": {
        "en": "Start: every output a(L) = {a}, f'(z(L)) = {fp}; for a point with y = 0, |δ(L)| = {dq} "
              "with the quadratic cost, {dc} with cross-entropy.",
        "zh": "初始状态：所有输出 a(L) = {a}，f'(z(L)) = {fp}；对 y = 0 的点，二次代价函数的 |δ(L)| = {dq}，"
              "交叉熵的 |δ(L)| = {dc}。"},
    "experiments.slowdown.reached": {"en": "90% validation accuracy after epoch {epoch}",
                                     "zh": "第 {epoch} 轮后验证集准确率达到 90%"},
    "experiments.slowdown.not_reached": {"en": "never reached 90% in {epochs} epochs",
                                         "zh": "{epochs} 轮内没有达到 90%"},
    "experiments.slowdown.speedup": {"en": "Cross-entropy reached 90% {x}x sooner.",
                                     "zh": "交叉熵达到 90% 的速度快 {x} 倍。"},
    "experiments.slowdown.why": {
        "en": "Why: with E = ½‖y − a‖², δ(L) = −(y − a) ⊙ f'(z(L)) and f'(z) ≈ 0 at a saturated output, so the "
              "gradients are tiny however wrong the output is; with cross-entropy f'(z) cancels and δ(L) = a − y.",
        "zh": "原因：对 E = ½‖y − a‖²，δ(L) = −(y − a) ⊙ f'(z(L))，输出饱和时 f'(z) ≈ 0，无论输出错得多厉害梯度都很小；"
              "用交叉熵时 f'(z) 被抵消，δ(L) = a − y。"},
    "experiments.slowdown.plot_title": {"en": "From a saturated start", "zh": "从饱和状态开始训练"},
    # init
    "experiments.init.title": {
        "en": "Initialisation on a deep {sizes} network (MNIST): saturation and gradient norm per layer at the start, "
              "then accuracy after training",
        "zh": "深层网络 {sizes}（MNIST）的初始化：初始时每层的饱和比例与梯度范数，以及训练后的准确率"},
    "experiments.init.header": {
        "en": "  f/init           saturated, layers 2..L-1 ‖∂E/∂θ(l)‖, layers 2..L         validation accuracy",
        "zh": "  激活函数/初始化  饱和比例（第 2..L-1 层）  ‖∂E/∂θ(l)‖（第 2..L 层）        验证集准确率"},
    "experiments.init.diverged": {"en": "diverged in epoch {epoch}", "zh": "第 {epoch} 轮发散"},
    "experiments.init.why": {
        "en": "Saturated: sigmoid |z| > 4 (f'(z) < 0.02), ReLU z ≤ 0 (f'(z) = 0). δ(l) = (θ(l+1)^T δ(l+1)) ⊙ f'(z(l)) "
              "multiplies by f'(z) ≤ ¼ at every sigmoid layer, so the gradient shrinks towards the input (vanishing); "
              "N(0, 1) weights make z large (saturation for sigmoid, exploding values for ReLU); Xavier and He scale "
              "θ(l) by 1/√n_{l-1} to keep z moderate.",
        "zh": "饱和：sigmoid 为 |z| > 4（f'(z) < 0.02），ReLU 为 z ≤ 0（f'(z) = 0）。δ(l) = (θ(l+1)^T δ(l+1)) ⊙ "
              "f'(z(l)) "
              "在每个 sigmoid 层都乘以 f'(z) ≤ ¼，所以梯度越靠近输入层越小（梯度消失）；N(0, 1) 的权重使 z 很大"
              "（sigmoid 饱和，ReLU 数值爆炸）；Xavier 和 He 初始化按 1/√n_{l-1} 缩放 θ(l)，使 z 保持适中。"},
    "experiments.init.plot_saturated": {"en": "saturated fraction at the start", "zh": "初始时的饱和比例"},
    "experiments.init.plot_grad": {"en": "‖∂E/∂θ(l)‖ at the start", "zh": "初始时的 ‖∂E/∂θ(l)‖"},
    "experiments.init.plot_title": {"en": "N(0, 1) vs Xavier vs He", "zh": "N(0, 1)、Xavier 与 He 初始化对比"},
    # overfit
    "experiments.overfit.title": {
        "en": "Overfitting: 784-30-10 trained on {n} MNIST images for {epochs} epochs",
        "zh": "过拟合：784-30-10 网络在 {n} 张 MNIST 图片上训练 {epochs} 轮"},
    "experiments.overfit.header": {
        "en": "  method                  train   valid.     gap   epochs",
        "zh": "  方法                  训练集  验证集    差距   轮数"},
    "experiments.overfit.none": {"en": "no regularisation", "zh": "不加正则化"},
    "experiments.overfit.l2": {"en": "L2 weight decay", "zh": "L2 权重衰减"},
    "experiments.overfit.early_stopping": {"en": "early stopping", "zh": "提前停止"},
    "experiments.overfit.dropout": {"en": "dropout", "zh": "dropout"},
    "experiments.overfit.why": {
        "en": "With 1,000 images the network learns the training set almost perfectly while validation accuracy "
              "stalls: the gap is overfitting. L2 weight decay (θ ← θ − μλθ − μ∇E) keeps the weights small, early "
              "stopping keeps the epoch with the best validation loss.",
        "zh": "只有 1,000 张图片时，网络几乎完全记住了训练集，而验证集准确率停滞不前：两者之差就是过拟合。"
              "L2 权重衰减（θ ← θ − μλθ − μ∇E）让权重保持较小，提前停止保留验证集代价函数最小的那一轮。"},
    "experiments.overfit.why_dropout": {
        "en": "Dropout (p = {p}) sets each hidden neuron's output to 0 with probability p during training, through a "
              "mask m(l): a(l) ⊙ m(l) / (1 − p) (inverted dropout, so evaluation needs no change); no neuron can rely "
              "on a particular other one.",
        "zh": "dropout（p = {p}）在训练时以概率 p 把每个隐藏层神经元的输出置为 0，用掩码 m(l)：a(l) ⊙ m(l) / (1 − p)"
              "（训练时已除以 1 − p，所以评估时无需任何改变）；任何神经元都不能依赖某个特定的其他神经元。"},
    "experiments.overfit.plot_loss": {"en": "cost (solid: validation, dotted: training)",
                                      "zh": "代价函数（实线：验证集，点线：训练集）"},
    "experiments.overfit.plot_title": {"en": "Overfitting on {n} images", "zh": "{n} 张图片上的过拟合"},
    # hidden units
    "experiments.hidden.title": {
        "en": "What the hidden neurons of a trained 784-30-10 network respond to (test accuracy {acc})",
        "zh": "训练好的 784-30-10 网络中隐藏层神经元对什么有反应（测试集准确率 {acc}）"},
    "experiments.hidden.header": {
        "en": "  unit   labels of top images  min top a(2)  mean a(2)  alignment",
        "zh": "  神经元 激活最强图片的标签   其中最小 a(2)  平均 a(2)  一致性"},
    "experiments.hidden.why": {
        "en": "z_i(2) = θ_i(2) · x + b_i(2) is largest for images that look like the positive (red) part of the weight "
              "image θ_i(2); alignment is the correlation between θ_i(2) and the mean of the top images minus the "
              "mean image.",
        "zh": "z_i(2) = θ_i(2) · x + b_i(2) 对与权重图 θ_i(2) 正值（红色）部分相似的图片最大；一致性是 θ_i(2) 与"
              "（激活最强图片的平均 − 全部图片的平均）之间的相关系数。"},
    "experiments.hidden.plot_weights": {"en": "θ_i(2)", "zh": "θ_i(2)"},
    "experiments.hidden.plot_title": {"en": "Weight image and the test images that excite each hidden neuron most",
                                      "zh": "每个隐藏层神经元的权重图与使其激活最强的测试图片"},
    # weight sharing
    "experiments.ws.title": {"en": "Weight sharing: a convolution layer beside dense networks, {n} MNIST images, {how}",
                             "zh": "权值共享：卷积层与全连接网络对比，{n} 张 MNIST 图片，{how}"},
    "experiments.ws.same_epochs": {"en": "the same number of epochs ({epochs}) for "
                                         "each", "zh": "每个模型都训练 {epochs} 轮"},
    "experiments.ws.same_time": {"en": "the same {seconds:g} s each", "zh": "每个模型都训练 {seconds:g} 秒"},
    "experiments.ws.header": {"en": "  model                    parameters  test acc.    time",
                              "zh": "  模型                         参数    测试准确率   时间"},
    "experiments.ws.shared": {
        "en": "The convolution layer has {k} parameters for {outputs} outputs; a dense layer with as many outputs "
              "would need {dense}.",
        "zh": "卷积层只有 {k} 个参数，却有 {outputs} 个输出；同样多输出的全连接层需要 {dense} 个参数。"},
    "experiments.ws.why": {
        "en": "Homework V: a dense first layer has n_2 × n_1 weights, so it grows with the number of pixels "
              "(784-30-10: 23,860; at 256×256: 1,966,420). A convolution reuses the same small filters at every "
              "position, so its parameter count does not depend on the image size.",
        "zh": "作业 V：全连接的第一层有 n_2 × n_1 个权重，随像素数增长（784-30-10：23,860 个；256×256 时："
              "1,966,420 个）。"
              "卷积层在每个位置重复使用同一组小滤波器，参数个数与图片大小无关。"},
    "experiments.ws.plot_params": {"en": "parameters (log scale)", "zh": "参数个数（对数坐标）"},
    "experiments.ws.plot_accuracy": {"en": "test accuracy", "zh": "测试集准确率"},
    "experiments.ws.plot_title": {"en": "Weight sharing: parameters and accuracy",
                                  "zh": "权值共享：参数个数与准确率"},
    # the command
    "experiments.cli.help": {"en": "experiments that follow the lecture: slowdown, init, overfit, hidden-units, "
                                   "weight-sharing",
                             "zh": "课程之后的实验：slowdown、init、overfit、hidden-units、weight-sharing"},
    "experiments.cli.name": {"en": "the experiment", "zh": "实验名"},
    "experiments.cli.plot": {"en": "draw the figure into FILE (.png, .svg or .pdf)",
                             "zh": "把图画到 FILE（.png、.svg 或 .pdf）"},
    "experiments.cli.data_dir": {"en": "folder with the MNIST files (default: $NNSCRATCH_DATA, the cache or the "
                                       "bundled copy)",
                                 "zh": "MNIST 文件所在的文件夹（默认：$NNSCRATCH_DATA、缓存或自带的副本）"},
    "experiments.cli.seed": {"en": "random seed (default 0)", "zh": "随机种子（默认 0）"},
    "experiments.cli.epochs": {"en": "epochs of training (default: the experiment's own)",
                               "zh": "训练轮数（默认：实验自己的设置）"},
    "experiments.cli.seconds": {"en": "weight-sharing only: train every model for this many seconds instead of "
                                      "the same epochs",
                                "zh": "仅用于 weight-sharing：每个模型训练这么多秒，而不是相同的轮数"},
    "experiments.cli.wrote": {"en": "figure written to {path}", "zh": "图已保存到 {path}"},
}
