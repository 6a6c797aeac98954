"""The web lab under hostile requests: every endpoint, bad bodies, wrong types, huge and deep input,
foreign Host headers, many requests at once. Nothing may answer 500, run away in time or memory,
reveal the server's folders, or speak English to a Chinese page.

Budgets are generous (a shared 2-core machine): they catch a 10x regression, not a 10% one.
Memory is measured with tracemalloc, which NumPy reports its arrays to.
"""

from __future__ import annotations

import json
import re
import threading
import time
import tracemalloc
import warnings

import numpy as np
import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from nnscratch.io.model import save_model
from nnscratch.model import Model
from nnscratch.network import Network
from nnscratch.web import chapters, create_app
from nnscratch.web.playground import CHUNK_STEPS, JobRegistry, PlaygroundConfig, PlaygroundJob
from nnscratch.web.validate import MAX_BODY_BYTES, MAX_DEPTH, nesting_depth

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
LOCAL = "http://localhost"
SESSION = "hostile-session-01"
POSTS = ["/api/gd", "/api/perceptron", "/api/mle", "/api/backprop", "/api/digits/predict",
         "/api/playground/new", "/api/playground/step", "/api/playground/pause", "/api/playground/stop"]
GETS = ["/", "/api/config", "/api/i18n", "/api/digits/model", f"/api/playground/stream?session={SESSION}",
        "/static/style.css"]
CJK = re.compile(r"[\u4e00-\u9fff]")
# An English sentence: three English words in a row. Quoted values, field names and formulas are allowed.
ENGLISH = re.compile(r"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")


def _model(path, sizes=(784, 8, 10), shape=(28, 28)):
    path.parent.mkdir(parents=True, exist_ok=True)
    net = Network(list(sizes), "sigmoid", "softmax", init="xavier", rng=np.random.default_rng(1))
    return save_model(Model(net, input_shape=shape, input_scale=1 / 255, dataset="mnist"), path)


@pytest.fixture
def model_path(tmp_path):
    return _model(tmp_path / "secret-folder" / "digits.npz")


@pytest.fixture
def client(model_path):
    with TestClient(create_app(model_path, "en"), base_url=LOCAL, raise_server_exceptions=False) as c:
        yield c


def _post(client, url, body, **headers):
    if isinstance(body, bytes):
        return client.post(url, content=body, headers={"content-type": "application/json", **headers})
    return client.post(url, json=body, headers=headers)


def _is_refusal(answer, *statuses):
    """A 4xx with the error as data: message, key and param."""
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text)
    if statuses:
        assert answer.status_code in statuses, (answer.status_code, answer.text)
    data = answer.json()
    assert set(data) == {"error", "key", "param"} and data["error"] and data["key"], data
    assert "Traceback" not in data["error"]
    return data


# ---- bodies -----------------------------------------------------------------------------------------

HOSTILE_BODIES = {
    "not json": b"{",
    "truncated": b'{"lr": 1',
    "not utf-8": b"\xff\xfe\x00",
    "array": b"[1, 2]",
    "string": b'"hello"',
    "number": b"42",
    "null": b"null",
    "nan": b'{"lr": NaN}',
    "huge number": b'{"lr": 1e999}',
    "huge integer": b'{"steps": ' + b"9" * 4000 + b"}",
    "huger integer": b'{"steps": ' + b"9" * 5000 + b"}",
    "deep lists": b"[" * 30_000 + b"]" * 30_000,
    "deep objects": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    "deep in a field": b'{"session": "abcdefgh12", "config": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    "unclosed deep": b"[" * 60_000,
    "wrong types": {"session": 12, "lr": "x", "steps": [1], "points": {"a": 1}, "n": None, "pixels": "all"},
    "unknown field": {"session": SESSION, "zzz": 1},
    "boolean numbers": {"session": SESSION, "steps": True, "n": False, "x": [True, 1, 2]},
}


@pytest.mark.parametrize("name", HOSTILE_BODIES)
@pytest.mark.parametrize("url", POSTS)
def test_every_endpoint_refuses_hostile_bodies_with_a_4xx(client, url, name):
    body = HOSTILE_BODIES[name]
    assert not isinstance(body, bytes) or len(body) <= MAX_BODY_BYTES  # all under the size limit
    _is_refusal(_post(client, url, body))
    assert client.get("/api/config").status_code == 200  # and the server goes on


def test_deep_nesting_is_refused_before_parsing(client):
    answer = _post(client, "/api/gd", b"[" * 30_000 + b"]" * 30_000)
    data = _is_refusal(answer, 400)
    assert data["key"] == "web.err.too_deep" and str(MAX_DEPTH) in data["error"]


