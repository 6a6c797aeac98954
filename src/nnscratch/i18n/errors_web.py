"""Messages of the web lab's errors (src/nnscratch/web): bad requests, refused hosts, budgets, sessions.

``{field}`` is the request field as the page sends it (``config.lr``, ``points[2]``):
a name, the same in both languages.
"""

MESSAGES = {
    # ---- the body ------------------------------------------------------------------------------
    "web.err.media_type": {
        "en": "send the body as application/json, got content type {got!r}",
        "zh": "请求体须以 application/json 发送，收到的内容类型为 {got!r}",
    },
    "web.err.content_length": {
        "en": "content-length must be a number of bytes, got {got!r}",
        "zh": "content-length 必须是字节数，收到的是 {got!r}",
    },
    "web.err.too_large": {
        "en": "the body is larger than the {limit} bytes accepted: send a smaller request",
        "zh": "请求体超过了允许的 {limit} 字节：请发送更小的请求",
    },
    "web.err.too_deep": {
        "en": "the body nests lists and objects more than {limit} levels deep: no request needs that many",
        "zh": "请求体中列表和对象的嵌套超过了 {limit} 层：正常的请求用不到这么多层",
    },
    "web.err.not_utf8": {
        "en": "the body is not valid JSON: it is not UTF-8 text",
        "zh": "请求体不是有效的 JSON：它不是 UTF-8 文本",
    },
    "web.err.not_json": {
        "en": "the body is not valid JSON (line {line}, column {column}): check the request",
        "zh": "请求体不是有效的 JSON（第 {line} 行，第 {column} 列）：请检查请求",
    },
    "web.err.json_constant": {
        "en": "{name} is not a valid JSON number: send a finite number",
        "zh": "{name} 不是有效的 JSON 数字：请发送一个有限的数",
    },
    "web.err.number_too_long": {
        "en": "the body holds a number with thousands of digits: send numbers of ordinary size",
        "zh": "请求体中有一个几千位的数：请发送正常大小的数",
    },
    "web.err.not_object": {
        "en": "the body must be a JSON object, got {kind}",
        "zh": "请求体必须是 JSON 对象，收到的是 {kind}",
    },
    # ---- fields ---------------------------------------------------------------------------------
    "web.err.required": {"en": "field {field!r} is required", "zh": "缺少必需的字段 {field!r}"},
    "web.err.not_number": {
        "en": "{field} must be a number, got {value!r}",
        "zh": "{field} 必须是一个数，收到的是 {value!r}",
    },
    "web.err.not_integer": {
        "en": "{field} must be a whole number, got {value!r}",
        "zh": "{field} 必须是整数，收到的是 {value!r}",
    },
    "web.err.out_of_range": {
        "en": "{field} must be in {interval}, got {value!r}",
        "zh": "{field} 必须在 {interval} 范围内，收到的是 {value!r}",
    },
    "web.err.choice": {
        "en": "unknown {field} {value!r}: choose one of {choices}",
        "zh": "未知的 {field} {value!r}：请从 {choices} 中选择",
    },
    "web.err.not_numbers": {
        "en": "{field} must be a list of numbers, got {kind}",
        "zh": "{field} 必须是由数组成的列表，收到的是 {kind}",
    },
    "web.err.count": {
        "en": "{field} must hold {size} numbers, got {n}",
        "zh": "{field} 必须包含 {size} 个数，收到了 {n} 个",
    },
    "web.err.count_range": {
        "en": "{field} must hold {lo} to {hi} numbers, got {n}",
        "zh": "{field} 必须包含 {lo} 到 {hi} 个数，收到了 {n} 个",
    },
    "web.err.not_list": {"en": "{field} must be a list, got {kind}", "zh": "{field} 必须是列表，收到的是 {kind}"},
    "web.err.too_many": {
        "en": "{field} may hold at most {limit} items, got {n}",
        "zh": "{field} 最多只能包含 {limit} 项，收到了 {n} 项",
    },
    "web.err.not_object_field": {
        "en": "{field} must be a JSON object, got {kind}",
        "zh": "{field} 必须是 JSON 对象，收到的是 {kind}",
    },
    "web.err.unknown_field": {
        "en": "unknown field {field!r}; expected {expected}",
        "zh": "未知的字段 {field!r}；可用的字段：{expected}",
    },
    # ---- chapters -------------------------------------------------------------------------------
    "web.err.perceptron_class": {
        "en": "points[{i}][2] is the class and must be 1 or -1, got {value!r}",
        "zh": "points[{i}][2] 是类别，必须是 1 或 -1，收到的是 {value!r}",
    },
    "web.err.perceptron_empty": {
        "en": "points must hold at least one point",
        "zh": "points 中至少要有一个点",
    },
    "web.err.perceptron_pick": {
        "en": "picks[{i}] must be a point's name such as 'M1' or null, got {value!r}",
        "zh": "picks[{i}] 必须是点的名称（如 'M1'）或 null，收到的是 {value!r}",
    },
    "web.err.budget": {
        "en": "this request needs {work} units of work ({formula}), more than the {limit} one request may take: "
              "lower {params}",
        "zh": "这个请求需要 {work} 个计算单位（{formula}），超过了单个请求允许的 {limit} 个：请减小 {params}",
    },
    # ---- playground sessions --------------------------------------------------------------------
    "web.err.session": {
        "en": "session must be 8 to 64 letters, digits, '-' or '_', got {value!r}",
        "zh": "session 必须由 8 到 64 个字母、数字、'-' 或 '_' 组成，收到的是 {value!r}",
    },
    "web.err.session_unknown": {
        "en": "no playground job for session {session!r}: reset the playground to start one",
        "zh": "会话 {session!r} 没有交互训练场的任务：请点击“重置”重新开始",
    },
    "web.err.session_evicted": {
        "en": "this page's network was closed to make room for newer pages (the server keeps {limit} at a time): "
              "press Reset to start again",
        "zh": "为了给更新打开的页面腾出位置，本页的网络已被关闭（服务器最多同时保留 {limit} 个）：请点击“重置”重新开始",
    },
    "web.err.busy": {
        "en": "the playground is training: pause it before stepping",
        "zh": "交互训练场正在训练：请先暂停，再单步执行",
    },
    # ---- digits ---------------------------------------------------------------------------------
    "web.err.no_model": {
        "en": "no trained model yet: run '{command}', then draw again",
        "zh": "还没有训练好的模型：请运行 '{command}'，然后重新书写",
    },
    "web.err.digit_model_shape": {
        "en": "{name!r} takes inputs of shape {shape}, not 28x28 images: the digits section needs a model "
              "trained on an MNIST-layout dataset",
        "zh": "{name!r} 的输入形状是 {shape}，不是 28x28 的图像：手写数字识别需要在 MNIST 格式的数据集上训练的模型",
    },
    # ---- the server -----------------------------------------------------------------------------
    "web.err.bad_host": {
        "en": "this server does not answer to host {host!r}: open the address that 'nnscratch serve' printed",
        "zh": "本服务器不接受主机名 {host!r}：请打开 'nnscratch serve' 输出的地址",
    },
    "web.err.not_found": {
        "en": "no such page or endpoint: {path}",
        "zh": "没有这个页面或接口：{path}",
    },
    "web.err.method": {
        "en": "{method} is not allowed on {path}",
        "zh": "{path} 不接受 {method} 请求",
    },
    "web.err.internal": {
        "en": "internal error ({kind}); the server keeps running: please report it",
        "zh": "服务器内部错误（{kind}）；服务器仍在运行：请报告这个问题",
    },
}
