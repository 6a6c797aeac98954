"""The web lab in a real headless browser: Debian's Chromium driven by Playwright for Python.

The server is started the way users start it, ``python -m nnscratch serve``
on a free port, with a small digit model trained here. Every section is
loaded in both languages; a digit is drawn with mouse moves; XOR is trained
to 100% in the playground and a network without a hidden layer is seen to
fail. Tests wait for states (a selector, an attribute, an HTTP answer), never for
a time: every bound below is generous and only ends a hung test.
With NNSCRATCH_SCREENSHOTS=1 the screenshots for the README are written
to docs/screenshots/. Without /usr/bin/chromium these tests are skipped,
unless NNSCRATCH_REQUIRE_BROWSER=1 (CI), where that is a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from nnscratch.i18n import t

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MNIST = Path(__file__).resolve().parents[1] / "src" / "nnscratch" / "data" / "mnist"  # the bundled copy
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SECTIONS = {  # section -> a selector that appears once the section has drawn its first answer
    "playground": "#pg-accuracy[data-epoch]",
    "gd": "#gd-results li[data-verdict]",
    "perceptron": "#pc-table[data-rows]",
    "mle": "#mle-estimate[data-estimate]",
    "backprop": "#bp-state[data-steps]",
    "digits": "#digits[data-model]",
}
WAIT_MS = 120_000  # the bound on any single wait: generous, for a loaded 2-core machine
TITLES = {"playground": "web.pg.title", "gd": "web.gd.title", "perceptron": "web.pc.title",
          "mle": "web.mle.title", "backprop": "web.bp.title", "digits": "web.dg.title"}


def _browser_or_skip():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("NNSCRATCH_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and NNSCRATCH_REQUIRE_BROWSER=1")
        pytest.skip(message)
    return pytest.importorskip("playwright.sync_api")


def _digit_model(folder: Path) -> Path:
    """784-32-10 trained for a second on 3000 MNIST images (88% on the test set): enough to read a clear 1."""
    from nnscratch.data.idx import read_idx
    from nnscratch.io.model import save_model
    from nnscratch.model import Model
    from nnscratch.network import Network
    from nnscratch.train import TrainConfig, fit

    x = read_idx(MNIST / "train-images-idx3-ubyte.gz")[:3000].reshape(-1, 784)
    y = read_idx(MNIST / "train-labels-idx1-ubyte.gz")[:3000].astype(np.int64)
    net = Network([784, 32, 10], "sigmoid", "softmax", init="xavier", rng=np.random.default_rng(0))
    fit(net, x, y, "cross_entropy", TrainConfig(epochs=8, batch_size=20, lr=0.5), x_scale=1 / 255)
    return save_model(Model(net, input_shape=(28, 28), input_scale=1 / 255, dataset="mnist"), folder / "digits.npz")


def _serve(tmp: Path, *extra):
    """`python -m nnscratch serve --port 0 ...` as a user runs it; returns (process, base URL)."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "nnscratch", "serve", "--port", "0", "--lang", "en", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    first = proc.stdout.readline()  # "nnscratch web lab: http://127.0.0.1:PORT/  (Ctrl-C to stop)"
    if "http://" not in first:
        proc.kill()
        raise AssertionError(f"the server did not print its address: {first!r} {proc.stdout.read()}")
    url = first.split("http://", 1)[1].split()[0].rstrip("/")
    assert url.startswith("127.0.0.1:"), f"serve must bind 127.0.0.1 by default, printed {first!r}"
    return proc, f"http://{url}"


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _browser_or_skip()
    tmp = tmp_path_factory.mktemp("web")
    proc, url = _serve(tmp, "--model", str(_digit_model(tmp)))
    yield url
    _stop(proc)


@pytest.fixture(scope="module")
def browser():
    sync_api = _browser_or_skip()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page (its own storage) that fails the test on script errors or requests leaving the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 960}, device_scale_factor=1)
    problems = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                  else (problems.append(f"external request {route.request.url}"), route.abort()))
    pg = context.new_page()
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    pg.set_default_timeout(WAIT_MS)
    pg.base = server
    pg.allow_4xx = False  # a test that provokes a refusal sets this: the browser logs every 4xx answer
    yield pg
    context.close()
    if pg.allow_4xx:
        problems = [p for p in problems if not re.search(r"responded with a status of 4\d\d", p)]
    assert not problems, problems


