MESSAGES = {
    "digits.train.help": {
        "en": "train a network (default: the handwritten-digit recogniser on MNIST) and save it",
        "zh": "训练神经网络（默认：在 MNIST 上训练手写数字识别器）并保存模型",
    },
    "digits.evaluate.help": {"en": "test accuracy, per-class precision/recall, confusion matrix, confident mistakes",
                             "zh": "测试集准确率、各类别精确率/召回率、混淆矩阵、置信度最高的误判"},
    "digits.predict.help": {"en": "recognise the digit in photos or scans (PNG/JPEG), preprocessed like MNIST",
                            "zh": "识别照片或扫描图（PNG/JPEG）中的数字，按 MNIST 的方式预处理"},
    "digits.params.help": {"en": "homework V: parameters per layer and in total, the cost of larger inputs, and "
                                 "how to reduce it",
                           "zh": "作业 V：每层及总参数量、输入变大后的代价，以及降低计算复杂度的措施"},
    "digits.preset": {"en": "a complete recipe: default (fast, >= 98%), lecture (784-30-10 sigmoid, quadratic cost), "
                            "best (plain MLP with dropout, about 98.8%, 20 minutes), best-augmented (distorted "
                            "training images, about 99.3%, 6 minutes), xor, toy",
                      "zh": "完整配置：default（快速，>= 98%）、lecture（784-30-10，sigmoid，二次代价）、"
                            "best（带 dropout 的普通多层感知机，约 98.8%，约 20 分钟）、"
                            "best-augmented（训练图像随机变形，约 99.3%，约 6 分钟）、xor、toy"},
    "digits.layers": {"en": "layer sizes n_1,...,n_L, first = inputs, last = classes (e.g. 784,30,10)",
                      "zh": "各层神经元个数 n_1,...,n_L，首个为输入维数，末个为类别数（如 784,30,10）"},
    "digits.activation": {"en": "hidden-layer activation f", "zh": "隐藏层激活函数 f"},
    "digits.output_activation": {"en": "output-layer activation", "zh": "输出层激活函数"},
    "digits.loss": {"en": "cost function", "zh": "代价函数"},
    "digits.init": {"en": "weight initialisation: normal (the lecture's), xavier, he",
                    "zh": "权重初始化：normal（课程所用）、xavier、he"},
    "digits.optimizer": {"en": "gd = the lecture's batch gradient descent; sgd = mini-batch; momentum, nesterov, adam",
                         "zh": "gd = 课程中的批量梯度下降；sgd = 小批量；momentum、nesterov、adam"},
    "digits.lr": {"en": "learning rate (the lecture's μ)", "zh": "学习率（课程中的 μ）"},
    "digits.momentum": {"en": "momentum coefficient for momentum/nesterov", "zh": "动量系数（momentum/nesterov）"},
    "digits.weight_decay": {"en": "L2 weight decay on θ (not b)", "zh": "对 θ（不含 b）的 L2 权重衰减"},
    "digits.schedule": {"en": "learning-rate schedule", "zh": "学习率调度"},
    "digits.batch_size": {"en": "mini-batch size", "zh": "小批量大小"},
    "digits.epochs": {"en": "passes over the training set", "zh": "训练轮数"},
    "digits.patience": {"en": "early stopping: epochs without a better validation loss",
                        "zh": "提前停止：验证损失连续多少轮未改善"},
    "digits.validation": {"en": "training images held out for validation (default 5000, seeded)",
                          "zh": "从训练集中留出用于验证的图像数（默认 5000，按种子抽取）"},
    "digits.dtype": {"en": "floating-point precision", "zh": "浮点精度"},
    "digits.seed": {"en": "random seed: the same seed gives the same run bit for bit",
                    "zh": "随机种子：相同种子得到逐位相同的结果"},
    "digits.out": {"en": "where to save the model (.npz; default: the user data folder, used by predict/serve)",
                   "zh": "模型保存路径（.npz；默认保存到用户数据目录，供 predict/serve 使用）"},
    "digits.train_plot": {"en": "save learning curves to this PNG", "zh": "把学习曲线保存为该 PNG 文件"},
    "digits.model": {"en": "a model file written by 'nnscratch train'", "zh": "由 'nnscratch train' 保存的模型文件"},
    "digits.mistakes": {"en": "how many of the most confident mistakes to list", "zh": "列出置信度最高的误判的个数"},
    "digits.eval_plot": {"en": "save the confusion matrix and misclassified digits to this PNG",
                         "zh": "把混淆矩阵与被误分类的数字保存为该 PNG 文件"},
    "digits.weights_plot": {"en": "save the first layer's weights θ(2), one 28x28 image per hidden neuron "
                                   "(the first 100 if there are more), to this PNG",
                             "zh": "把第一层权重 θ(2) 保存为该 PNG 文件，每个隐藏层神经元一幅 28x28 图像（超过 "
                                   "100 个时只画前 100 个）"},
    "digits.weights_drawn_all": {"en": "weights of all {neurons} hidden neurons drawn to {path}",
                                 "zh": "已把全部 {neurons} 个隐藏层神经元的权重画入 {path}"},
    "digits.weights_drawn_some": {"en": "weights of the first {drawn} of {neurons} hidden neurons drawn to {path}",
                                  "zh": "已把 {neurons} 个隐藏层神经元中前 {drawn} 个的权重画入 {path}"},
    "digits.images": {"en": "image files (PNG, JPEG, ...): any size, dark ink on light paper or the reverse",
                      "zh": "图像文件（PNG、JPEG 等）：任意尺寸，浅底深字或深底浅字均可"},
    "digits.show": {"en": "save what the network saw (the 28x28 inputs) to this PNG",
                    "zh": "把网络看到的 28x28 输入保存为该 PNG 文件"},
    "digits.params_layers": {"en": "layer sizes, e.g. 784,30,10", "zh": "各层神经元个数，如 784,30,10"},
    "digits.params_input": {"en": "also compute for input images of this size, e.g. 256x256",
                            "zh": "同时计算该尺寸输入图像的情形，如 256x256"},
    "digits.params_batch": {"en": "batch size for the memory estimate", "zh": "估算内存时的批量大小"},
    "digits.epoch_bar": {"en": "training", "zh": "训练中"},
    "digits.epoch": {"en": "epoch", "zh": "轮次"},
    "digits.train": {"en": "train", "zh": "训练"},
    "digits.val": {"en": "validation", "zh": "验证"},
    "digits.test": {"en": "test", "zh": "测试"},
    "digits.train_done": {"en": "test accuracy {acc:.2f}% on {n} test samples in {seconds:.1f} s; model "
                                "saved to {path}",
                          "zh": "测试集准确率 {acc:.2f}%（{n} 个测试样本），用时 {seconds:.1f} 秒；"
                                "模型已保存到 {path}"},
    "digits.xor_linear": {
        "en": "No hidden layer: the network is one linear classifier, a single straight line (hyperplane) "
        "in the plane. "
        "XOR's four points cannot be split by any line, so at most 3 of 4 can be right (here {acc:.0f}%). "
        "Add a hidden layer: --layers 2,4,2.",
        "zh": "没有隐藏层：网络只是一个线性分类器，即平面上的一条直线（超平面）。异或问题的四个点无法用任何直线分开，"
        "最多只能分对 4 个中的 3 个（此处 {acc:.0f}%）。请加入隐藏层：--layers 2,4,2。",
    },
    "digits.xor_solved": {"en": "All four XOR points are right: the hidden layer bends the input space so that one "
                                "line separates them.",
                          "zh": "异或的四个点全部分对：隐藏层弯曲了输入空间，使一条直线即可把它们分开。"},
    "digits.eval_header": {"en": "accuracy {acc:.2f}% on {n} test images of {dataset}",
                           "zh": "在 {dataset} 的 {n} 张测试图像上准确率为 {acc:.2f}%"},
    "digits.eval_per_class": {"en": "     class  precision  recall", "zh": "      类别     精确率    召回率"},
    "digits.eval_confusion": {"en": "confusion matrix (rows: true class, columns: predicted)",
                              "zh": "混淆矩阵（行：真实类别，列：预测类别）"},
    "digits.eval_mistakes": {"en": "most confident mistakes (test index, true -> predicted, confidence):",
                             "zh": "置信度最高的误判（测试集序号，真实 -> 预测，置信度）："},
    "digits.params_header": {"en": "Network {sizes}: parameters per layer (weights theta(l) n_l x n_(l-1), "
                                   "biases b(l) n_l)",
                             "zh": "网络 {sizes}：每层参数（权重 θ(l) 为 n_l x n_(l-1)，偏置 b(l) 为 n_l）"},
    "digits.params_total": {
        "en": "total {total:,} parameters; {macs:,} multiply-adds per sample; weights {wb}; activations of a batch "
              "of {batch}: {ab}",
        "zh": "共 {total:,} 个参数；每个样本 {macs:,} 次乘加；权重占 {wb}；批量 {batch} 的激活值占 {ab}",
    },
    "digits.params_input_header": {
        "en": "With {h}x{w} input images the network becomes {sizes}: {total:,} parameters ({growth:.1f} x as many), "
        "{macs:,} multiply-adds per sample, weights {wb}.",
        "zh": "若输入图像为 {h}x{w}，网络变为 {sizes}：共 {total:,} 个参数（是原来的 {growth:.1f} 倍），"
        "每个样本 {macs:,} 次乘加，权重占 {wb}。",
    },
    "digits.params_reduce": {"en": "Measures that reduce the cost, each computed for this network:",
                             "zh": "降低计算复杂度的措施（均按此网络计算）："},
    "digits.params_factor": {"en": "{f:.1f} x fewer", "zh": "减少为 1/{f:.1f}"},
    "digits.measure.downsample": {"en": "downsample the image first", "zh": "先对图像降采样"},
    "digits.measure.weight_sharing": {"en": "weight sharing as in convolution (5x5 filters, pooled features)",
                                      "zh": "像卷积那样权值共享（5x5 卷积核，池化后的特征）"},
    "digits.measure.narrower": {"en": "narrower layers (half the hidden units)", "zh": "更窄的层（隐藏单元减半）"},
    "digits.measure.float16": {"en": "lower precision: float16 (same count, half the bytes)",
                               "zh": "降低精度：float16（参数数不变，字节减半）"},
    "digits.measure.int8": {"en": "lower precision: int8 (same count, a quarter of the bytes)",
                            "zh": "降低精度：int8（参数数不变，字节为四分之一）"},
}
MESSAGES["digits.engine"] = {
    "en": "the kernels of the training loop: numpy, compiled (Numba fused kernels, the 'fast' extra) or auto "
          "(compiled once they are compiled in the cache, else numpy; default)",
    "zh": "训练循环所用的计算核：numpy、compiled（Numba 编译的融合计算核，需安装 fast 扩展）或 auto"
          "（缓存中已编译好时用 compiled，否则用 numpy；默认）",
}
MESSAGES["digits.dropout"] = {
    "en": "dropout: each hidden neuron is dropped with probability P in training (inverted dropout; none "
          "in evaluation)",
    "zh": "dropout：训练时每个隐藏层神经元以概率 P 被丢弃（反向 dropout；评估时不丢弃）",
}
MESSAGES["digits.input_dropout"] = {
    "en": "input dropout: each input pixel a(1) is dropped with probability P in training (Hinton et al. 2012 "
          "used 0.2; none in evaluation)",
    "zh": "输入层 dropout：训练时输入 a(1) 的每个像素以概率 P 被丢弃（Hinton 等人 2012 年用 0.2；评估时不丢弃）",
}
MESSAGES["digits.memory_budget"] = {
    "en": "the most memory the network and its training may take, e.g. 16GB (default 4GB): larger runs are refused "
          "before anything is allocated",
    "zh": "网络及其训练最多可占用的内存，例如 16GB（默认 4GB）：超出的运行在分配内存之前就会被拒绝",
}
