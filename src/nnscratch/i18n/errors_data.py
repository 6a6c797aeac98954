"""Messages of the errors of the data area: datasets, IDX files, downloads, toy sets, model files, images.

Keys: ``data.err.*`` (nnscratch.data), ``modelfile.err.*`` (nnscratch.io.model),
``image.err.*`` (nnscratch.io.image). A value that is itself text in both
languages (a hint, where a folder came from, a nested message) is passed as
``{"en": ..., "zh": ...}`` (see ``both``) and picked with ``{hint[en]}`` /
``{hint[zh]}``.
"""

from __future__ import annotations

from nnscratch.i18n import LANGUAGES, t


def both(key: str, **values: object) -> dict[str, str]:
    """Catalog text ``key`` in every language, as a value for another message: {"en": ..., "zh": ...}."""
    return {lang: t(key, lang, **values) for lang in LANGUAGES}


_FIX = {
    "en": "To fix: run `nnscratch data download --dataset {name} --data-dir {folder}`; or put the four files "
          "{files} there by hand (from {mirror}); or choose a folder that holds them (or set $NNSCRATCH_DATA to one)",
    "zh": "解决办法：运行 `nnscratch data download --dataset {name} --data-dir {folder}`；或手动把四个文件 "
          "{files} 放到该目录（来源：{mirror}）；或改用存有这些文件的目录（也可用 $NNSCRATCH_DATA 指定）",
}

