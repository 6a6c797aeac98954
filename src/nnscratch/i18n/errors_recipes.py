"""Errors of recipes.py, presets.py and metrics.py (older keys of these modules sit in errors_edge.py)."""

MESSAGES = {
    # -- metrics.py --------------------------------------------------------------------------------
    "metrics.err.count_int": {
        "en": "{name} must be a whole number of samples, got {value!r}",
        "zh": "{name} 必须是样本个数（整数），实际为 {value!r}",
    },
    "metrics.err.count_range": {
        "en": "a proportion needs 0 <= successes <= n and n >= 1, got {successes} of {n}: "
              "count the right answers out of at least one sample",
        "zh": "比例要求 0 <= successes <= n 且 n >= 1，实际为 {n} 个中的 {successes} 个："
              "请在至少一个样本上统计正确个数",
    },
    "metrics.err.confidence": {
        "en": "the confidence level must be a number strictly between 0 and 1 (e.g. 0.95), got {value!r}",
        "zh": "置信水平必须是严格介于 0 和 1 之间的数（例如 0.95），实际为 {value!r}",
    },
    # -- recipes.py --------------------------------------------------------------------------------
    "recipes.err.validation_too_large": {
        "en": "a validation split of {n_validation} images leaves nothing to train on: {source} holds "
              "{n_train} training images ({dataset} layout); hold out fewer, or leave the split out "
              "to have it sized from the data ({auto} images here)",
        "zh": "验证集取 {n_validation} 张图像后就没有训练数据了：{source} 只有 {n_train} 张训练图像"
              "（{dataset} 格式）；请减少验证集的大小，或不指定它，由数据的规模决定（此处为 {auto} 张）",
    },
    "recipes.err.augment_images": {
        "en": "augmentation distorts images, but {dataset} has inputs of shape {shape}: "
              "use it with an image dataset (mnist, fashion-mnist, kmnist) or drop it",
        "zh": "数据增强用于变形图像，但 {dataset} 的输入形状为 {shape}：请在图像数据集（mnist、fashion-mnist、kmnist）"
              "上使用，或去掉该设置",
    },
    "recipes.err.augment_unavailable": {
        "en": "augmentation ({augment}) needs a trainer with an augmentation hook, and this version's fit() has none: "
              "train without it",
        "zh": "数据增强（{augment}）需要带增强接口的训练器，而此版本的 fit() 没有：请不使用数据增强进行训练",
    },
}
