MESSAGES = {
    "data.help": {
        "en": "datasets in MNIST's layout: download them, check them, count them",
        "zh": "MNIST 格式的数据集：下载、校验、统计",
    },
    "data.download.help": {
        "en": "download a dataset's four files from public mirrors (tried in turn), verify their SHA-256 "
              "and move them into place; files already present and valid are kept",
        "zh": "从公共镜像（依次尝试）下载数据集的四个文件，校验 SHA-256 后原子地放入目录；已存在且有效的文件保留不动",
    },
    "data.info.help": {
        "en": "check a dataset folder (IDX headers, counts, labels, SHA-256) and show its sizes and label counts",
        "zh": "检查数据集目录（IDX 文件头、样本数、标签、SHA-256），并显示规模与各类标签数",
    },
    "data.dataset": {
        "en": "dataset: {choices} (default: mnist)",
        "zh": "数据集：{choices}（默认 mnist）",
    },
    "data.data_dir": {
        "en": "folder with the four IDX files, .gz or not (default: $NNSCRATCH_DATA, else the user cache "
              "~/.cache/nnscratch/DATASET (honouring $XDG_CACHE_HOME) when it holds them, else the copy of MNIST "
              "bundled with nnscratch)",
        "zh": "存放四个 IDX 文件（可为 .gz）的目录（默认取 $NNSCRATCH_DATA；否则若用户缓存 "
              "~/.cache/nnscratch/数据集名（遵循 $XDG_CACHE_HOME）中有这些文件就用它；"
              "否则用 nnscratch 自带的 MNIST 副本）",
    },
    "data.data_dir_test": {
        "en": "folder with the test files t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, .gz or not (the "
              "training files are not needed; default: as for train, e.g. the copy of MNIST bundled with nnscratch)",
        "zh": "存放测试集文件 t10k-images-idx3-ubyte 和 t10k-labels-idx1-ubyte（可为 .gz）的目录（不需要训练集文件；"
              "默认与 train 相同，例如 nnscratch 自带的 MNIST 副本）",
    },
    "data.mirror": {
        "en": "base URL to download from instead of the built-in mirrors, e.g. a local copy served over HTTP; "
              "repeat the flag for several, tried in order",
        "zh": "代替内置镜像的下载地址（目录 URL），例如通过 HTTP 提供的本地副本；可重复给出多个，按顺序尝试",
    },
    "data.timeout": {
        "en": "seconds to wait for a mirror before trying the next (default: {default:g})",
        "zh": "等待镜像响应的秒数，超时则换下一个（默认 {default:g}）",
    },
    "data.folder": {"en": "{title} in {folder}", "zh": "{title}，位于 {folder}"},
    "data.source": {"en": "source: {source}", "zh": "来源：{source}"},
    "data.source.argument": {"en": "the folder given with --data-dir", "zh": "用 --data-dir 指定的目录"},
    "data.source.environment": {"en": "$NNSCRATCH_DATA", "zh": "$NNSCRATCH_DATA"},
    "data.source.cache": {"en": "the user cache", "zh": "用户缓存"},
    "data.source.bundled": {
        "en": "the copy bundled with nnscratch (MNIST by Y. LeCun, C. Cortes and C. Burges, CC BY-SA 3.0)",
        "zh": "nnscratch 自带的副本（MNIST，作者 Y. LeCun、C. Cortes、C. Burges，CC BY-SA 3.0 许可）",
    },
    "data.downloaded": {"en": "downloaded from {url}", "zh": "已从 {url} 下载"},
    "data.present": {"en": "already present", "zh": "已存在"},
    "data.verified": {"en": "SHA-256 verified", "zh": "SHA-256 校验通过"},
    "data.unverified": {
        "en": "well-formed; no published checksum to compare this copy with",
        "zh": "格式正确；没有可与此副本比对的公开校验和",
    },
    "data.use_it": {
        "en": "use it with: nnscratch train --dataset {name} --data-dir {folder}",
        "zh": "使用方法：nnscratch train --dataset {name} --data-dir {folder}",
    },
    "data.train": {"en": "train", "zh": "训练集"},
    "data.test": {"en": "test", "zh": "测试集"},
    "data.split": {
        "en": "{part}: {count} images of {height}x{width} pixels (uint8), labels 0..{last}",
        "zh": "{part}：{count} 张 {height}x{width} 像素图像（uint8），标签 0..{last}",
    },
    "data.label_counts": {"en": "label counts:", "zh": "各类标签数："},
    "data.files": {"en": "files:", "zh": "文件："},
    "data.checksum.verified": {"en": "verified", "zh": "已校验"},
    "data.checksum.mismatch": {"en": "MISMATCH", "zh": "不一致"},
    "data.checksum.unknown": {"en": "no published checksum for this copy", "zh": "此副本无公开校验和"},
    "data.checksum.unchecked": {"en": "not checked", "zh": "未校验"},
    "data.expected": {"en": "published: {sha256}", "zh": "公开值：{sha256}"},
    "data.all_verified": {
        "en": "all four files match the published SHA-256 checksums",
        "zh": "四个文件均与公开的 SHA-256 校验和一致",
    },
    "data.some_unknown": {
        "en": "the files are well-formed and consistent; {count} of them could not be checked against a "
              "published checksum ({title} publishes them only for its original .gz files)",
        "zh": "文件格式正确且彼此一致；其中 {count} 个无法与公开校验和比对（{title} 只公开了原始 .gz 文件的校验和）",
    },
    "data.some_mismatch": {
        "en": "some files differ from the published ones (damaged, or another dataset); replace them with: "
              "nnscratch data download --dataset {name} --data-dir {folder}",
        "zh": "部分文件与公开版本不一致（已损坏或属于其他数据集）；可用以下命令替换："
              "nnscratch data download --dataset {name} --data-dir {folder}",
    },
}