MESSAGES = {
    # ---- where a folder came from, and hints used inside other messages
    "data.origin.argument": {"en": "the folder given", "zh": "指定的目录"},
    "data.origin.environment": {"en": "from $NNSCRATCH_DATA", "zh": "来自 $NNSCRATCH_DATA"},
    "data.origin.cache": {"en": "the user cache", "zh": "用户缓存"},
    "data.origin.bundled": {"en": "the copy bundled with nnscratch", "zh": "nnscratch 自带的副本"},
    "data.hint.none": {"en": "", "zh": ""},
    "data.hint.found": {"en": " (found: {present})", "zh": "（已有：{present}）"},
    "data.hint.labels_file": {"en": " (this looks like a labels file)", "zh": "（看起来是标签文件）"},
    "data.hint.images_file": {"en": " (this looks like an images file)", "zh": "（看起来是图像文件）"},
    "data.hint.html": {"en": " (this looks like an HTML or XML page)", "zh": "（看起来是 HTML 或 XML 网页）"},
    "data.hint.zip": {"en": " (this looks like a zip archive; unpack it first)",
                      "zh": "（看起来是 zip 压缩包，请先解压）"},
    "data.hint.bzip2": {"en": " (this looks like a bzip2 file; decompress it first)",
                        "zh": "（看起来是 bzip2 文件，请先解压）"},

    # ---- registry, folders
    "data.err.unknown_dataset": {
        "en": "unknown dataset {name!r}: choose one of {choices}",
        "zh": "未知的数据集 {name!r}：请从 {choices} 中选择",
    },
    "data.err.parts": {
        "en": "parts must name one or both of {choices}, got {parts!r}",
        "zh": "parts 必须是 {choices} 中的一个或两个，实际为 {parts!r}",
    },
    "data.err.folder_missing": {
        "en": "{title} is not available: the folder {folder} ({origin[en]}) does not exist. " + _FIX["en"],
        "zh": "{title} 不可用：目录 {folder}（{origin[zh]}）不存在。" + _FIX["zh"],
    },
    "data.err.folder_is_file": {
        "en": "{title} is not available: {folder} ({origin[en]}) is not a folder. " + _FIX["en"],
        "zh": "{title} 不可用：{folder}（{origin[zh]}）不是目录。" + _FIX["zh"],
    },
    "data.err.files_missing": {
        "en": "{title} is not available: {folder} ({origin[en]}) lacks {missing}{found[en]}. " + _FIX["en"],
        "zh": "{title} 不可用：{folder}（{origin[zh]}）缺少 {missing}{found[zh]}。" + _FIX["zh"],
    },

    # ---- checking files
    "data.err.checksum_mismatch": {
        "en": "{path}: the SHA-256 of its decompressed bytes is {digest}, but {title}'s {stem} has {expected}; "
              "the file is damaged or from another dataset: replace it with "
              "`nnscratch data download --dataset {name} --data-dir {folder}`",
        "zh": "{path}：解压后内容的 SHA-256 为 {digest}，而 {title} 的 {stem} 应为 {expected}；"
              "文件已损坏或属于其他数据集，"
              "请用 `nnscratch data download --dataset {name} --data-dir {folder}` 替换",
    },
    "data.err.wrong_dataset": {
        "en": "{path}: this is {other_title}'s {stem}, not {title}'s; load it as the dataset {other_name!r}, "
              "or choose a folder that holds {title}",
        "zh": "{path}：这是 {other_title} 的 {stem}，不是 {title} 的；请按数据集 {other_name!r} 加载，"
              "或改用存有 {title} 的目录",
    },
    "data.err.wrong_dataset_kept": {
        "en": "{path}: this is {other_title}'s {stem}, not {title}'s; nothing was downloaded, so that the folder "
              "of {other_title} is not overwritten: download {title} into another folder",
        "zh": "{path}：这是 {other_title} 的 {stem}，不是 {title} 的；为避免覆盖 {other_title} 的目录，未下载任何文件。"
              "请把 {title} 下载到另一个目录",
    },
    "data.err.name_is_folder": {
        "en": "{path} is a folder, not the file {stem}; nothing was downloaded: move or rename that folder first",
        "zh": "{path} 是一个目录，而不是文件 {stem}；未下载任何文件：请先移走或重命名该目录",
    },
    "data.err.count_mismatch": {
        "en": "{images} holds {n_images} images but {labels} holds {n_labels} labels (in {folder}); the files "
              "belong to different sets or one is damaged: replace them with "
              "`nnscratch data download --dataset {name} --data-dir {folder}`",
        "zh": "{images} 有 {n_images} 张图像，而 {labels} 有 {n_labels} 个标签（在 {folder} 中）；"
              "这些文件属于不同的数据集，"
              "或其中一个已损坏：请用 `nnscratch data download --dataset {name} --data-dir {folder}` 替换",
    },
    "data.err.label_range": {
        "en": "{path}: label {label} at index {index} is out of range ({count} such labels); "
              "{title} labels are 0..{last}",
        "zh": "{path}：索引 {index} 处的标签 {label} 超出范围（共 {count} 个这样的标签）；{title} 的标签应为 0..{last}",
    },

    # ---- the IDX format
    "data.err.idx_missing": {
        "en": "{path}: no such file; check the name, or download the dataset again",
        "zh": "{path}：文件不存在；请检查文件名，或重新下载数据集",
    },
    "data.err.idx_is_folder": {
        "en": "{path} is a folder, not an IDX file: give the file itself (a folder cannot carry the file's name)",
        "zh": "{path} 是一个目录，不是 IDX 文件：请给出文件本身（目录不能占用该文件名）",
    },
    "data.err.idx_not_regular": {
        "en": "{path} is not a regular file (a pipe, socket or device), so it is not an IDX file: give the file itself",
        "zh": "{path} 不是普通文件（而是管道、套接字或设备），因此不是 IDX 文件：请给出文件本身",
    },
    "data.err.idx_unreadable": {
        "en": "{path} cannot be read ({reason}); check its permissions",
        "zh": "无法读取 {path}（“{reason}”）；请检查文件权限",
    },
    "data.err.idx_empty": {
        "en": "{path} is empty (0 bytes), so it is not an IDX file: an IDX file starts with a header of at least "
              "8 bytes; the copy is damaged, replace it (e.g. download it again)",
        "zh": "{path} 是空文件（0 字节），因此不是 IDX 文件：IDX 文件以至少 8 字节的文件头开始；此副本已损坏，"
              "请替换它（例如重新下载）",
    },
    "data.err.idx_short": {
        "en": "{path} holds only {size} bytes, so it is not an IDX file: an IDX file starts with a header of at "
              "least 8 bytes; replace it (e.g. download it again)",
        "zh": "{path} 只有 {size} 字节，因此不是 IDX 文件：IDX 文件以至少 8 字节的文件头开始；请替换它（例如重新下载）",
    },
    "data.err.idx_magic": {
        "en": "{path}: not an IDX file: it must start with two zero bytes, found {found}{hint[en]}",
        "zh": "{path}：不是 IDX 文件：文件必须以两个零字节开头，实际为 {found}{hint[zh]}",
    },
    "data.err.idx_type": {
        "en": "{path}: unknown IDX type code {code} (known: {known}); the file is damaged or not an IDX file",
        "zh": "{path}：未知的 IDX 类型码 {code}（已知：{known}）；文件已损坏或不是 IDX 文件",
    },
    "data.err.idx_ndim": {
        "en": "{path}: the IDX header declares {ndim} dimensions; 1 to {max} are supported",
        "zh": "{path}：IDX 文件头声明了 {ndim} 个维度；只支持 1 到 {max} 个",
    },
    "data.err.idx_ndim_mismatch": {
        "en": "{path}: expected a {want}-dimensional IDX file ({pattern}), but the header declares {ndim} "
              "dimension(s){hint[en]}",
        "zh": "{path}：应为 {want} 维的 IDX 文件（{pattern}），但文件头声明了 {ndim} 个维度{hint[zh]}",
    },
    "data.err.idx_header_cut": {
        "en": "{path}: the IDX header declares {ndim} dimensions but the file ends inside the header; "
              "it is truncated (download it again)",
        "zh": "{path}：IDX 文件头声明了 {ndim} 个维度，但文件在文件头内就结束了；文件不完整（请重新下载）",
    },
    "data.err.idx_dtype": {
        "en": "{path}: expected values of type {want}, the header declares {got} (type code {code})",
        "zh": "{path}：应为 {want} 类型的数值，文件头声明的是 {got}（类型码 {code}）",
    },
    "data.err.idx_shape": {
        "en": "{path}: expected {pattern}, the header says {shape} (axis {axis} is {got}, not {want})",
        "zh": "{path}：应为 {pattern}，文件头为 {shape}（第 {axis} 维是 {got}，而不是 {want}）",
    },
    "data.err.idx_gzip_too_small": {
        "en": "{path}: the header claims {shape} = {payload} bytes, more than a gzip file of {size} bytes can "
              "hold; the file is truncated or not an IDX file",
        "zh": "{path}：文件头声称有 {shape} = {payload} 字节，超过了 {size} 字节的 gzip 文件所能容纳的量；"
              "文件不完整或不是 IDX 文件",
    },
    "data.err.idx_truncated": {
        "en": "{path}: the header declares {shape} = {expected} bytes of data, but the file holds only {actual}; "
              "it is truncated (download it again)",
        "zh": "{path}：文件头声明了 {shape} = {expected} 字节的数据，但文件只有 {actual} 字节；"
              "文件不完整（请重新下载）",
    },
    "data.err.idx_extra": {
        "en": "{path}: the header declares {shape} = {expected} bytes of data, but {extra} more bytes follow; "
              "the header and the data disagree",
        "zh": "{path}：文件头声明了 {shape} = {expected} 字节的数据，但后面还多出 {extra} 字节；文件头与数据不一致",
    },
    "data.err.gzip_corrupt": {
        "en": "{path}: the gzip data is corrupted ({reason}); download the file again",
        "zh": "{path}：gzip 数据已损坏（“{reason}”）；请重新下载该文件",
    },
    "data.err.gzip_truncated": {
        "en": "{path}: the gzip file is truncated (it ends before the end of its compressed data); "
              "download it again",
        "zh": "{path}：gzip 文件不完整（在压缩数据结束之前就结束了）；请重新下载",
    },
    "data.err.idx_write_dtype": {
        "en": "{path}: IDX cannot store dtype {dtype}; use one of {supported}",
        "zh": "{path}：IDX 无法存储 {dtype} 类型；请使用 {supported} 之一",
    },
    "data.err.idx_write_ndim": {
        "en": "{path}: IDX files here have 1 to {max} dimensions, the array has {ndim}",
        "zh": "{path}：这里的 IDX 文件有 1 到 {max} 个维度，而数组有 {ndim} 个",
    },
    "data.err.idx_write_dims": {
        "en": "{path}: IDX dimensions must be below 2**32, got shape {shape}",
        "zh": "{path}：IDX 的每个维度都必须小于 2**32，实际形状为 {shape}",
    },

    # ---- downloads
    "data.err.timeout": {
        "en": "timeout must be a positive number of seconds, got {timeout!r}",
        "zh": "超时时间必须是正的秒数，实际为 {timeout!r}",
    },
    "data.err.mirrors": {
        "en": "mirrors must be a non-empty list of base URLs, got {mirrors!r}",
        "zh": "镜像必须是非空的目录 URL 列表，实际为 {mirrors!r}",
    },
    "data.err.mkdir": {
        "en": "cannot create the data folder {folder}: {reason}; choose another folder",
        "zh": "无法创建数据目录 {folder}：“{reason}”；请换一个目录",
    },
    "data.err.unwritable": {
        "en": "cannot write into the data folder {folder}: {reason}; choose another folder",
        "zh": "无法写入数据目录 {folder}：“{reason}”；请换一个目录",
    },
    "data.err.reject_html": {
        "en": "the server sent an HTML page ({kind}), not the file",
        "zh": "服务器返回的是 HTML 网页（{kind}），而不是文件",
    },
    "data.err.reject_too_big": {
        "en": "the server offers {total} bytes, more than the file can be ({limit})",
        "zh": "服务器提供 {total} 字节，超过了该文件可能的大小（{limit}）",
    },
    "data.err.reject_too_long": {
        "en": "the server sent more than {limit} bytes, more than the file can be",
        "zh": "服务器发送了超过 {limit} 字节，超过了该文件可能的大小",
    },
    "data.err.reject_empty": {"en": "the server sent an empty response", "zh": "服务器返回了空响应"},
    "data.err.reject_truncated": {
        "en": "truncated: got {done} of {total} bytes",
        "zh": "不完整：只收到 {total} 字节中的 {done} 字节",
    },
    "data.err.gz_checksum": {
        "en": "{path}: does not match the SHA-256 published for {file} ({expected})",
        "zh": "{path}：与 {file} 公开的 SHA-256（{expected}）不一致",
    },
    "data.err.download_failed": {
        "en": "could not download {title}'s {file} from any mirror (tried: {tried[en]}). To place the files by "
              "hand: fetch {names} from one of these addresses later, or from a copy you trust (see {homepage}), "
              "put them (gzip-compressed or not) into {folder}, and check them with "
              "`nnscratch data info --dataset {name} --data-dir {folder}`",
        "zh": "无法从任何镜像下载 {title} 的 {file}（已尝试：{tried[zh]}）。手动放置文件的方法：稍后从上述地址之一，"
              "或从你信任的副本（见 {homepage}）获取 {names}，放入 {folder}（是否 gzip 压缩均可），"
              "再用 `nnscratch data info --dataset {name} --data-dir {folder}` 检查",
    },

    # ---- validation split, random generators, toy sets
    "data.err.split_lengths": {
        "en": "x has {n_x} samples but y has {n_y}; give one label per sample",
        "zh": "x 有 {n_x} 个样本，而 y 有 {n_y} 个；每个样本需要一个标签",
    },
    "data.err.n_validation_int": {
        "en": "n_validation must be an integer, got {value!r}",
        "zh": "n_validation 必须是整数，实际为 {value!r}",
    },
    "data.err.n_validation_range": {
        "en": "n_validation must be in 0..{last} for {n} samples, got {value}",
        "zh": "对于 {n} 个样本，n_validation 必须在 0..{last} 之间，实际为 {value}",
    },
    "data.err.rng": {
        "en": "rng must be a numpy Generator or an integer seed, got {value!r}",
        "zh": "rng 必须是 numpy 的 Generator 或整数种子，实际为 {value!r}",
    },
    "data.err.unknown_toy": {
        "en": "unknown toy dataset {name!r}: choose one of {choices}",
        "zh": "未知的玩具数据集 {name!r}：请从 {choices} 中选择",
    },
    "data.err.toy_n": {
        "en": "the number of points must be a positive integer, got {value!r}",
        "zh": "点的个数必须是正整数，实际为 {value!r}",
    },
    "data.err.toy_noise_number": {
        "en": "noise must be a number, got {value!r}",
        "zh": "噪声必须是数值，实际为 {value!r}",
    },
    "data.err.toy_noise_range": {
        "en": "noise must be zero or a positive number, got {value!r}",
        "zh": "噪声必须是零或正数，实际为 {value!r}",
    },

    # ---- model files (nnscratch.io.model)
    "modelfile.hint.json": {"en": " (it looks like a JSON text)", "zh": "（看起来是 JSON 文本）"},
    "modelfile.hint.html": {"en": " (it looks like an HTML or XML page)", "zh": "（看起来是 HTML 或 XML 网页）"},
    "modelfile.hint.image": {"en": " (it looks like an image)", "zh": "（看起来是一张图片）"},
    "modelfile.hint.pickle": {
        "en": " (it looks like a Python pickle, which nnscratch never loads: unpickling can run code)",
        "zh": "（看起来是 Python 的 pickle 文件；nnscratch 从不加载它，因为反序列化可能执行代码）",
    },
    "modelfile.err.missing": {
        "en": "model file {path!r} does not exist: train one with 'nnscratch train --out {path}'",
        "zh": "模型文件 {path!r} 不存在：可用 'nnscratch train --out {path}' 训练一个",
    },
    "modelfile.err.is_folder": {
        "en": "{path!r} is a folder, not a model file: give the .npz file itself (e.g. a file inside that folder)",
        "zh": "{path!r} 是一个目录，不是模型文件：请给出 .npz 文件本身（例如该目录中的某个文件）",
    },
    "modelfile.err.not_regular": {
        "en": "{path!r} is not a regular file (a device, socket or pipe): give a .npz model file",
        "zh": "{path!r} 不是普通文件（而是设备、套接字或管道）：请给出 .npz 模型文件",
    },
    "modelfile.err.unreadable": {
        "en": "model file {path!r} cannot be read ({reason}); check its permissions",
        "zh": "无法读取模型文件 {path!r}（“{reason}”）；请检查文件权限",
    },
    "modelfile.err.empty": {
        "en": "{path!r} is empty (0 bytes), so it is not a model file: give a model saved by "
              "'nnscratch train --out FILE.npz'",
        "zh": "{path!r} 是空文件（0 字节），因此不是模型文件：请给出用 'nnscratch train --out FILE.npz' 保存的模型",
    },
    "modelfile.err.npy": {
        "en": "{path!r} is a single NumPy array (.npy), not an nnscratch model file (an .npz archive with "
              "metadata), perhaps renamed: give the .npz that 'nnscratch train --out FILE.npz' wrote",
        "zh": "{path!r} 是单个 NumPy 数组（.npy 文件），不是 nnscratch 模型文件（带元数据的 .npz 压缩包），"
              "可能是被改了扩展名：请给出 'nnscratch train --out FILE.npz' 保存的 .npz 文件",
    },
    "modelfile.err.not_npz": {
        "en": "{path!r} is not an nnscratch model file: it is not an .npz archive{hint[en]} "
              "(a model saved by 'nnscratch train --out FILE.npz')",
        "zh": "{path!r} 不是 nnscratch 模型文件：它不是 .npz 压缩包{hint[zh]}"
              "（模型应由 'nnscratch train --out FILE.npz' 保存）",
    },
    "modelfile.err.damaged": {
        "en": "{path!r} is a damaged .npz archive ({reason}); save or copy the model again",
        "zh": "{path!r} 是损坏的 .npz 压缩包（“{reason}”）；请重新保存或复制该模型",
    },
    "modelfile.err.member": {
        "en": "{path!r}: the archive holds {member!r}, which is not a NumPy array (.npy); this is not a model "
              "saved by nnscratch",
        "zh": "{path!r}：压缩包中的 {member!r} 不是 NumPy 数组（.npy）；这不是 nnscratch 保存的模型",
    },
    "modelfile.err.no_metadata": {
        "en": "{path!r}: no metadata record; this is not a model saved by nnscratch",
        "zh": "{path!r}：没有元数据记录；这不是 nnscratch 保存的模型",
    },
    "modelfile.err.bad_member": {
        "en": "{path!r}: {name} is not a valid NumPy array ({reason}); the file is damaged or not written by nnscratch",
        "zh": "{path!r}：{name} 不是有效的 NumPy 数组（“{reason}”）；文件已损坏，或不是 nnscratch 写出的",
    },
    "modelfile.err.object_array": {
        "en": "{path!r}: {name} is an array of Python objects (dtype {dtype}); loading it would mean unpickling, "
              "which can run code hidden in the file, so it is refused: a model saved by nnscratch holds only numbers",
        "zh": "{path!r}：{name} 是 Python 对象数组（dtype {dtype}）；加载它需要反序列化（unpickle），"
              "这可能执行文件中隐藏的代码，因此拒绝加载：nnscratch 保存的模型只包含数值",
    },
    "modelfile.err.metadata_kind": {
        "en": "{path!r}: the metadata record must be UTF-8 JSON bytes (uint8, at most {limit} bytes), "
              "got shape {shape} of {dtype}; this is not a model saved by nnscratch",
        "zh": "{path!r}：元数据记录必须是 UTF-8 编码的 JSON 字节（uint8，最多 {limit} 字节），"
              "实际为 {dtype} 类型、形状 {shape}；这不是 nnscratch 保存的模型",
    },
    "modelfile.err.entry_size": {
        "en": "{path!r}: {name} declares shape {shape} of {dtype} ({nbytes} bytes with its header), but the "
              "archive records {size} bytes for it; the file is damaged or forged",
        "zh": "{path!r}：{name} 声明的形状为 {shape}、类型 {dtype}（连同头部共 {nbytes} 字节），"
              "但压缩包记录的大小为 {size} 字节；文件已损坏或被伪造",
    },
    "modelfile.err.too_large": {
        "en": "{path!r}: the metadata describes a network {sizes} whose parameters need {nbytes} of {dtype}, "
              "more than the {limit} a model file may hold here; if you really have such a model and the memory, "
              "load it with load_model(path, max_bytes=...)",
        "zh": "{path!r}：元数据描述的网络 {sizes} 的参数需要 {nbytes}（{dtype}），超过了此处模型文件允许的 {limit}；"
              "如果确实有这样的模型和足够的内存，请用 load_model(path, max_bytes=...) 加载",
    },
    "modelfile.err.json": {
        "en": "{path!r}: metadata is not valid JSON ({reason}); the file is damaged",
        "zh": "{path!r}：元数据不是有效的 JSON（“{reason}”）；文件已损坏",
    },
    "modelfile.err.not_nnscratch": {
        "en": "{path!r}: metadata does not describe an nnscratch model",
        "zh": "{path!r}：元数据描述的不是 nnscratch 模型",
    },
    "modelfile.err.version_kind": {
        "en": "{path!r}: format_version must be an integer, got {version!r}",
        "zh": "{path!r}：format_version 必须是整数，实际为 {version!r}",
    },
    "modelfile.err.newer": {
        "en": "{path!r}: written by a newer nnscratch (model format {version}, this version reads up to "
              "{supported}): upgrade with 'pip install -U nnscratch'",
        "zh": "{path!r}：由更新版本的 nnscratch 写出（模型格式 {version}，当前版本最多读取 {supported}）："
              "请用 'pip install -U nnscratch' 升级",
    },
    "modelfile.err.lacks": {
        "en": "{path!r}: metadata lacks {field!r}; the file is damaged or not written by nnscratch",
        "zh": "{path!r}：元数据缺少 {field!r}；文件已损坏，或不是 nnscratch 写出的",
    },
    "modelfile.err.sizes": {
        "en": "{path!r}: sizes must be a list of at least two positive integers, got {sizes!r}",
        "zh": "{path!r}：sizes 必须是至少含两个正整数的列表，实际为 {sizes!r}",
    },
    "modelfile.err.dtype": {
        "en": "{path!r}: dtype must be float32 or float64, got {dtype!r}",
        "zh": "{path!r}：dtype 必须是 float32 或 float64，实际为 {dtype!r}",
    },
    "modelfile.err.arrays": {
        "en": "{path!r}: arrays do not match sizes {sizes}: missing {missing}, unexpected {extra}",
        "zh": "{path!r}：数组与 sizes {sizes} 不符：缺少 {missing}，多出 {extra}",
    },
    "modelfile.err.shape": {
        "en": "{path!r}: {name} has shape {shape}, expected {expected} for sizes {sizes}",
        "zh": "{path!r}：{name} 的形状为 {shape}，按 sizes {sizes} 应为 {expected}",
    },
    "modelfile.err.dtype_of": {
        "en": "{path!r}: {name} has dtype {dtype}, expected {expected}",
        "zh": "{path!r}：{name} 的类型为 {dtype}，应为 {expected}",
    },
    "modelfile.err.not_finite": {
        "en": "{path!r}: {name} contains NaN or infinite weights; the training that wrote it diverged: "
              "train again with a smaller learning rate",
        "zh": "{path!r}：{name} 含有 NaN 或无穷大的权重；写出它的训练已发散：请用更小的学习率重新训练",
    },
    "modelfile.err.input": {
        "en": "{path!r}: input must give a shape whose size is {n_inputs} and a numeric scale, got {value!r}",
        "zh": "{path!r}：input 必须给出元素个数为 {n_inputs} 的形状和一个数值缩放系数，实际为 {value!r}",
    },
    "modelfile.err.classes": {
        "en": "{path!r}: classes must list {n_classes} names, got {value!r}",
        "zh": "{path!r}：classes 必须列出 {n_classes} 个类别名，实际为 {value!r}",
    },
    "modelfile.err.network": {
        "en": "{path!r}: the network it describes is invalid: {inner[en]}",
        "zh": "{path!r}：文件描述的网络无效：{inner[zh]}",
    },

    # ---- images (nnscratch.io.image)
    "image.err.missing": {
        "en": "image file not found: {path}",
        "zh": "找不到图像文件：{path}",
    },
    "image.err.is_folder": {
        "en": "{path} is a folder, not an image file: give the image files themselves",
        "zh": "{path} 是一个目录，不是图像文件：请给出图像文件本身",
    },
    "image.err.not_regular": {
        "en": "{path} is not a regular file (a device, socket or pipe): give an image file",
        "zh": "{path} 不是普通文件（而是设备、套接字或管道）：请给出图像文件",
    },
    "image.err.empty": {
        "en": "image file is empty (0 bytes): {path}; give a PNG or JPEG photo of a digit",
        "zh": "图像文件是空的（0 字节）：{path}；请给出一张数字的 PNG 或 JPEG 照片",
    },
    "image.err.too_large": {
        "en": "{path}: {width}x{height} pixels is more than the {limit} megapixels (or {side} pixels a side) "
              "accepted, so it is refused before decoding (a possible decompression bomb); scale the image down first",
        "zh": "{path}：{width}x{height} 像素超过了允许的 {limit} 百万像素（或每边 {side} 像素），"
              "因此在解码前就被拒绝（可能是解压炸弹）；请先缩小图像",
    },
    "image.err.bomb": {
        "en": "{path}: refused as a possible decompression bomb ({reason}); use an image under {limit} megapixels",
        "zh": "{path}：疑似解压炸弹，已拒绝（“{reason}”）；请使用小于 {limit} 百万像素的图像",
    },
    "image.err.not_image": {
        "en": "{path} is not an image nnscratch reads, whatever its name says; give a file in one of these "
              "formats: {formats}",
        "zh": "无论文件名如何，{path} 都不是 nnscratch 能读取的图像；请给出以下格式之一的文件：{formats}",
    },
    "image.err.damaged": {
        "en": "{path} is a damaged or truncated image ({reason}); save it again or give another file",
        "zh": "{path} 是损坏或不完整的图像（“{reason}”）；请重新保存或换一个文件",
    },
    "image.err.in_file": {
        "en": "{path}: {inner[en]}",
        "zh": "图像 {path}：{inner[zh]}",
    },
    "image.err.array_dtype": {
        "en": "an image must be an array of real numbers, got dtype {dtype}",
        "zh": "图像必须是实数数组，实际类型为 {dtype}",
    },
    "image.err.flat_not_square": {
        "en": "a flat image must have a square number of values (784 for 28x28), got {size}",
        "zh": "展平的图像必须有平方数个值（28x28 为 784 个），实际为 {size} 个",
    },
    "image.err.not_2d": {
        "en": "an image must be 2-D grey levels (H, W), got shape {shape}",
        "zh": "图像必须是二维灰度值（H, W），实际形状为 {shape}",
    },
    "image.err.too_small": {
        "en": "an image of shape {shape} is too small to hold a digit: give at least {side}x{side} pixels",
        "zh": "形状为 {shape} 的图像太小，放不下一个数字：请至少给出 {side}x{side} 像素",
    },
    "image.err.array_too_large": {
        "en": "an image of shape {shape} is more than the {limit} megapixels accepted; scale it down first",
        "zh": "形状为 {shape} 的图像超过了允许的 {limit} 百万像素；请先缩小",
    },
    "image.err.int_range": {
        "en": "integer grey levels must lie in 0..{top}, got values from {low} to {high}",
        "zh": "整数灰度值必须在 0..{top} 之间，实际范围是 {low} 到 {high}",
    },
    "image.err.not_finite": {
        "en": "the image holds NaN or infinite values; give grey levels in [0, 1]",
        "zh": "图像含有 NaN 或无穷大的值；请给出 [0, 1] 之间的灰度值",
    },
    "image.err.float_range": {
        "en": "float grey levels must lie in [0, 1], got values from {low} to {high}; divide 0..255 values by 255",
        "zh": "浮点灰度值必须在 [0, 1] 之间，实际范围是 {low} 到 {high}；0..255 的值请除以 255",
    },
    "image.err.blank": {
        "en": "the image is blank: no ink found (nothing stands out from the background); give a digit written "
              "darker or lighter than its paper",
        "zh": "图像是空白的：没有找到笔迹（没有任何内容从背景中突显出来）；请给出比纸面更深或更浅的手写数字",
    },
    "image.err.scale": {
        "en": "scale must be a whole number from 1 to 100, got {value!r}",
        "zh": "放大倍数必须是 1 到 100 之间的整数，实际为 {value!r}",
    },
    "image.err.png_only": {
        "en": "the network's view is saved as PNG, got {path!r}: use e.g. seen.png",
        "zh": "网络所见的图像只能保存为 PNG，实际为 {path!r}：请使用例如 seen.png",
    },
}
