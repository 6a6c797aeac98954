"""Reasons: why the system or a file refused, as text in both languages, for another message's ``{reason}``.

``os.reason.<ERRNO>`` is the system's refusal (``nnscratch.errors.os_reason`` picks the key from
``exc.errno``): the English is the system's own text (glibc's ``strerror``), so English messages read
as before; the Chinese says the same in Chinese. A code without a key here keeps the system's text
(``os.reason.other``). Host-name lookups have their own codes (``EAI_*``), kept apart from errno.
``modelfile.reason.*`` are the reasons a model file's array is refused.
"""

MESSAGES = {
    # ---- files and folders
    "os.reason.ENOENT": {"en": "No such file or directory", "zh": "没有这个文件或目录"},
    "os.reason.EACCES": {"en": "Permission denied", "zh": "权限不足"},
    "os.reason.EPERM": {"en": "Operation not permitted", "zh": "不允许执行该操作"},
    "os.reason.EISDIR": {"en": "Is a directory", "zh": "这是一个目录，不是文件"},
    "os.reason.ENOTDIR": {"en": "Not a directory", "zh": "路径中的某一段不是目录"},
    "os.reason.ENOSPC": {"en": "No space left on device", "zh": "磁盘空间已满"},
    "os.reason.EDQUOT": {"en": "Disk quota exceeded", "zh": "超出了磁盘配额"},
    "os.reason.EROFS": {"en": "Read-only file system", "zh": "文件系统是只读的"},
    "os.reason.EEXIST": {"en": "File exists", "zh": "文件已存在"},
    "os.reason.ENOTEMPTY": {"en": "Directory not empty", "zh": "目录不是空的"},
    "os.reason.EBUSY": {"en": "Device or resource busy", "zh": "设备或资源正忙"},
    "os.reason.EMFILE": {"en": "Too many open files", "zh": "打开的文件太多"},
    "os.reason.ENAMETOOLONG": {"en": "File name too long", "zh": "文件名太长"},
    "os.reason.ELOOP": {"en": "Too many levels of symbolic links", "zh": "符号链接的层数太多（可能链接成了环）"},
    "os.reason.EIO": {"en": "Input/output error", "zh": "输入/输出错误（磁盘或设备故障）"},
    "os.reason.EXDEV": {"en": "Invalid cross-device link", "zh": "不能跨文件系统移动或链接"},
    # ---- network
    "os.reason.ECONNREFUSED": {"en": "Connection refused", "zh": "连接被拒绝（该地址上没有程序在监听）"},
    "os.reason.EADDRINUSE": {"en": "Address already in use", "zh": "地址已被占用"},
    "os.reason.EADDRNOTAVAIL": {"en": "Cannot assign requested address", "zh": "这台计算机没有这个地址"},
    "os.reason.ETIMEDOUT": {"en": "Connection timed out", "zh": "连接超时"},
    "os.reason.EHOSTUNREACH": {"en": "No route to host", "zh": "无法到达该主机"},
    "os.reason.ENETUNREACH": {"en": "Network is unreachable", "zh": "网络不可达"},
    "os.reason.ENETDOWN": {"en": "Network is down", "zh": "网络已断开"},
    "os.reason.ECONNRESET": {"en": "Connection reset by peer", "zh": "连接被对方重置"},
    "os.reason.ECONNABORTED": {"en": "Software caused connection abort", "zh": "连接被中止"},
    "os.reason.EPIPE": {"en": "Broken pipe", "zh": "管道已断开（对方已关闭连接）"},
    # ---- host-name lookup (socket.gaierror codes)
    "os.reason.EAI_NONAME": {"en": "Name or service not known", "zh": "找不到这个主机名或服务名"},
    "os.reason.EAI_AGAIN": {"en": "Temporary failure in name resolution", "zh": "域名解析暂时失败，请稍后再试"},
    "os.reason.EAI_FAIL": {"en": "Non-recoverable failure in name resolution", "zh": "域名解析失败"},
    "os.reason.EAI_NODATA": {"en": "No address associated with hostname", "zh": "这个主机名没有对应的地址"},
    # ---- any other code: the system's own words (English on most systems)
    "os.reason.other": {"en": "{reason}", "zh": "{reason}"},
    # ---- model files (nnscratch.io.model): why an array member is refused
    "modelfile.reason.npy_version": {
        "en": ".npy format version {version}, while nnscratch reads versions 1.0 and 2.0",
        "zh": ".npy 格式版本为 {version}，nnscratch 只能读取 1.0 和 2.0 版本",
    },
    "modelfile.reason.header": {"en": "{detail}", "zh": "数组头无法解析，NumPy 提示：{detail}"},
    "modelfile.reason.fortran_order": {
        "en": "Fortran-ordered array, while nnscratch writes C order",
        "zh": "数组按 Fortran 顺序（列优先）存储，而 nnscratch 写出的是 C 顺序（行优先）",
    },
    # ---- the local Dask cluster of tests and benchmarks (nnscratch.sweep.local_dask_cluster)
    "sweep.err.local_scheduler": {
        "en": "the local Dask scheduler did not start ({reason}); run 'python -m distributed.cli.dask_scheduler' "
              "to see its own error, or reinstall the cluster extra: pip install \"nnscratch[cluster]\"",
        "zh": "本机的 Dask 调度器没有启动（{reason}）；请运行 'python -m distributed.cli.dask_scheduler' "
              "查看它自己的报错，或重新安装 cluster 扩展：pip install \"nnscratch[cluster]\"",
    },
    "sweep.reason.exited": {"en": "it exited with status {status}", "zh": "它已退出，退出状态为 {status}"},
    "sweep.reason.timeout": {"en": "no address after {timeout} s", "zh": "{timeout} 秒内没有给出地址"},
    "sweep.err.local_workers": {
        "en": "not all {workers} local Dask workers registered with the scheduler at {address} within {timeout} s; "
              "the computer may be too busy: try fewer workers or a longer timeout",
        "zh": "{timeout} 秒内，{workers} 个本机 Dask 工作进程没有全部在 {address} 的调度器上注册；"
              "计算机可能太忙：请减少工作进程数，或延长等待时间（timeout）",
    },
}
