"""The web lab's HTTP API, in process (Starlette's TestClient): every endpoint, good and bad requests.

A bad request must get a 4xx JSON ``{"error": ...}`` that names the problem,
and the server must go on answering. The numbers the page shows must be the
library's own: these tests recompute them with the library and compare.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import socket
import threading
import time
import warnings
from pathlib import Path

import anyio
import numpy as np
import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    # Starlette 1.x suggests the httpx2 package for its test client; httpx is what is installed and works.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.requests import ClientDisconnect
    from starlette.testclient import TestClient

from nnscratch.errors import ConfigError, ModelFileError
from nnscratch.i18n import catalog
from nnscratch.io.image import to_mnist
from nnscratch.io.model import load_model, save_model
from nnscratch.model import Model
from nnscratch.network import Network
from nnscratch.web import create_app
from nnscratch.web.playground import JobRegistry, PlaygroundConfig
from nnscratch.web.validate import MAX_BODY_BYTES

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
STATIC = Path(__file__).resolve().parents[1] / "src" / "nnscratch" / "web" / "static"
SESSION = "test-session-0001"
LOCAL = "http://localhost"  # the server answers only to the names it was started for (not "testserver")


def _model(path: Path, sizes=(784, 8, 10), shape=(28, 28)) -> Path:
    net = Network(list(sizes), "sigmoid", "softmax", init="xavier", rng=np.random.default_rng(1))
    return save_model(Model(net, input_shape=shape, input_scale=1 / 255, dataset="mnist"), path)


@pytest.fixture
def model_path(tmp_path):
    return _model(tmp_path / "digits.npz")


@pytest.fixture
def client(model_path):
    with TestClient(create_app(model_path, "en"), base_url=LOCAL) as c:
        yield c


@pytest.fixture
def bare():
    """An app that finds no trained model."""
    with TestClient(create_app(None, "zh", find_latest_model=lambda: None), base_url=LOCAL) as c:
        yield c


def _one() -> list[float]:
    """A drawn '1': a vertical bar, ink 1 on paper 0, as the page sends it."""
    a = np.zeros((28, 28))
    a[4:24, 13:15] = 1.0
    return a.ravel().tolist()


def _until(check, what: str, timeout: float = 120.0) -> None:
    """Wait for a state, not for a time: ``timeout`` is only a generous bound for a hung test."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.01)


