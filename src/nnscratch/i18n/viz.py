"""Labels of the digit figures (nnscratch.viz.digits)."""

MESSAGES = {
    "viz.loss": {"en": "loss", "zh": "损失函数"},
    "viz.accuracy": {"en": "accuracy", "zh": "准确率"},
    "viz.epoch": {"en": "epoch", "zh": "轮次（epoch）"},
    "viz.train": {"en": "training set", "zh": "训练集"},
    "viz.validation": {"en": "validation set", "zh": "验证集"},
    "viz.no_accuracy": {"en": "no accuracy recorded", "zh": "没有记录准确率"},
    "viz.curves": {"en": "Learning curves", "zh": "学习曲线"},
    "viz.confusion": {"en": "Confusion matrix (colour: share of the true class)",
                  "zh": "混淆矩阵（颜色：占真实类别的比例）"},
    "viz.true": {"en": "true class", "zh": "真实类别"},
    "viz.predicted": {"en": "predicted class", "zh": "预测类别"},
    "viz.mistakes": {"en": "Misclassified digits, most confident first: true → predicted (probability)",
                 "zh": "误分类样本（置信度从高到低）：真实 → 预测（概率）"},
    "viz.no_mistakes": {"en": "no misclassified digits", "zh": "没有误分类样本"},
    "viz.weights": {"en": r"First-layer weights $\theta^{(2)}$, one image per hidden neuron (red +, blue −)",
                "zh": r"第一层权重 $\theta^{(2)}$：每个隐藏层神经元一幅图（红正，蓝负）"},
}
