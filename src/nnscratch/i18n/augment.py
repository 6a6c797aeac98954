"""Data augmentation: `nnscratch augment` and the --augment flag."""

MESSAGES = {
    "augment.help": {"en": "show what --augment does to digits: originals beside randomly distorted copies",
                     "zh": "展示 --augment 对数字图像的作用：原图与随机变形后的副本并排"},
    "augment.spec": {
        "en": "distortions, comma-separated, each with an optional strength: shift[=pixels], rotate[=degrees], "
        "scale[=fraction], elastic[=alpha] (default shift=2,rotate=12,scale=0.12,elastic=36)",
        "zh": "变形方式，用逗号分隔，每种可带强度：shift[=像素]、rotate[=角度]、scale[=比例]、elastic[=alpha]"
        "（默认 shift=2,rotate=12,scale=0.12,elastic=34）",
    },
    "augment.show": {"en": "write the picture of examples to this file", "zh": "把示例图写入此文件"},
    "augment.n": {"en": "how many digits to show", "zh": "展示多少个数字"},
    "augment.wrote": {"en": "wrote {path}: {n} digits, each beside {k} distorted copies ({spec})",
                      "zh": "已写入 {path}：{n} 个数字，每个旁边有 {k} 个变形副本（{spec}）"},
    "augment.original": {"en": "original", "zh": "原图"},
    "augment.title": {"en": "augmentation: {spec}", "zh": "数据增强：{spec}"},
    "augment.err.strength": {"en": "augmentation {name}={value!r} is out of range: give a number from {lo:g} to {hi:g}",
                             "zh": "数据增强 {name}={value!r} 超出范围：请给出 {lo:g} 到 {hi:g} 之间的数"},
    "augment.err.unknown": {"en": "unknown augmentation {name!r}: choose from {choices}",
                            "zh": "未知的数据增强方式 {name!r}：请从 {choices} 中选择"},
    "augment.err.twice": {"en": "augmentation {name!r} is given twice: give each kind once",
                          "zh": "数据增强 {name!r} 出现了两次：每种只需给一次"},
    "augment.err.number": {"en": "augmentation {name}={value!r}: the strength must be a finite number",
                           "zh": "数据增强 {name}={value!r}：强度必须是有限的数"},
    "augment.err.shape": {"en": "augmentation works on images (m, height, width), got an array of shape {shape}",
                          "zh": "数据增强作用于形状为 (m, 高, 宽) 的图像，实际得到形状为 {shape} 的数组"},
    "augment.err.not_images": {
        "en": "augmentation distorts images, but {dataset} has inputs of shape {shape}: use it with an image dataset",
        "zh": "数据增强只能用于图像，但 {dataset} 的输入形状为 {shape}：请在图像数据集上使用",
    },
}
