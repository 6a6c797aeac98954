MESSAGES = {
    "export.help": {
        "en": "export a trained model to ONNX (for onnxruntime and other runtimes) or to a PyTorch state dict",
        "zh": "把训练好的模型导出为 ONNX（供 onnxruntime 等推理引擎使用）或 PyTorch 的状态字典（state_dict）",
    },
    "export.model": {"en": "model file (.npz) written by 'nnscratch train'",
                     "zh": "由 'nnscratch train' 保存的模型文件（.npz）"},
    "export.format": {"en": "onnx or torch (default: from the suffix of -o: .onnx, .pt, .pth)",
                      "zh": "onnx 或 torch（默认由 -o 的后缀决定：.onnx、.pt、.pth）"},
    "export.out": {"en": "file to write (replaced atomically)", "zh": "要写入的文件（原子地替换）"},
    "export.opset": {"en": "ONNX opset version (default {opset})", "zh": "ONNX 算子集版本（默认 {opset}）"},
    "export.wrote": {"en": "wrote {path} ({what}, {kb:.1f} KB)", "zh": "已写入 {path}（{what}，{kb:.1f} KB）"},
    "export.onnx_what": {"en": "ONNX opset {opset}, network {sizes}, {hidden}/{output}",
                         "zh": "ONNX 算子集 {opset}，网络 {sizes}，激活函数 {hidden}/{output}"},
    "export.onnx_io": {
        "en": "input '{input}' (N, {n_in}) float32 in raw units, multiplied by {scale:g} inside the graph; "
        "outputs '{output}' a(L) (N, {n_out}) and '{label}' the class index (N,)",
        "zh": "输入 '{input}' (N, {n_in})，float32，原始单位（图内乘以 {scale:g}）；"
        "输出 '{output}' 即 a(L) (N, {n_out})，以及 '{label}' 类别下标 (N,)",
    },
    "export.torch_what": {"en": "PyTorch state dict, keys {keys}", "zh": "PyTorch 状态字典（state_dict），键 {keys}"},
    "export.checked": {
        "en": "checked with {runtime} on {n} random inputs: max |difference| from nnscratch = {diff:.2e}",
        "zh": "已用 {runtime} 在 {n} 个随机输入上核对：与 nnscratch 的最大绝对差 = {diff:.2e}",
    },
    "export.snippet": {"en": "Load it in PyTorch:", "zh": "在 PyTorch 中加载："},
    "import.help": {
        "en": "import a PyTorch state dict of an nn.Sequential of Linear layers as an nnscratch model (.npz)",
        "zh": "把由 Linear 层组成的 nn.Sequential 的 PyTorch 状态字典（state_dict）导入为 nnscratch 模型（.npz）",
    },
    "import.state_dict": {"en": "file written by torch.save(model.state_dict(), ...) (.pt/.pth); read with "
                                "weights_only=True",
                          "zh": "由 torch.save(model.state_dict(), ...) 保存的文件（.pt/.pth）；以 "
                                "weights_only=True 读取"},
    "import.activation": {"en": "activation f the Sequential uses after every hidden Linear; a state dict does "
                          "not record it "
                          "(default relu)",
                          "zh": "Sequential 中每个隐藏层 Linear 之后的激活函数 f；状态字典 "
                                "不记录激活函数（默认 relu）"},
    "import.output_activation": {"en": "activation after the last Linear (default softmax: an nn.Softmax, or none in "
                                 "the module because it was trained with nn.CrossEntropyLoss)",
                                 "zh": "最后一个 Linear 之后的激活函数（默认 softmax：即 nn.Softmax，或模块中没有、"
                                 "因为训练时用的是 nn.CrossEntropyLoss）"},
    "import.layers": {"en": "expected layer sizes n_1,...,n_L (default: read from the weight shapes)",
                      "zh": "预期的各层神经元个数 n_1,...,n_L（默认由权重形状得出）"},
    "import.input_scale": {"en": "factor from raw input values to the Sequential's inputs (default 1/255: uint8 "
                                 "pixels -> [0, 1])",
                           "zh": "原始输入到 Sequential 输入的缩放系数（默认 1/255：uint8 像素 -> [0, 1]）"},
    "import.classes": {"en": "class names, comma-separated (default 0,1,...)",
                       "zh": "类别名称，逗号分隔（默认 0,1,...）"},
    "import.out": {"en": "model file to write (.npz)", "zh": "要写入的模型文件（.npz）"},
    "import.read": {"en": "read {path}: network {sizes}, {hidden}/{output}, {params:,} parameters",
                    "zh": "已读取 {path}：网络 {sizes}，激活函数 {hidden}/{output}，共 {params:,} 个参数"},
    "import.wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
}
