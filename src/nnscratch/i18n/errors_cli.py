"''Messages of the errors raised by the CLI (cli/) and by io/files.py, and argparse's own messages in Chinese.''"

MESSAGES = {
    # ---- io/files.py: output paths
    "files.err.suffix": {
        "en": "cannot write '{path}': the file name must end in {suffixes} (e.g. {example})",
        "zh": "无法写入 '{path}'：文件名必须以 {suffixes} 结尾（例如 {example}）",
    },
    "files.err.is_dir": {
        "en": "cannot write '{path}': it is a folder; give a file name such as {example}",
        "zh": "无法写入 '{path}'：这是一个文件夹；请给出文件名，例如 {example}",
    },
    "files.err.not_regular": {
        "en": "cannot write '{path}': it exists and is not a regular file (a device, socket or pipe); choose "
              "another name",
        "zh": "无法写入 '{path}'：它已存在且不是普通文件（而是设备、套接字或管道）；请换一个文件名",
    },
    "files.err.is_input": {
        "en": "refusing to write '{path}': it is the input file '{input}', which would be overwritten; choose "
              "another name",
        "zh": "拒绝写入 '{path}'：它就是输入文件 '{input}'，写入会覆盖它；请换一个文件名",
    },
    "files.err.twice": {
        "en": "cannot write '{path}': {flag} already writes that file; give each output its own name",
        "zh": "无法写入 '{path}'：{flag} 已经写入该文件；请为每个输出指定不同的文件名",
    },
    "files.err.no_parent": {
        "en": "cannot write '{path}': folder '{parent}' does not exist: create it first (mkdir -p '{parent}')",
        "zh": "无法写入 '{path}'：文件夹 '{parent}' 不存在：请先创建它（mkdir -p '{parent}'）",
    },
    "files.err.parent_not_dir": {
        "en": "cannot write '{path}': '{parent}' is a file, not a folder; choose a path inside a folder",
        "zh": "无法写入 '{path}'：'{parent}' 是文件而不是文件夹；请选择某个文件夹中的路径",
    },
    "files.err.not_writable.permission": {
        "en": "cannot write '{path}': no file can be created in folder '{parent}' (permission denied); choose "
              "a writable folder",
        "zh": "无法写入 '{path}'：无法在文件夹 '{parent}' 中创建文件（没有写权限）；请选择一个可写的文件夹",
    },
    "files.err.write_failed.permission": {
        "en": "could not write '{path}' (permission denied); any earlier file of that name is unchanged",
        "zh": "写入 '{path}' 失败（没有写权限）；同名的旧文件（如有）保持不变",
    },
    "files.err.not_writable.read_only": {
        "en": "cannot write '{path}': no file can be created in folder '{parent}' (a read-only file system); "
              "choose a writable folder",
        "zh": "无法写入 '{path}'：无法在文件夹 '{parent}' 中创建文件（文件系统为只读）；请选择一个可写的文件夹",
    },
    "files.err.write_failed.read_only": {
        "en": "could not write '{path}' (a read-only file system); any earlier file of that name is unchanged",
        "zh": "写入 '{path}' 失败（文件系统为只读）；同名的旧文件（如有）保持不变",
    },
    "files.err.not_writable.disk_full": {
        "en": "cannot write '{path}': no file can be created in folder '{parent}' (the disk or quota is full); "
              "choose a writable folder",
        "zh": "无法写入 '{path}'：无法在文件夹 '{parent}' 中创建文件（磁盘或配额已满）；请选择一个可写的文件夹",
    },
    "files.err.write_failed.disk_full": {
        "en": "could not write '{path}' (the disk or quota is full); any earlier file of that name is unchanged",
        "zh": "写入 '{path}' 失败（磁盘或配额已满）；同名的旧文件（如有）保持不变",
    },
    "files.err.not_writable.other": {
        "en": "cannot write '{path}': no file can be created in folder '{parent}' ({reason}, {code}); choose a "
              "writable folder",
        "zh": "无法写入 '{path}'：无法在文件夹 '{parent}' 中创建文件（系统错误 {code}："
              "“{reason}”）；请选择一个可写的文件夹",
    },
    "files.err.write_failed.other": {
        "en": "could not write '{path}' ({reason}, {code}); any earlier file of that name is unchanged",
        "zh": "写入 '{path}' 失败（系统错误 {code}：“{reason}”）；同名的旧文件（如有）保持不变",
    },
    "files.err.not_writable.name_too_long": {
        "en": "cannot write '{path}': the name is too long for the file system; choose a shorter one",
        "zh": "无法写入 '{path}'：文件名对该文件系统来说太长；请换一个更短的名字",
    },
    "files.err.write_failed.name_too_long": {
        "en": "could not write '{path}': the name is too long for the file system; choose a shorter one",
        "zh": "写入 '{path}' 失败：文件名对该文件系统来说太长；请换一个更短的名字",
    },
    "files.err.not_writable.cannot_create": {
        "en": "cannot write '{path}': the system allows no new files in folder '{parent}'; choose a writable folder",
        "zh": "无法写入 '{path}'：系统不允许在文件夹 '{parent}' 中创建新文件；请选择一个可写的文件夹",
    },
    "files.err.no_temp_name": {
        "en": "cannot write '{path}': no free temporary name next to it; remove the hidden .part files there",
        "zh": "无法写入 '{path}'：旁边没有可用的临时文件名；请删除该处隐藏的 .part 文件",
    },
    # ---- the one-line error the CLI prints
    "cli.err.line": {"en": "{prog}: error: {message}", "zh": "{prog}：错误：{message}"},
    "cli.fmt.flag": {"en": "{flag}: {message}", "zh": "{flag}：{message}"},
    "cli.err.preset": {"en": "{message} (from --preset {preset})", "zh": "{message}（来自 --preset {preset}）"},
    "cli.err.usage": {"en": "{prog}: error: {message} (see '{prog} --help')",
                      "zh": "{prog}：错误：{message}（参见 '{prog} --help'）"},
    "cli.err.os": {
        "en": "{what}: {reason} ({code})",
        "zh": "{what}：系统错误 {code}（“{reason}”）",
    },
    "cli.err.saved_elsewhere": {
        "en": "{problem}; the trained model was saved to '{fallback}' instead",
        "zh": "{problem}；训练好的模型已改为保存到 '{fallback}'",
    },
    "cli.err.not_saved": {
        "en": "{problem}; the trained model could not be saved in the current folder nor in {fallback} either",
        "zh": "{problem}；训练好的模型也无法保存到当前文件夹或 {fallback}",
    },
    "cli.err.default_out": {
        "en": "{message} (this is the default model folder: give --out FILE.npz, or set $XDG_DATA_HOME)",
        "zh": "{message}（这是默认的模型文件夹：请用 --out FILE.npz 指定，或设置 $XDG_DATA_HOME）",
    },
    "cli.err.diverged_not_saved": {
        "en": "{message}; the model was not saved",
        "zh": "{message}；模型未保存",
    },
    # ---- flag types (cli/_common.py)
    "cli.err.not_integer": {"en": "{value!r} is not an integer", "zh": "{value!r} 不是整数"},
    "cli.err.not_number": {"en": "{value!r} is not a number", "zh": "{value!r} 不是数"},
    "cli.err.not_finite": {"en": "{value!r} is not a finite number", "zh": "{value!r} 不是有限的数"},
    "cli.err.must_be": {"en": "must be {need}, got {value!r}", "zh": "必须是{need}，实际为 {value!r}"},
    "cli.need.positive_int": {"en": "a positive integer", "zh": "正整数"},
    "cli.need.nonneg_int": {"en": "zero or a positive integer", "zh": "零或正整数"},
    "cli.need.positive_float": {"en": "a positive number", "zh": "正数"},
    "cli.need.nonneg_float": {"en": "zero or a positive number", "zh": "零或正数"},
    "cli.need.unit_interval": {"en": "in [0, 1)", "zh": "区间 [0, 1) 中的数"},
    "cli.err.layer_list": {
        "en": "{value!r} is not a comma-separated list of layer sizes such as 784,30,10",
        "zh": "{value!r} 不是以逗号分隔的各层神经元个数，例如 784,30,10",
    },
    "cli.err.layer_count": {
        "en": "needs at least an input and an output size, got {value!r}",
        "zh": "至少需要输入层和输出层两个大小，实际为 {value!r}",
    },
    "cli.err.layer_positive": {
        "en": "every layer size must be a positive integer, got {value!r}",
        "zh": "每一层的神经元个数都必须是正整数，实际为 {value!r}",
    },
    "cli.err.image_size": {
        "en": "{value!r} is not an image size such as 256x256",
        "zh": "{value!r} 不是图像尺寸，应形如 256x256",
    },
    "cli.err.image_side": {
        "en": "image sides must be positive, got {value!r}",
        "zh": "图像的边长必须是正数，实际为 {value!r}",
    },
    # ---- argparse's own messages, in Chinese (under en argparse's English is kept as it is)
    "cli.ap.argument": {"en": "argument {arg}: {message}", "zh": "参数 {arg}：{message}"},
    "cli.ap.invalid_choice": {"en": "invalid choice: {value} (choose from {choices})",
                              "zh": "无效的取值 {value}（可选：{choices}）"},
    "cli.ap.invalid_type": {"en": "invalid {type} value: {value}", "zh": "{value} 不是有效的{type}"},
    "cli.ap.type.int": {"en": "int", "zh": "整数"},
    "cli.ap.type.float": {"en": "float", "zh": "数"},
    "cli.ap.expected_one": {"en": "expected one argument", "zh": "需要一个值"},
    "cli.ap.expected_at_most_one": {"en": "expected at most one argument", "zh": "最多需要一个值"},
    "cli.ap.expected_at_least_one": {"en": "expected at least one argument", "zh": "至少需要一个值"},
    "cli.ap.expected_n": {"en": "expected {n} arguments", "zh": "需要 {n} 个值"},
    "cli.ap.required": {"en": "the following arguments are required: {args}", "zh": "缺少必需的参数：{args}"},
    "cli.ap.one_of_required": {"en": "one of the arguments {args} is required", "zh": "必须给出参数 {args} 中的一个"},
    "cli.ap.unrecognized": {"en": "unrecognized arguments: {args}", "zh": "无法识别的参数：{args}"},
    "cli.ap.ambiguous": {"en": "ambiguous option: {option} could match {matches}",
                         "zh": "选项 {option} 有歧义，可能是：{matches}"},
    "cli.ap.not_allowed_with": {"en": "not allowed with argument {arg}", "zh": "不能与参数 {arg} 同时使用"},
    "cli.ap.ignored_explicit": {"en": "ignored explicit argument {value}", "zh": "该选项不接受值，多余的值为 {value}"},
    "cli.ap.unexpected_option": {"en": "unexpected option string: {option}", "zh": "意外的选项：{option}"},
    "cli.ap.unknown_parser": {"en": "unknown parser {name} (choices: {choices})",
                              "zh": "未知的子命令 {name}（可选：{choices}）"},
    # ---- serve, models
    "cli.err.port": {"en": "must be at most 65535, got {port}", "zh": "端口号最大为 65535，实际为 {port}"},
    "cli.err.host_unknown": {
        "en": "cannot listen on host {host!r}: {reason}; use e.g. --host 127.0.0.1",
        "zh": "无法在主机 {host!r} 上监听：找不到这个主机名或地址（系统提示：“{reason}”）；请使用例如 --host 127.0.0.1",
    },
    "cli.err.port_in_use": {
        "en": "port {port} on {host} is already in use: choose another with --port (--port 0 picks a free one)",
        "zh": "{host} 上的端口 {port} 已被占用：请用 --port 另选一个（--port 0 自动选择空闲端口）",
    },
    "cli.err.cannot_listen": {"en": "cannot listen on {host}:{port}: {reason}",
                              "zh": "无法在 {host}:{port} 上监听：“{reason}”"},
    "cli.err.evaluate_toy": {
        "en": "'{path}' was trained on {dataset!r}; evaluate works on {choices} "
              "(toy models report their test accuracy when trained)",
        "zh": "'{path}' 是在 {dataset!r} 上训练的；evaluate 只适用于 "
              "{choices}（玩具数据集的模型在训练结束时已报告测试准确率）",
    },
    "models.err.not_npz": {
        "en": "'{path}' is not an nnscratch model file: it is not an .npz archive",
        "zh": "'{path}' 不是 nnscratch 模型文件：它不是 .npz 压缩包",
    },
    "models.err.no_metadata": {
        "en": "'{path}' is not an nnscratch model file: it has no nnscratch metadata record",
        "zh": "'{path}' 不是 nnscratch 模型文件：其中没有 nnscratch 的元数据记录",
    },
    "models.err.bad_metadata": {
        "en": "'{path}' is not a readable nnscratch model file: its metadata record is damaged",
        "zh": "'{path}' 不是可读取的 nnscratch 模型文件：其元数据记录已损坏",
    },
    "models.err.keep": {
        "en": "the number of models to keep must be zero or a positive integer, got {keep!r}",
        "zh": "要保留的模型个数必须是零或正整数，实际为 {keep!r}",
    },
}
MESSAGES["cli.err.byte_size"] = {
    "en": "{value!r} is not a memory size: give bytes or a size such as 8GB or 500MB",
    "zh": "{value!r} 不是内存大小：请给出字节数，或 8GB、500MB 这样的大小",
}
MESSAGES["cli.err.budget_flag"] = {
    "en": "{message}; on the command line: --memory-budget SIZE (e.g. 16GB)",
    "zh": "{message}；命令行中用 --memory-budget 指定（例如 16GB）",
}