def test_brackets_inside_strings_are_not_nesting():
    assert nesting_depth(b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "b": [[1]]}') == 3
    assert nesting_depth(b'{"a": "\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}') == 1


@pytest.mark.parametrize("url", POSTS)
def test_bodies_over_the_size_limit_are_refused_while_reading(client, url):
    big = b'{"pixels": [' + b"0," * MAX_BODY_BYTES + b"0]}"
    _is_refusal(_post(client, url, big), 413)

    def chunks():  # no content-length: the limit must hold while reading
        for _ in range(100):
            yield b" " * 4096

    _is_refusal(client.post(url, content=chunks(), headers={"content-type": "application/json"}), 413)


def test_wrong_methods_and_unknown_paths_are_4xx_json(client):
    for url in POSTS:
        _is_refusal(client.get(url), 405)
    _is_refusal(client.get("/api/../../etc/passwd"), 404)
    _is_refusal(client.get("/static/../../pyproject.toml"), 404)


# ---- the Host header (DNS rebinding) and framing ------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "attacker:8000",
                                  "", "[::2]", "10.0.0.1"])
@pytest.mark.parametrize("url", GETS + POSTS)
def test_foreign_host_names_are_refused(client, url, host):
    headers = {"host": host}
    answer = client.get(url, headers=headers) if url in GETS else _post(client, url, {}, **headers)
    data = _is_refusal(answer, 400)
    assert data["key"] == "web.err.bad_host"
    assert answer.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:1234", "[::1]:80", "LOCALHOST",
                                  "localhost."])
def test_the_local_names_are_accepted(client, host):
    assert client.get("/api/config", headers={"host": host}).status_code == 200


def test_the_host_the_server_was_started_for_is_accepted(model_path):
    with TestClient(create_app(model_path, host="lab.example"), base_url="http://lab.example:8000") as c:
        assert c.get("/api/config").status_code == 200
        assert c.get("/api/config", headers={"host": "other.example"}).status_code == 400
    import socket

    with TestClient(create_app(model_path, host="0.0.0.0"), base_url=f"http://{socket.gethostname()}:80") as c:
        assert c.get("/api/config").status_code == 200  # listening everywhere: this machine's own name
        assert c.get("/api/config", headers={"host": "evil.example"}).status_code == 400


def test_a_refused_host_is_told_in_the_pages_language(client):
    answer = client.get("/api/config?lang=zh", headers={"host": "evil.example"})
    assert CJK.search(answer.json()["error"]) and "evil.example" in answer.json()["error"]


@pytest.mark.parametrize("url", GETS + ["/api/nothing"])
def test_every_response_refuses_framing(client, url):
    answer = client.get(url)
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["x-frame-options"] == "DENY"


# ---- no absolute paths -------------------------------------------------------------------------------------

def test_the_digit_model_is_named_not_located(client, model_path):
    text = client.get("/api/digits/model").text
    assert model_path.name in text and str(model_path.parent) not in text and "secret-folder" not in text


def test_an_unusable_model_is_explained_without_its_folder(tmp_path):
    wrong = _model(tmp_path / "secret-folder" / "mnist-toy.npz", sizes=(2, 4, 2), shape=(2,))
    with TestClient(create_app(None, "en", find_latest_model=lambda: wrong), base_url=LOCAL) as c:
        info = c.get("/api/digits/model").json()
        assert not info["available"] and "mnist-toy.npz" in info["problem"]
        assert "secret-folder" not in json.dumps(info)
        refused = _post(c, "/api/digits/predict", {"pixels": [0.5] * 784})
        assert refused.status_code == 409 and "secret-folder" not in refused.text


def test_an_internal_error_tells_the_kind_not_the_details(model_path, monkeypatch):
    def broken(body):
        raise RuntimeError(f"secret detail at {model_path}")

    monkeypatch.setattr(chapters, "likelihood", broken)
    with TestClient(create_app(model_path), raise_server_exceptions=False, base_url=LOCAL) as c:
        answer = c.post("/api/mle", json={})
        assert answer.status_code == 500 and "RuntimeError" in answer.json()["error"]
        assert "secret" not in answer.text


# ---- errors in the page's language ---------------------------------------------------------------------