def _events(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


# ---- the page, its files and texts -----------------------------------------------------------


def test_page_and_static_files_are_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/js/main.js">' in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy  # nothing from elsewhere: offline
    script = client.get("/static/js/main.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert client.get("/static/style.css").status_code == 200
    missing = client.get("/static/js/nope.js")
    assert missing.status_code == 404 and "error" in missing.json()


def test_no_file_loads_anything_from_another_site():
    for path in STATIC.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(src|href)=[\"']https?://", text), path
            assert not re.search(r"(import|fetch)\s*\(?\s*[\"']https?://", text), path


def test_config_and_texts(client):
    config = client.get("/api/config").json()
    assert config["lang"] == "en"
    assert config["playground"]["datasets"] == ["xor", "circles", "gaussians", "spiral", "moons"]
    texts = client.get("/api/i18n").json()["messages"]
    assert set(texts["en"]) == set(texts["zh"]) and texts["zh"]["web.nav.backprop"] == "反向传播"


def test_every_text_the_page_uses_exists_in_both_languages():
    keys = set(catalog())
    used = set(re.findall(r'data-i18n="([\w.]+)"', (STATIC / "index.html").read_text(encoding="utf-8")))
    for script in (STATIC / "js").glob("*.js"):
        used |= set(re.findall(r'\b(?:t|fill)\("(web\.[\w.]+)"', script.read_text(encoding="utf-8")))
    # keys the scripts build from server values: `web.gd.m.${method}` and the like
    used |= {f"web.gd.m.{m}" for m in ("gd", "sgd", "momentum")}
    used |= {f"web.gd.v.{v}" for v in ("converges", "slow", "oscillates", "diverges")}
    used |= {"web.mle.answer.A", "web.mle.answer.B"}
    assert used - keys == set()
    assert len(used) > 100


def test_unknown_language_is_refused():
    with pytest.raises(ConfigError, match="unknown language 'fr'"):
        create_app(None, "fr", find_latest_model=lambda: None)


# ---- playground ------------------------------------------------------------------------------


def _new(client, **config):
    answer = client.post("/api/playground/new", json={"session": SESSION, "config": config})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_playground_new_step_pause_stop(client):
    frame = _new(client, dataset="circles", points=100, train_ratio=0.6, hidden=[3, 2])
    assert frame["epoch"] == 0 and frame["sizes"] == [2, 3, 2, 1]
    assert len(frame["train"]) == 60 and len(frame["test"]) == 40
    assert len(base64.b64decode(frame["output"])) == frame["output_grid"] ** 2
    assert [len(layer) for layer in frame["neurons"]] == [3, 2]
    assert len(base64.b64decode(frame["neurons"][0][0])) == frame["neuron_grid"] ** 2
    assert np.array(frame["weights"]["2"]).shape == (3, 2)
    frame = client.post("/api/playground/step", json={"session": SESSION}).json()
    assert frame["epoch"] == 1 and [h[0] for h in frame["history"]] == [1] and "train" not in frame
    frame = client.post("/api/playground/step", json={"session": SESSION, "epochs": 5}).json()
    assert frame["epoch"] == 6 and [h[0] for h in frame["history"]] == [2, 3, 4, 5, 6]
    assert client.post("/api/playground/pause", json={"session": SESSION}).json() == {"paused": True, "epoch": 6}
    assert client.post("/api/playground/stop", json={"session": SESSION}).json() == {"stopped": True}
    gone = client.post("/api/playground/step", json={"session": SESSION})
    assert gone.status_code == 404 and "reset the playground" in gone.json()["error"]


def test_playground_one_hidden_layer_solves_xor_and_none_cannot(client):
    _new(client, dataset="xor", hidden=[4], lr=0.1)
    frame = client.post("/api/playground/step", json={"session": SESSION, "epochs": 100}).json()
    frame = client.post("/api/playground/step", json={"session": SESSION, "epochs": 100}).json()
    assert frame["train_accuracy"] == 1.0 and frame["test_accuracy"] == 1.0
    _new(client, dataset="xor", hidden=[], lr=0.1)
    for _ in range(3):
        frame = client.post("/api/playground/step", json={"session": SESSION, "epochs": 100}).json()
    assert frame["train_accuracy"] < 0.8 and frame["neurons"] == []


def test_playground_stream_sends_frames_until_the_epoch_limit(client):
    _new(client, epochs_per_frame=10, max_epochs=30)
    answer = client.get(f"/api/playground/stream?session={SESSION}")
    assert answer.headers["content-type"].startswith("text/event-stream")
    events = _events(answer.text)
    assert [e for e, _ in events] == ["frame", "frame", "frame", "end"]
    assert [d["epoch"] for _, d in events[:3]] == [10, 20, 30]
    assert [h[0] for h in events[0][1]["history"]] == list(range(1, 11))  # every epoch's losses, once
    assert events[-1][1]["reason"] == "max_epochs" and events[-1][1]["frame"]["finished"]
    assert client.app.state.jobs.jobs[SESSION].running is False


def test_playground_pause_ends_the_stream(client):
    _new(client, max_epochs=100_000)
    box = {}
    reader = threading.Thread(target=lambda: box.update(r=client.get(f"/api/playground/stream?session={SESSION}")))
    reader.start()
    job = client.app.state.jobs.jobs[SESSION]
    _until(lambda: job.running and job.epoch >= 3, "three streamed epochs")
    busy = client.post("/api/playground/step", json={"session": SESSION})
    assert busy.status_code == 409 and "pause" in busy.json()["error"]
    client.post("/api/playground/pause", json={"session": SESSION})
    _until(lambda: not reader.is_alive(), "the end of the event stream after a pause")
    assert _events(box["r"].text)[-1][1]["reason"] == "paused"
    assert job.running is False


def test_a_new_job_for_the_page_ends_the_old_stream(client):
    _new(client, max_epochs=100_000)
    box = {}
    reader = threading.Thread(target=lambda: box.update(r=client.get(f"/api/playground/stream?session={SESSION}")))
    reader.start()
    old = client.app.state.jobs.jobs[SESSION]
    _until(lambda: old.running and old.epoch >= 1, "the first stream to train")
    _new(client, dataset="moons")  # one job per page: the reset replaces it
    _until(lambda: not reader.is_alive(), "the old stream to end")
    assert _events(box["r"].text)[-1][1]["reason"] == "stopped"


# 2.3, what uvicorn reports: the page's disconnect arrives through receive(); 2.4: sending fails instead
@pytest.mark.parametrize("spec", ["2.3", "2.4"])
def test_closing_the_page_stops_the_training(client, spec):
    """The page goes away mid-stream: the job stops running (nobody watches, nobody trains)."""
    _new(client, max_epochs=100_000)
    job = client.app.state.jobs.jobs[SESSION]
    sent = []

    async def receive():
        if spec == "2.3":
            await anyio.sleep(0.3)
        else:
            await anyio.sleep_forever()
        return {"type": "http.disconnect"}

    async def send(message):
        if spec == "2.4" and len(sent) >= 3:
            raise OSError("client disconnected")  # what uvicorn raises on a closed connection
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": spec}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": "/api/playground/stream", "raw_path": b"/api/playground/stream",
             "query_string": f"session={SESSION}".encode(), "root_path": "", "headers": [(b"host", b"localhost")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}

    async def run():
        # Starlette reports the lost client as ClientDisconnect; what matters is what follows
        with anyio.fail_after(10), contextlib.suppress(ClientDisconnect):
            await client.app(scope, receive, send)

    anyio.run(run)
    assert job.running is False
    assert sent and sent[0]["status"] == 200, "the stream must have started"
    with job.lock:  # a chunk still computing finishes its current epoch, then sees the flag
        epoch = job.epoch
    time.sleep(0.2)
    assert job.epoch == epoch, "no training after the page went away"


def test_playground_trains_through_the_librarys_trainer_and_its_divergence_rule():
    """One training loop (train.Trainer): its divergence rule stops the job, its snapshot is what is shown."""
    import inspect

    from nnscratch.train import Trainer
    from nnscratch.web import playground
    from nnscratch.web.playground import PlaygroundJob

    source = inspect.getsource(playground)
    # no loop of its own: no backprop, no optimizer, no divergence threshold
    assert "import backprop" not in source and "make_optimizer" not in source and "1e6" not in source
    job = PlaygroundJob(PlaygroundConfig(lr=10, optimizer="momentum", activation="identity", hidden=(8, 8),
                                         batch_size=1, max_epochs=30))
    assert isinstance(job.trainer, Trainer) and job.trainer.net is job.net
    start = [p.copy() for p in job.net.parameters()]
    job.advance(30)
    assert job.error == "diverged" and job.finished and job.epoch == 0
    kept = zip(start, job.net.parameters(), strict=True)
    assert all(np.array_equal(a, b) for a, b in kept), "the trainer keeps epoch 0"
    stuck = PlaygroundJob(PlaygroundConfig(lr=10, optimizer="momentum", activation="tanh", loss="quadratic",
                                           hidden=(8, 8), batch_size=1, max_epochs=30))
    stuck.advance(30)
    assert stuck.error == "stuck" and stuck.epoch == 30


def test_playground_initialises_by_the_librarys_rule():
    from nnscratch.network import default_init
    from nnscratch.web.playground import PlaygroundJob

    for activation in ("relu", "tanh"):
        job = PlaygroundJob(PlaygroundConfig(activation=activation, hidden=(8,), seed=3))
        rng = _rng_after_data(PlaygroundConfig(activation=activation, hidden=(8,), seed=3))
        net = Network([2, 8, 1], activation, "sigmoid", init=default_init(activation), rng=rng, dtype=np.float64)
        assert np.array_equal(job.net.theta[2], net.theta[2])


def _rng_after_data(config):
    """The generator as the job leaves it after drawing the data and the split (the network is drawn next)."""
    from nnscratch.data.toy import make_toy

    rng = np.random.default_rng(config.seed)
    x, _ = make_toy(config.dataset, n=config.points, noise=config.noise, rng=rng)
    rng.permutation(len(x))
    return rng


def test_job_registry_keeps_one_job_per_page_and_drops_the_oldest():
    jobs = JobRegistry(limit=2)
    config = PlaygroundConfig(points=20)
    first = jobs.create("page-aaaaaaaa", config)
    jobs.create("page-bbbbbbbb", config)
    again = jobs.create("page-aaaaaaaa", config)
    assert again is not first and first.running is False and len(jobs.jobs) == 2
    jobs.create("page-cccccccc", config)
    assert list(jobs.jobs) == ["page-aaaaaaaa", "page-cccccccc"]  # bbbb was the least recently used


# ---- the chapters -------------------------------------------------------------------------------


def test_gradient_descent_regimes(client):
    calm = client.post("/api/gd", json={"lr": 1, "steps": 50}).json()
    assert set(calm["paths"]) == {"gd", "sgd", "momentum"}
    assert all(len(p["w"]) == 51 == len(p["J"]) for p in calm["paths"].values())
    assert calm["paths"]["gd"]["verdict"] == "converges"
    assert np.array(calm["grid"]["J"]).shape == (64, 64)
    assert calm["paths"]["gd"]["w"][0] == [-2.0, 3.0] == calm["start"]["w"]
    assert client.post("/api/gd", json={"lr": 30}).json()["paths"]["gd"]["verdict"] == "diverges"
    assert client.post("/api/gd", json={"lr": 0.01}).json()["paths"]["gd"]["verdict"] == "slow"
    moved = client.post("/api/gd", json={"start": [1.5, -1.0]}).json()
    assert moved["paths"]["momentum"]["w"][0] == [1.5, -1.0]


def test_gradient_descent_loss_is_the_librarys(client):
    from nnscratch import logistic
    from nnscratch.web.chapters import gd_data

    answer = client.post("/api/gd", json={"points": 50, "noise": 1.0, "seed": 3, "steps": 5}).json()
    x, y = gd_data(50, 1.0, 3)
    w = np.array(answer["paths"]["gd"]["w"][-1])
    expected = logistic.loss(x, logistic.targets(y, 1), w.reshape(1, 2), np.zeros(1)) / len(x)
    assert answer["paths"]["gd"]["J"][-1] == pytest.approx(expected, rel=1e-5)


def test_perceptron_reproduces_the_lecture_table_and_homework_three(client):
    table = client.post("/api/perceptron", json={"run": "converge"}).json()
    rows = [(r["iteration"], r["misclassified"], tuple(r["w"]), r["b"], r["hyperplane"]) for r in table["rows"]]
    assert rows == [
        (0, None, (0, 0), 0, "0"), (1, "M1", (3, 3), 1, "3x1 + 3x2 + 1"), (2, "M3", (2, 2), 0, "2x1 + 2x2"),
        (3, "M3", (1, 1), -1, "x1 + x2 - 1"), (4, "M3", (0, 0), -2, "-2"), (5, "M1", (3, 3), -1, "3x1 + 3x2 - 1"),
        (6, "M3", (2, 2), -2, "2x1 + 2x2 - 2"), (7, "M3", (1, 1), -3, "x1 + x2 - 3"),
        (8, None, (1, 1), -3, "x1 + x2 - 3"),
    ]
    assert table["converged"] and table["model"] == "sign(x1 + x2 - 3)"
    step_by_step = client.post("/api/perceptron", json={"picks": [None, None]}).json()
    assert len(step_by_step["rows"]) == 3 and step_by_step["misclassified"] == ["M3"]
    homework = client.post("/api/perceptron", json={"picks": [None] * 4 + ["M2"], "run": "converge"}).json()
    assert homework["rows"][5]["misclassified"] == "M2" and homework["rows"][5]["hyperplane"] == "4x1 + 3x2 - 1"
    assert homework["converged"]


def test_perceptron_on_inseparable_points_stops_at_the_limit(client):
    xor = [[0, 0, -1], [1, 1, -1], [1, 0, 1], [0, 1, 1]]
    answer = client.post("/api/perceptron", json={"points": xor, "run": "converge"}).json()
    assert answer["limited"] and not answer["converged"] and answer["misclassified"]


def test_likelihood_of_the_urn(client):
    answer = client.post("/api/mle", json={"n": 100, "k": 70}).json()
    assert answer["estimate"] == 0.7 and answer["numeric_estimate"] == pytest.approx(0.7, abs=1e-6)
    assert [(s["p"], s["kind"]) for s in answer["stationary_points"]] == [
        (0.0, "minimum"), (1.0, "minimum"), (0.7, "maximum")]
    assert len(answer["curves"]["p"]) == 401 and answer["curves"]["lnL"][0] is None  # ln 0 = -inf -> null
    assert sum(answer["probabilities"]) == pytest.approx(1.0)
    assert [(h["answer"], h["function"]) for h in answer["homework"]] == [("B", "likelihood"), ("A", "probability")]
    assert client.post("/api/mle", json={"n": 5000, "k": 10}).json()["probabilities"] is None


def test_backprop_values_are_the_librarys_and_pass_the_finite_difference_check(client):
    from nnscratch.backprop import backprop
    from nnscratch.losses import get_loss

    answer = client.post("/api/backprop", json={"x": [0.3, -1, 2], "y": [0, 1], "seed": 7}).json()
    net = Network([3, 4, 2], "sigmoid", "sigmoid", init="normal", rng=np.random.default_rng(7), dtype=np.float64)
    g = backprop(net, np.array([[0.3, -1, 2]]), np.array([[0.0, 1.0]]), get_loss("quadratic"))
    assert answer["E"] == pytest.approx(g.loss)
    for layer in answer["layers"]:
        l = layer["l"]
        assert np.allclose(layer["z"], g.cache.z[l][0]) and np.allclose(layer["delta"], g.delta[l][0])
        assert np.allclose(layer["grad_theta"], g.grad_theta[l])
        assert np.allclose(layer["numeric_theta"], g.grad_theta[l], atol=1e-8)
    assert answer["max_error"] < 1e-6
    trained = client.post("/api/backprop", json={"x": [0.3, -1, 2], "y": [0, 1], "seed": 7, "steps": 20}).json()
    assert len(trained["history"]) == 21 and trained["history"][-1] < trained["history"][0]


# ---- digits ---------------------------------------------------------------------------------------


def test_digit_prediction_uses_the_same_preprocessing_as_predict(client, model_path):
    answer = client.post("/api/digits/predict", json={"pixels": _one()})
    assert answer.status_code == 200, answer.text
    answer = answer.json()
    seen = to_mnist(np.array(_one()).reshape(28, 28))
    assert np.allclose(answer["image"], seen.ravel(), atol=1e-3)
    expected = load_model(model_path).predict_proba(seen.reshape(1, 784))[0]
    assert np.allclose(answer["probabilities"], expected, atol=1e-6)
    assert answer["prediction"] == str(int(np.argmax(expected)))
    info = client.get("/api/digits/model").json()
    assert info["available"] and info["sizes"] == [784, 8, 10]
    assert info["path"] == model_path.name, "the page gets the file's name, never the server's folders"


def test_without_a_model_the_page_is_told_how_to_train_one(bare):
    info = bare.get("/api/digits/model").json()
    assert info == {"available": False, "path": None, "problem": None, "train_command": "nnscratch train"}
    refused = bare.post("/api/digits/predict", json={"pixels": _one()})
    assert refused.status_code == 409 and "nnscratch train" in refused.json()["error"]


def test_a_model_trained_while_the_server_runs_is_found(tmp_path):
    latest = {"path": None}
    with TestClient(create_app(None, "en", find_latest_model=lambda: latest["path"]), base_url=LOCAL) as c:
        assert c.get("/api/digits/model").json()["available"] is False
        latest["path"] = _model(tmp_path / "mnist-new.npz")
        assert c.get("/api/digits/model").json()["available"] is True
        assert c.post("/api/digits/predict", json={"pixels": _one()}).status_code == 200


def test_an_unusable_latest_model_is_explained(tmp_path):
    wrong = _model(tmp_path / "mnist-toy.npz", sizes=(2, 4, 2), shape=(2,))
    with TestClient(create_app(None, "en", find_latest_model=lambda: wrong), base_url=LOCAL) as c:
        info = c.get("/api/digits/model").json()
        assert not info["available"] and "not 28x28 images" in info["problem"]
        assert c.post("/api/digits/predict", json={"pixels": _one()}).status_code == 409


def test_a_bad_model_option_fails_at_start(tmp_path):
    with pytest.raises(ModelFileError, match="does not exist"):
        create_app(tmp_path / "none.npz")
    with pytest.raises(ConfigError, match="not 28x28 images"):
        create_app(_model(tmp_path / "toy.npz", sizes=(2, 3, 2), shape=(2,)))
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ModelFileError, match="not an nnscratch model"):
        create_app(broken)


# ---- bad requests: 4xx with a message, and the server goes on -----------------------------------

PG = "/api/playground/new"
BAD = [
    # (url, body (dict, or bytes sent as JSON), status, words the message must contain)
    ("/api/gd", b"{", 400, "not valid JSON"),
    ("/api/gd", b"[1, 2]", 400, "must be a JSON object"),
    ("/api/gd", b'{"lr": NaN}', 400, "NaN is not a valid JSON number"),
    ("/api/gd", b'{"lr": Infinity}', 400, "Infinity"),
    ("/api/gd", b"\xff\xfe", 400, "not valid JSON"),
    ("/api/gd", {"lrr": 1}, 400, "unknown field 'lrr'"),
    ("/api/gd", {"lr": "fast"}, 400, "lr must be a number, got 'fast'"),
    ("/api/gd", {"lr": 0}, 400, "lr must be in (0, 1000], got 0"),
    ("/api/gd", {"lr": -1}, 400, "lr must be in (0, 1000]"),
    ("/api/gd", {"steps": 2.5}, 400, "steps must be a whole number"),
    ("/api/gd", {"steps": True}, 400, "steps must be a whole number, got True"),
    ("/api/gd", {"steps": 100_000}, 400, "steps must be in [1, 300]"),
    ("/api/gd", {"start": [1e9, 0]}, 400, "start[0] must be in [-50, 50]"),
    ("/api/gd", {"start": [1]}, 400, "start must hold 2 numbers, got 1"),
    ("/api/gd", {"start": "origin"}, 400, "start must be a list of numbers"),
    ("/api/mle", {"n": 10, "k": 11}, 400, "k = 11 exceeds the number of draws n = 10"),
    ("/api/mle", {"n": 0}, 400, "n must be in [1, 100000]"),
    ("/api/mle", {"p": 1.5}, 400, "p must be in [0, 1]"),
    ("/api/backprop", {"x": [1, 2]}, 400, "x must hold 3 numbers, got 2"),
    ("/api/backprop", {"y": [1, "a"]}, 400, "y[1] must be a number, got 'a'"),
    ("/api/backprop", {"activation": "softmax"}, 400, "unknown activation 'softmax'"),
    ("/api/backprop", {"steps": 10**6}, 400, "steps must be in [0, 2000]"),
    ("/api/perceptron", {"points": [[0, 0, 0]]}, 400, "points[0][2] is the class and must be 1 or -1, got 0"),
    ("/api/perceptron", {"points": [[0, 0]]}, 400, "must hold 3 numbers"),
    ("/api/perceptron", {"points": []}, 400, "at least one point"),
    ("/api/perceptron", {"points": [[i, 0, 1] for i in range(41)]}, 400, "at most 40 items, got 41"),
    ("/api/perceptron", {"picks": [None, "M1"]}, 400, "M1 is not misclassified at iteration 2"),
    ("/api/perceptron", {"picks": ["M9"]}, 400, "no point named 'M9'"),
    ("/api/perceptron", {"picks": [3]}, 400, "picks[0] must be a point's name"),
    ("/api/perceptron", {"run": "forever"}, 400, "unknown run 'forever'"),
    ("/api/digits/predict", {"pixels": [0.5] * 783}, 400, "pixels must hold 784 numbers, got 783"),
    ("/api/digits/predict", {"pixels": [1.5] + [0] * 783}, 400, "pixels[0] must be in [0, 1], got 1.5"),
    ("/api/digits/predict", {"pixels": [0] * 784}, 400, "the image is blank"),
    ("/api/digits/predict", {}, 400, "field 'pixels' is required"),
    (PG, {"session": "x"}, 400, "session must be 8 to 64 letters"),
    (PG, {"session": SESSION, "config": {"dataset": "mnist"}}, 400,
     "unknown config.dataset 'mnist': choose one of xor"),
    (PG, {"session": SESSION, "config": {"activation": "softmax"}}, 400, "unknown config.activation 'softmax'"),
    (PG, {"session": SESSION, "config": {"hidden": [4] * 7}}, 400, "config.hidden must hold 0 to 6 numbers, got 7"),
    (PG, {"session": SESSION, "config": {"hidden": [9]}}, 400, "config.hidden[0] must be in [1, 8], got 9"),
    (PG, {"session": SESSION, "config": {"points": 5000}}, 400, "config.points must be in [10, 1000], got 5000"),
    (PG, {"session": SESSION, "config": {"lr": 1e9}}, 400, "config.lr must be in (0, 10]"),
    (PG, {"session": SESSION, "config": []}, 400, "config must be a JSON object"),
    ("/api/playground/step", {"session": "unknown-session"}, 404, "no playground job for session"),
    ("/api/playground/step", {"session": SESSION, "epochs": 0}, 400, "epochs must be in [1, 100]"),
    ("/api/playground/pause", {}, 400, "field 'session' is required"),
]


@pytest.mark.parametrize("url, body, status, words", BAD, ids=[f"{u} {str(b)[:30]}" for u, b, _, _ in BAD])
def test_bad_requests_get_a_4xx_with_a_message(client, url, body, status, words):
    if isinstance(body, bytes):
        answer = client.post(url, content=body, headers={"content-type": "application/json"})
    else:
        answer = client.post(url, json=body)
    assert answer.status_code == status, answer.text
    assert words in answer.json()["error"]
    assert client.get("/api/config").status_code == 200  # and the server goes on


def test_wrong_media_type_oversized_bodies_and_wrong_methods(client):
    plain = client.post("/api/mle", content=b'{"n": 3}', headers={"content-type": "text/plain"})
    assert plain.status_code == 415 and "application/json" in plain.json()["error"]
    big = b'{"pixels": [' + b"0," * MAX_BODY_BYTES + b"0]}"
    declared = client.post("/api/digits/predict", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413 and "larger than" in declared.json()["error"]

    def chunks():  # no content-length: the limit must hold while reading
        for _ in range(40):
            yield b" " * 4096

    streamed = client.post("/api/mle", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    lying = client.post("/api/mle", content=b"{}",
                        headers={"content-type": "application/json", "content-length": "abc"})
    assert lying.status_code == 400 and "content-length" in lying.json()["error"]
    assert client.get("/api/gd").status_code == 405 and "GET is not allowed" in client.get("/api/gd").json()["error"]
    assert client.get("/api/nothing").json() == {"error": "no such page or endpoint: /api/nothing",
                                                 "key": "web.err.not_found", "param": None}
    stream = client.get("/api/playground/stream")
    assert stream.status_code == 400 and "session" in stream.json()["error"]
    assert client.get("/api/playground/stream?session=never-created").status_code == 404
    assert client.get("/api/config").status_code == 200


def test_an_unexpected_error_is_a_json_500_and_the_server_goes_on(model_path, monkeypatch):
    from nnscratch.web import chapters

    def broken(body):
        raise RuntimeError("boom")

    monkeypatch.setattr(chapters, "likelihood", broken)
    with TestClient(create_app(model_path), raise_server_exceptions=False, base_url=LOCAL) as c:
        answer = c.post("/api/mle", json={})
        assert answer.status_code == 500 and "RuntimeError" in answer.json()["error"]
        assert c.get("/api/config").status_code == 200


# ---- the command ------------------------------------------------------------------------------------


def test_serve_command_help_and_user_errors(tmp_path, monkeypatch, capsys):
    from nnscratch.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with pytest.raises(SystemExit) as done:
        main(["--lang", "zh", "serve", "--help"])
    assert done.value.code == 0 and "网页实验室" in capsys.readouterr().out
    assert main(["serve", "--model", str(tmp_path / "none.npz")]) == 1
    assert "does not exist" in capsys.readouterr().err
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        assert main(["serve", "--port", str(taken.getsockname()[1])]) == 1
        assert "already in use" in capsys.readouterr().err
    finally:
        taken.close()


def test_bind_and_address():
    from nnscratch.cli.web import bind, url_of

    sock = bind("127.0.0.1", 0)
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url_of(sock))
    finally:
        sock.close()
    with pytest.raises(ConfigError, match="at most 65535"):
        bind("127.0.0.1", 70000)