def _until(check, what, timeout=WAIT_MS / 1000):
    """Poll ``check`` from Python: the page's CSP forbids the eval behind Playwright's wait_for_function."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.05)


def _open(page, section, lang="en"):
    page.goto(f"{page.base}/?lang={lang}#{section}")
    page.wait_for_selector(f"#{section} {SECTIONS[section]}" if section != "digits" else SECTIONS[section],
                           state="attached")


def _screenshot(page, name):
    if os.environ.get("NNSCRATCH_SCREENSHOTS") != "1":
        return
    import io

    from PIL import Image

    page.wait_for_timeout(150)  # only for the picture: let the charts of the first answer finish drawing
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # 256 colours: text and flat charts stay crisp, the file shrinks about fourfold
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE)
    shot.save(path, optimize=True)
    assert path.stat().st_size < 300_000, f"{path} is {path.stat().st_size} bytes; keep screenshots under 300 KB"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_section_loads_in_both_languages(page, lang):
    for section, key in TITLES.items():
        _open(page, section, lang)
        assert page.inner_text(f"#{section} h2") == t(key, lang)
        assert page.get_attribute("html", "lang") == ("zh-CN" if lang == "zh" else "en")
        if section == "perceptron":
            page.click("#pc-run")  # the lecture's whole table
            page.wait_for_selector("#pc-table[data-rows='9']", state="attached")
        if section not in ("playground", "digits"):  # those are shot in use, below
            _screenshot(page, f"{section}-{lang}")


def test_playground_trains_xor_to_100_percent_and_stops_with_the_page(page, browser):
    _open(page, "playground")
    page.select_option("#pg-form [name=epochs_per_frame]", "5")
    page.wait_for_selector("#playground:not([data-busy='1'])", state="attached")
    page.click("#pg-train")
    page.wait_for_selector("#pg-accuracy[data-train='1'][data-test='1']", state="attached")
    page.click("#pg-train")  # pause
    # not running = the stream's "end" arrived: no frame can follow it
    page.wait_for_selector("#pg-train:not([data-running='1'])")
    epoch = int(page.get_attribute("#pg-accuracy", "data-epoch"))
    # the server agrees: a step is accepted only when no stream trains (409 otherwise), and it adds one epoch
    page.click("#pg-step")
    page.wait_for_selector(f"#pg-accuracy[data-epoch='{epoch + 1}']", state="attached")
    _screenshot(page, "playground-en")
    # closing the page while it trains stops the job: the server forgets it, a step is refused
    import httpx

    session = page.get_attribute("#playground", "data-session")
    page.click("#pg-train")
    page.wait_for_selector("#pg-train[data-running='1']")
    page.close(run_before_unload=True)
    answers = []

    def forgotten():
        answers.append(httpx.post(f"{page.base}/api/playground/step", json={"session": session}, timeout=60))
        return answers[-1].status_code == 404

    # the page's stop request and the end of its stream reach a loaded server in their own time
    _until(forgotten, "the server to forget the closed page's job")
    assert answers[-1].json()["key"] == "web.err.session_unknown"


def test_playground_without_hidden_layer_fails_on_xor(page):
    _open(page, "playground", "zh")
    page.click("#pg-remove-layer")
    page.wait_for_selector("#pg-layers .note")
    page.select_option("#pg-form [name=epochs_per_frame]", "20")
    page.wait_for_selector("#playground:not([data-busy='1'])", state="attached")
    page.click("#pg-train")
    _until(lambda: int(page.get_attribute("#pg-accuracy", "data-epoch")) >= 200, "200 epochs")
    page.click("#pg-train")
    page.wait_for_selector("#pg-train:not([data-running='1'])")
    train = float(page.get_attribute("#pg-accuracy", "data-train"))
    assert train < 0.8, f"a linear classifier cannot separate XOR, yet it reached {train:.0%}"
    _screenshot(page, "playground-zh")


def _draw(page, strokes):
    """Draw strokes (lists of (x, y) in [0, 1] of the pad) with real mouse moves."""
    box = page.locator("#dg-pad").bounding_box()
    for stroke in strokes:
        points = [(box["x"] + x * box["width"], box["y"] + y * box["height"]) for x, y in stroke]
        page.mouse.move(*points[0])
        page.mouse.down()
        for p in points[1:]:
            page.mouse.move(*p, steps=4)
        page.mouse.up()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_drawn_digit_is_read(page, lang):
    _open(page, "digits", lang)
    _draw(page, [[(0.5, 0.15), (0.5, 0.5), (0.5, 0.85)]])  # a one: one vertical stroke
    # settled: the answer to the finished stroke, not a live one from mid-stroke
    page.wait_for_selector("#dg-prediction[data-settled='1']", state="attached")
    assert page.get_attribute("#dg-prediction", "data-digit") == "1"
    ink = page.evaluate("""() => { const c = document.querySelector('#dg-seen').getContext('2d');
                                   return Array.from(c.getImageData(0, 0, 28, 28).data)
                                               .filter((v, i) => i % 4 === 0 && v > 128).length; }""")
    assert ink > 10, "the 28x28 image the network sees should show the stroke"
    bars = page.evaluate("document.querySelector('#dg-bars').width")
    assert bars > 0
    _screenshot(page, f"digits-{lang}")
    page.click("#dg-clear")
    page.wait_for_selector("#dg-prediction[data-digit='']", state="attached")
    # a zero: a closed oval, drawn as one stroke
    oval = [(0.5 + 0.22 * np.sin(a), 0.5 - 0.32 * np.cos(a)) for a in np.linspace(0, 2 * np.pi, 40)]
    _draw(page, [oval])
    page.wait_for_selector("#dg-prediction[data-settled='1']", state="attached")
    assert page.get_attribute("#dg-prediction", "data-digit") == "0"


def test_language_switch_changes_texts_and_is_remembered(page):
    _open(page, "perceptron")
    assert page.inner_text("#perceptron h2") == t("web.pc.title", "en")
    page.click(".langs button[data-lang=zh]")
    assert page.inner_text("#perceptron h2") == t("web.pc.title", "zh")
    assert page.inner_text(".tabs a[href='#digits']") == "手写数字识别"
    assert "lang=zh" in page.url
    page.goto(f"{page.base}/#mle")  # no ?lang: the choice is remembered
    page.wait_for_selector("#mle-estimate[data-estimate]", state="attached")
    assert page.inner_text("#mle h2") == t("web.mle.title", "zh")
    page.click(".langs button[data-lang=en]")
    assert page.inner_text("#mle h2") == t("web.mle.title", "en")


def test_perceptron_writes_the_lecture_table_and_homework_three(page):
    _open(page, "perceptron", "zh")
    for rows in range(2, 10):
        page.click("#pc-step")
        page.wait_for_selector(f"#pc-table[data-rows='{rows}']")
    cells = page.locator("#pc-table tbody tr").nth(8).locator("td").all_inner_texts()
    assert cells == ["8", "无", "(1, 1)", "-3", "x1 + x2 - 3"]  # the lecture's last row
    page.click("#pc-homework")
    page.wait_for_selector("#pc-table[data-rows='13']")
    assert page.locator("#pc-table tbody tr").nth(5).locator("td").all_inner_texts()[:2] == ["5", "M2"]


def test_gradient_descent_and_backprop_respond(page):
    _open(page, "gd")
    page.click("#gd-form button[data-lr='30']")
    page.wait_for_selector("#gd-results li[data-method=gd][data-verdict=diverges]")
    _open(page, "backprop")
    page.click("#bp-step")
    page.wait_for_selector("#bp-state[data-steps='1']")
    assert float(page.get_attribute("#bp-check", "data-max-error")) < 1e-6
    page.click("#bp-diagram .node[data-l='2'][data-i='0']")
    assert page.locator("#bp-diagram g.edge-label").count() == 3  # the three inputs of a hidden neuron


def test_digits_section_without_a_model_says_how_to_train_one(browser, tmp_path):
    proc, url = _serve(tmp_path)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        pg = context.new_page()
        pg.goto(f"{url}/#digits")
        pg.wait_for_selector("#digits[data-model=no]", state="attached")
        assert pg.is_visible("#dg-missing")
        assert pg.inner_text("#dg-command") == "nnscratch train"
        context.close()
    finally:
        _stop(proc)


def test_likelihood_inputs_keep_k_while_n_is_typed_and_refuse_a_bad_n(page):
    """Typing 200 into n passes through n = 2 and 20: k must not be clamped to 2 on the way."""
    _open(page, "mle")
    box = page.locator("#mle-form [name=n]")
    box.fill("")
    box.press_sequentially("200", delay=150)  # key by key, each an input event the page reacts to
    page.wait_for_selector("#mle-estimate[data-estimate='0.35']", state="attached")  # k = 70 of n = 200
    assert page.input_value("#mle-form [name=k]") == "70"
    for bad in ("0", "-3", "1e9", "2.5"):
        box.fill(bad)
        page.wait_for_selector("#mle-n-error.error", state="attached")
        assert "100000" in page.inner_text("#mle-n-error") and box.input_value() == bad  # what was typed stays
        assert page.get_attribute("#mle-form [name=n]", "aria-invalid") == "true"
        assert page.get_attribute("#mle-estimate", "data-estimate") == "0.35"  # the charts still show n = 200
    box.fill("10")
    page.wait_for_selector("#mle-estimate[data-estimate='1']", state="attached")  # k shown as min(70, 10) = 10
    assert page.inner_text("#mle-n-error") == ""


def test_try_alpha_sends_exactly_that_alpha(page):
    _open(page, "gd")
    with page.expect_request("**/api/gd") as request:
        page.click("#gd-form button[data-lr='30']")
    assert request.value.post_data_json["lr"] == 30  # not 32, the slider's nearest step
    page.wait_for_selector("#gd-results li[data-method=gd][data-verdict=diverges]")


def test_gradient_descent_results_are_the_catalogs_sentence(page):
    _open(page, "gd", "zh")
    text = page.inner_text("#gd-results li[data-method=gd]")
    assert text.startswith(t("web.gd.m.gd", "zh") + "：") and "，J/N = " in text


def test_a_long_perceptron_run_says_so_above_a_short_table(page):
    _open(page, "perceptron", "zh")
    page.click("#pc-clear")
    plane = page.locator("#pc-plane").bounding_box()
    # XOR by clicks: two positive, two negative corners (the plane snaps clicks to half units)
    for (fx, fy), cls in (((0.35, 0.35), "1"), ((0.65, 0.65), "1"), ((0.35, 0.65), "-1"), ((0.65, 0.35), "-1")):
        page.check(f"#pc-form [name=cls][value='{cls}']")
        page.mouse.click(plane["x"] + fx * plane["width"], plane["y"] + fy * plane["height"])
    page.click("#pc-run")
    page.wait_for_selector("#pc-status.error", state="attached")
    assert page.inner_text("#pc-status") == t("web.pc.limited", "zh").format(n=500)
    status, table = page.locator("#pc-status").bounding_box(), page.locator("#pc-table").bounding_box()
    assert status["y"] < table["y"], "the verdict sits above the table"
    assert page.locator("#pc-table tbody tr").count() <= 40 and page.locator("#pc-table tr.cut").count() == 1
    # iterations 20 to 490 are left out (the server already kept only the first and last 100 of 501 rows)
    assert page.inner_text("#pc-table tr.cut") == t("web.pc.table_cut", "zh").format(hidden=471, first=20, last=490)
    assert page.locator("#pc-table tbody tr").last.locator("td").first.inner_text() == "500"


def test_server_errors_come_in_the_pages_language(page):
    page.allow_4xx = True
    _open(page, "perceptron", "zh")
    page.fill("#pc-form [name=eta]", "1000")
    page.dispatch_event("#pc-form [name=eta]", "change")
    page.wait_for_selector("#pc-status.error", state="attached")
    message = page.inner_text("#pc-status")
    assert message.startswith("错误：") and "eta" in message and "范围" in message


def test_the_page_declares_chinese_fonts_for_every_system(page):
    _open(page, "gd", "zh")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    for name in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"):
        assert name in family, family
    assert page.inner_text(".tabs a[href='#playground']") == "交互训练场"


def test_an_evicted_playground_says_what_happened(page):
    """The server keeps 16 networks; the 17th page evicts the oldest, which must say so, not "no answer"."""
    import httpx

    _open(page, "playground", "zh")
    page.wait_for_selector("#playground:not([data-busy='1'])", state="attached")
    for i in range(17):
        answer = httpx.post(f"{page.base}/api/playground/new", timeout=60,
                            json={"session": f"other-page-{i:04d}", "config": {"points": 20}})
        assert answer.status_code == 200
    page.click("#pg-train")
    page.wait_for_selector("#pg-status.error", state="attached")
    message = page.inner_text("#pg-status")
    assert "腾出位置" in message and "重置" in message, message
    assert page.get_attribute("#pg-train", "data-running") == ""
    page.allow_4xx = True  # the step below is refused with 410: the browser logs it
    with page.expect_response("**/api/playground/step") as step:
        page.click("#pg-step")  # the step endpoint says the same, in the page's language
    assert step.value.status == 410 and "腾出位置" in step.value.json()["error"]