ZH_CASES = [
    ("/api/gd", b"{"), ("/api/gd", b"[1]"), ("/api/gd", b'{"lr": NaN}'), ("/api/gd", {"lr": "fast"}),
    ("/api/gd", {"lr": 0}), ("/api/gd", {"steps": 2.5}), ("/api/gd", {"start": [1]}), ("/api/gd", {"lrr": 1}),
    ("/api/gd", b"[" * 30_000), ("/api/perceptron", {"points": [[0, 0, 0]]}), ("/api/perceptron", {"points": []}),
    ("/api/perceptron", {"picks": [3]}), ("/api/perceptron", {"points": [[i, 0, 1] for i in range(41)]}),
    ("/api/backprop", {"activation": "softmax"}), ("/api/digits/predict", {}),
    ("/api/playground/new", {"session": "x"}), ("/api/playground/new", {"session": SESSION, "config": []}),
    ("/api/playground/new", {"session": SESSION, "config": {"hidden": [4] * 7}}),
    ("/api/playground/step", {"session": "unknown-session"}),
]


@pytest.mark.parametrize("how", ["header", "query", "accept-language"])
@pytest.mark.parametrize("url, body", ZH_CASES, ids=[f"{u} {str(b)[:24]}" for u, b in ZH_CASES])
def test_errors_come_in_chinese_to_a_chinese_page(client, url, body, how):
    headers, target = {}, url
    if how == "header":
        headers["x-lang"] = "zh"
    elif how == "query":
        target = f"{url}?lang=zh"
    else:
        headers["accept-language"] = "zh-CN,zh;q=0.9,en;q=0.5"
    message = _is_refusal(_post(client, target, body, **headers))["error"]
    assert CJK.search(message), message
    bare = re.sub(r"'[^']*'|\"[^\"]*\"", "", message)  # values the user sent may be in any language
    assert not ENGLISH.search(bare), message
    english = _post(client, url, body)  # the same request without a language: the server's default
    assert not CJK.search(english.json()["error"])


def test_http_errors_come_in_chinese_too(client):
    assert CJK.search(client.get("/api/nothing?lang=zh").json()["error"])
    assert CJK.search(client.get("/api/gd", headers={"x-lang": "zh"}).json()["error"])
    assert CJK.search(client.get("/api/playground/stream?session=x&lang=zh").json()["error"])


# ---- work budgets ------------------------------------------------------------------------------------------

def _measured(fn):
    """(result, seconds, peak bytes allocated meanwhile by Python and NumPy)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = fn()
        return result, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_gradient_descent_computes_only_what_it_shows(client):
    """300 steps over 400 points took 3.7 s and +830 MB when each path's loss came off a (steps+1)^2 grid."""
    answer, seconds, peak = _measured(lambda: _post(client, "/api/gd", {"steps": 300, "points": 400}))
    assert answer.status_code == 200
    assert peak < 150e6, f"{peak / 1e6:.0f} MB for one request"
    assert seconds < 30
    assert all(len(p["J"]) == 301 for p in answer.json()["paths"].values())


def test_a_request_over_its_budget_is_refused_before_any_work(client, monkeypatch):
    monkeypatch.setattr(chapters, "GD_WORK_LIMIT", 1000)
    calls = []
    monkeypatch.setattr(chapters, "gd_data", lambda *a: calls.append(a))
    data = _is_refusal(_post(client, "/api/gd", {"steps": 10}), 422)
    assert data["key"] == "web.err.budget" and "1000" in data["error"] and "steps" in data["error"]
    assert calls == [], "the budget is checked before the data is made"
    zh = _post(client, "/api/gd", {"steps": 10}, **{"x-lang": "zh"}).json()["error"]
    assert CJK.search(zh) and "1000" in zh


def test_a_playground_step_is_bounded_by_epochs_times_batches(client):
    new = _post(client, "/api/playground/new",
                {"session": SESSION, "config": {"points": 1000, "train_ratio": 0.9, "batch_size": 1}})
    assert new.status_code == 200
    data = _is_refusal(_post(client, "/api/playground/step", {"session": SESSION, "epochs": 100}), 422)
    assert data["key"] == "web.err.budget" and "epochs" in data["error"]
    assert client.app.state.jobs.jobs[SESSION].epoch == 0


