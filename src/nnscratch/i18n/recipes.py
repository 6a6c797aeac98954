"""Texts of recipes: what a run decided from its data, and the test accuracy's confidence interval."""

MESSAGES = {
    "recipes.interval": {
        "en": "  95% confidence interval: {low:.2f}% to {high:.2f}% (about ±{half:.2f} points on {n:,} images)",
        "zh": "  95% 置信区间：{low:.2f}% 至 {high:.2f}%（{n:,} 张图像，约 ±{half:.2f} 个百分点）",
    },
    "recipes.decided.split": {
        "en": "validation split sized from the data: {n_validation:,} images held out, {n_train:,} training images",
        "zh": "验证集按数据规模确定：留出 {n_validation:,} 张图像，训练图像 {n_train:,} 张",
    },
    "recipes.decided.epochs": {
        "en": "{epochs} epochs, sized from the data: about the mini-batch steps of the preset's {preset_epochs} "
              "epochs on 55,000 images (at most {most})",
        "zh": "训练 {epochs} 轮，按数据规模确定：与预设在 55,000 张图像上训练 {preset_epochs} 轮的小批量步数大致相同"
              "（最多 {most} 轮）",
    },
    "recipes.decided.lr": {
        "en": "learning rate {lr:g}, chosen by the learning-rate range test (0.4 x the rate of the lowest loss; "
              "the data is not MNIST-like in scale; give --lr to choose it yourself)",
        "zh": "学习率 {lr:g}，由学习率范围测试选出（损失最低处学习率的 0.4 倍；数据规模与 MNIST 不同；"
              "可用 --lr 自行指定）",
    },
    "recipes.finder_default": {
        "en": "without --lr, on data not MNIST-like in scale, training takes 0.4 x the rate of the lowest loss: "
              "{lr:.2g}",
        "zh": "不指定 --lr 时，对于规模与 MNIST 不同的数据，训练取损失最低处学习率的 0.4 倍：{lr:.2g}",
    },
    "recipes.decided.lr_preset": {
        "en": "learning rate {lr:g} from the preset (in the learning-rate range test the loss never turned up, "
              "so it shows no best rate)",
        "zh": "学习率 {lr:g} 取自预设（在学习率范围测试中损失始终没有回升，看不出最佳学习率）",
    },
}
