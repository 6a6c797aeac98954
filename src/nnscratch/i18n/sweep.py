"""`nnscratch sweep`: help, table, progress and errors."""

MESSAGES = {
    "sweep.help": {
        "en": "train many networks at once (a grid over any train flag) on this machine's cores or a Dask cluster, "
        "and compare them: homework IV answered by experiment",
        "zh": "一次训练许多网络（对任意 train 选项取网格），在本机多核或 Dask 集群上运行并加以比较：用实验回答作业四",
    },
    "sweep.grid": {
        "en": "one axis of the grid: NAME=V1,V2,... with NAME a train flag without '--' (layers use ':' between "
        "networks: layers=784,30,10:784,100,10); repeat for more axes",
        "zh": "网格的一个维度：NAME=V1,V2,...，NAME 为去掉 '--' 的 train 选项（layers 用 ':' 分隔不同网络："
        "layers=784,30,10:784,100,10）；多个维度就重复此选项",
    },
    "sweep.set": {"en": "a setting for every point: NAME=VALUE (a train flag without '--')",
                  "zh": "对所有点都相同的设置：NAME=VALUE（去掉 '--' 的 train 选项）"},
    "sweep.preset": {
        "en": "a ready-made sweep: homework-iv (depth against width at matched parameter counts, on MNIST and a 1-D "
        "function) or learning-rate (too small, right, oscillating, divergent)",
        "zh": "现成的扫描：homework-iv（参数量相同时比较深度与宽度，在 MNIST 和一维函数上）或 learning-rate"
        "（学习率过小、合适、振荡、发散）",
    },
    "sweep.train_preset": {"en": "the train preset every point starts from (default: by dataset)",
                           "zh": "每个点所基于的 train 预设（默认按数据集选择）"},
    "sweep.workers": {"en": "worker processes on this machine (default: one per core)",
                      "zh": "本机工作进程数（默认每个 CPU 核一个）"},
    "sweep.cluster": {"en": "run the points on a Dask distributed scheduler, e.g. tcp://127.0.0.1:8786 "
                      "(pip install \"nnscratch[cluster]\")",
                      "zh": "在 Dask 分布式调度器（dask.distributed）上运行各点，例如 tcp://127.0.0.1:8786"
                      "（需 pip install \"nnscratch[cluster]\"）"},
    "sweep.out": {"en": "folder that keeps every finished point (and the models); run again with --resume to continue",
                  "zh": "保存每个已完成点（及模型）的文件夹；中断后用 --resume 继续"},
    "sweep.resume": {"en": "continue the sweep kept in this folder: points already finished are skipped",
                     "zh": "继续该文件夹中保存的扫描：已完成的点会被跳过"},
    "sweep.sort": {"en": "sort the table by this result (default test_accuracy)",
                   "zh": "按此结果排序表格（默认 test_accuracy）"},
    "sweep.csv": {"en": "also write the table as CSV", "zh": "同时把表格写成 CSV 文件"},
    "sweep.plot": {"en": "draw accuracy against parameter count (coloured by depth) and the learning curves",
                   "zh": "绘制准确率与参数量的关系（按深度着色）以及学习曲线"},
    "sweep.progress": {"en": "sweep", "zh": "扫描"},
    "sweep.header": {"en": "{n} points on {backend}; sorted by {metric}",
                     "zh": "共 {n} 个点，运行于{backend}；按 {metric} 排序"},
    "sweep.local": {"en": "this machine", "zh": "本机"},
    "sweep.workers_line": {"en": "{workers} workers x {threads} BLAS threads",
                           "zh": "{workers} 个进程 x 每个 {threads} 个 BLAS 线程"},
    "sweep.dask_line": {"en": "scheduler {address}", "zh": "调度器 {address}"},
    "sweep.col.rank": {"en": "#", "zh": "名次"},
    "sweep.col.test": {"en": "test", "zh": "测试集"},
    "sweep.col.best": {"en": "best", "zh": "最佳"},
    "sweep.col.val": {"en": "valid.", "zh": "验证集"},
    "sweep.col.loss": {"en": "loss", "zh": "损失"},
    "sweep.col.epochs": {"en": "epochs", "zh": "轮数"},
    "sweep.col.seconds": {"en": "s", "zh": "秒"},
    "sweep.col.params": {"en": "params", "zh": "参数量"},
    "sweep.failed": {"en": "failed: {message}", "zh": "失败：{message}"},
    "sweep.skipped": {"en": "{n} points were already finished in {folder} and were not run again",
                      "zh": "{folder} 中已有 {n} 个点完成，未重新运行"},
    "sweep.summary": {"en": "{ok} of {n} points trained, {failed} failed, in {seconds:.1f} s",
                      "zh": "{n} 个点中训练完成 {ok} 个，失败 {failed} 个，用时 {seconds:.1f} 秒"},
    "sweep.interrupted": {
        "en": "interrupted: {done} of {n} points finished{where}; run the same command with --resume to continue",
        "zh": "已中断：{n} 个点中完成了 {done} 个{where}；用同一命令加 --resume 继续",
    },
    "sweep.kept_in": {"en": " and are kept in {folder}", "zh": "，已保存在 {folder}"},
    "sweep.wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "sweep.hw4.title": {"en": "Homework IV: depth against width at matched parameter counts",
                        "zh": "作业四：参数量相同时，深度与宽度的比较"},
    "sweep.plot.params": {"en": "parameters (log scale)", "zh": "参数量（对数坐标）"},
    "sweep.plot.accuracy": {"en": "test accuracy", "zh": "测试集准确率"},
    "sweep.plot.loss": {"en": "test loss", "zh": "测试损失"},
    "sweep.plot.epoch": {"en": "epoch", "zh": "轮次（epoch）"},
    "sweep.plot.depth": {"en": "{d} hidden layer(s)", "zh": "{d} 个隐藏层"},
    "sweep.plot.curves": {"en": "learning curves", "zh": "学习曲线"},
    "sweep.plot.train_loss": {"en": "training loss", "zh": "训练损失"},
    # errors
    "sweep.err.empty_axis": {"en": "the grid axis {name!r} has no values: give at least one, e.g. {name}=V1,V2",
                             "zh": "网格维度 {name!r} 没有取值：至少给出一个，例如 {name}=V1,V2"},
    "sweep.err.matched_budget": {
        "en": "cannot match a budget of {budget} parameters with {depth} hidden layers: both must be positive",
        "zh": "无法用 {depth} 个隐藏层凑出 {budget} 个参数：两者都必须为正数",
    },
    "sweep.err.workers": {"en": "the number of workers must be a positive integer, got {workers!r}",
                          "zh": "工作进程数必须是正整数，实际为 {workers!r}"},
    "sweep.err.worker_lost": {
        "en": "a worker process died {tries} times while training the same points (out of memory?): "
        "the sweep stops; use fewer workers or smaller networks",
        "zh": "训练同一批点时工作进程已崩溃 {tries} 次（内存不足？）：扫描停止；请减少工作进程数或使用更小的网络",
    },
    "sweep.err.cluster_address": {"en": "the cluster address must be like tcp://HOST:8786, got {address!r}",
                                  "zh": "集群地址应形如 tcp://HOST:8786，实际为 {address!r}"},
    "sweep.err.cluster_unreachable": {
        "en": "cannot reach the Dask scheduler at {address}: {reason}; start one with 'dask scheduler' and "
        "'dask worker ADDRESS', or leave out the cluster to use this machine's cores",
        "zh": "无法连接 {address} 的 Dask 调度器：“{reason}”；请用 'dask scheduler' 和 'dask worker ADDRESS' 启动，"
        "或不指定集群而使用本机多核",
    },
    "sweep.err.no_points": {"en": "the sweep has no points: give at least one grid axis or a preset",
                            "zh": "扫描中没有任何点：请至少给出一个网格维度或一个预设"},
    "sweep.err.duplicate_points": {"en": "{n} points of the sweep are the same run twice: give each value once",
                                   "zh": "扫描中有 {n} 个点与其他点完全相同：每个取值只需给一次"},
    "sweep.err.out_not_folder": {"en": "{path!r} is a file, not a folder: give a folder for the sweep's results",
                                 "zh": "{path!r} 是文件而不是文件夹：请为扫描结果指定一个文件夹"},
    "sweep.err.out_unwritable": {"en": "cannot create the folder {path!r}: {reason}",
                                 "zh": "无法创建文件夹 {path!r}：“{reason}”"},
    "sweep.err.no_sweep_here": {
        "en": "{path!r} holds no sweep (no sweep.json): start one with --out {path} first",
        "zh": "{path!r} 中没有扫描记录（没有 sweep.json）：请先用 --out {path} 开始一次扫描",
    },
    "sweep.err.bad_sweep_file": {"en": "{path!r} is not a sweep file nnscratch can read: {reason}",
                                 "zh": "{path!r} 不是 nnscratch 能读取的扫描文件：“{reason}”"},
    "sweep.err.unknown_metric": {"en": "unknown result {metric!r} to sort by: choose one of {choices}",
                                 "zh": "未知的排序依据 {metric!r}：请从 {choices} 中选择"},
    "sweep.err.grid_syntax": {"en": "{text!r} is not NAME=VALUES, e.g. lr=0.1,0.5 or layers=784,30,10:784,100,10",
                              "zh": "{text!r} 不是 NAME=VALUES 的形式，例如 lr=0.1,0.5 或 layers=784,30,10:784,100,10"},
    "sweep.err.grid_name": {"en": "{name!r} is not a train flag a sweep can vary: choose one of {choices}",
                            "zh": "{name!r} 不是扫描可以改变的 train 选项：请从 {choices} 中选择"},
    "sweep.err.grid_value": {"en": "grid value {name}={value!r} is not valid: {reason}",
                             "zh": "扫描取值 {name}={value!r} 无效：{reason}"},
    "sweep.err.resume_with_grid": {
        "en": "--resume continues the sweep kept in its folder: leave out --grid, --set and --preset",
        "zh": "--resume 会继续文件夹中保存的扫描：请不要同时给出 --grid、--set 或 --preset",
    },
}
MESSAGES["sweep.err.nothing_to_plot"] = {"en": "no point of the sweep finished, so there is nothing to plot",
                                         "zh": "扫描中没有任何点训练完成，因此没有可绘制的内容"}