@pytest.mark.slow  # seconds, under tracemalloc
def test_every_endpoint_at_its_largest_request_stays_within_time_and_memory(client):
    largest = [
        ("/api/gd", {"steps": 300, "points": 400, "batch_size": 1}),
        ("/api/perceptron", {"points": [[i % 2, (i // 2) % 2, 1 if (i % 2) ^ ((i // 2) % 2) else -1]
                                        for i in range(40)], "run": "converge", "picks": [None] * 100}),
        ("/api/mle", {"n": 100_000, "k": 50_000}),
        ("/api/backprop", {"steps": 2000}),
        ("/api/playground/new", {"session": SESSION, "config": {"points": 1000, "hidden": [8] * 6, "batch_size": 1,
                                                                "train_ratio": 0.9}}),
        ("/api/playground/step", {"session": SESSION, "epochs": 20}),
    ]
    for url, body in largest:
        answer, seconds, peak = _measured(lambda url=url, body=body: _post(client, url, body))
        assert answer.status_code == 200 or 400 <= answer.status_code < 500, (url, answer.text)
        assert seconds < 60, (url, seconds)
        assert peak < 300e6, (url, f"{peak / 1e6:.0f} MB")


@pytest.mark.slow  # seconds, under tracemalloc
def test_parallel_requests_stay_within_memory(client):
    """16 GD requests at once reached 8.4 GB; they now queue for a few compute slots, each small."""
    answers = []

    def one():
        answers.append(_post(client, "/api/gd", {"steps": 300, "points": 400}).status_code)

    def burst():
        threads = [threading.Thread(target=one) for _ in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=300)

    _, seconds, peak = _measured(burst)
    assert answers == [200] * 8
    assert peak < 600e6, f"{peak / 1e6:.0f} MB for 8 requests at once"
    assert seconds < 300


# ---- the playground: bounded chunks, cancellation, eviction ---------------------------------------------

def test_a_streamed_chunk_is_bounded_by_samples_times_epochs():
    job = PlaygroundJob(PlaygroundConfig(points=1000, train_ratio=0.9, batch_size=1, epochs_per_frame=100))
    assert job.steps_per_epoch == 900
    assert job.chunk_epochs() == 2 and job.chunk_epochs() * job.steps_per_epoch <= CHUNK_STEPS
    small = PlaygroundJob(PlaygroundConfig(points=20, batch_size=10, epochs_per_frame=20))
    assert small.chunk_epochs() == 20  # small data: the page's own choice holds


def test_a_chunk_stops_once_nobody_watches():
    job = PlaygroundJob(PlaygroundConfig(points=100))
    job.advance(50, keep_going=lambda: job.epoch < 3)
    assert job.epoch == 3


def test_an_evicted_session_is_told_so():
    jobs = JobRegistry(limit=2)
    config = PlaygroundConfig(points=20)
    for name in ("page-aaaaaaaa", "page-bbbbbbbb", "page-cccccccc"):
        jobs.create(name, config)
    with pytest.raises(Exception) as evicted:
        jobs.get("page-aaaaaaaa")
    assert evicted.value.key == "web.err.session_evicted" and evicted.value.status == 410
    with pytest.raises(Exception) as unknown:
        jobs.get("page-never-seen")
    assert unknown.value.key == "web.err.session_unknown" and unknown.value.status == 404
    jobs.create("page-aaaaaaaa", config)  # a reset starts afresh
    assert jobs.get("page-aaaaaaaa") is not None


def test_an_evicted_page_hears_it_over_http_and_over_its_stream(client):
    first = "page-evicted-01"
    assert _post(client, "/api/playground/new", {"session": first, "config": {"points": 20}}).status_code == 200
    for i in range(client.app.state.jobs.limit):
        later = {"session": f"page-later-{i:04d}", "config": {"points": 20}}
        assert _post(client, "/api/playground/new", later).status_code == 200
    step = _post(client, "/api/playground/step", {"session": first}, **{"x-lang": "zh"})
    data = _is_refusal(step, 410)
    assert data["key"] == "web.err.session_evicted" and CJK.search(data["error"])
    stream = client.get(f"/api/playground/stream?session={first}&lang=en")
    assert stream.status_code == 200 and stream.headers["content-type"].startswith("text/event-stream")
    event, payload = stream.text.strip().split("\n", 1)
    assert event == "event: end"
    end = json.loads(payload.split("data: ", 1)[1])
    assert end["reason"] == "evicted" and "newer pages" in end["message"]


def test_requests_on_separate_event_loops_do_not_wait_on_each_other(model_path):
    """The compute limiter belongs to one event loop: a client that starts a loop per request (no context
    manager) once hung for ever when several requests shared the first loop's limiter."""
    client = TestClient(create_app(model_path), base_url=LOCAL)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(_post(client, "/api/gd", {"steps": 20}).status_code))
               for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=300)
    assert not any(th.is_alive() for th in threads), "a request never finished"
    assert answers == [200] * 6
