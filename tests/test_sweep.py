"""Sweeps: grids of trainings on a local process pool or a real Dask cluster on 127.0.0.1."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from nnscratch import sweep
from nnscratch.errors import ConfigError
from nnscratch.recipes import RunConfig

RESULT_KEYS = ("status", "test_accuracy", "test_loss", "train_loss", "epochs", "parameters", "curve")


def toy_grid(epochs=30, seeds=(0, 1)):
    """Small 2-D nets that train in a fraction of a second each."""
    return sweep.grid({"layers": [[2, 8, 2], [2, 4, 4, 2]], "seed": list(seeds)}, preset="toy", dataset="circles",
                      fixed={"epochs": epochs})


def results(records):
    return [{k: r[k] for k in RESULT_KEYS} | {"id": r["id"]} for r in records]


def wait_for(condition, what, timeout=120):
    """Wait for a state (never for a fixed time): poll until ``condition()`` holds or a generous bound passes."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


# ---------------------------------------------------------------------------------------------- points


def test_grid_is_every_combination_in_order_with_stable_ids():
    points = sweep.grid({"lr": [0.1, 0.5], "layers": [[2, 4, 2], [2, 8, 2]]}, preset="xor", dataset="xor",
                        fixed={"epochs": 5})
    assert [(p.train.lr, p.layers) for p in points] == [
        (0.1, [2, 4, 2]), (0.1, [2, 8, 2]), (0.5, [2, 4, 2]), (0.5, [2, 8, 2])]
    assert all(p.train.epochs == 5 for p in points)
    again = sweep.grid({"lr": [0.1, 0.5], "layers": [[2, 4, 2], [2, 8, 2]]}, preset="xor", dataset="xor",
                       fixed={"epochs": 5})
    assert [sweep.point_id(p) for p in points] == [sweep.point_id(p) for p in again]
    assert len({sweep.point_id(p) for p in points}) == 4


def test_bad_grids_are_refused_naming_the_problem():
    with pytest.raises(ConfigError) as info:
        sweep.grid({"lr": []})
    assert info.value.key == "sweep.err.empty_axis" and "lr" in str(info.value)
    point = RunConfig.from_preset("xor", "xor")
    with pytest.raises(ConfigError, match="same run"):
        sweep.run([point, point])
    with pytest.raises(ConfigError, match="no points"):
        sweep.run([])
    with pytest.raises(ConfigError, match="workers"):
        sweep.LocalPool(workers=0)
    with pytest.raises(ConfigError, match="unknown result"):
        sweep.sort_records([], "speed")


@pytest.mark.parametrize("n_in,n_out,budget", [(784, 10, 25_000), (784, 10, 100_000), (1, 1, 200), (1, 1, 800)])
@pytest.mark.parametrize("depth", [1, 2, 3])
def test_matched_widths_hit_the_parameter_budget(n_in, n_out, budget, depth):
    hidden = sweep.matched_widths(n_in, n_out, budget, depth)
    assert len(hidden) == depth
    count = sweep._parameters([n_in, *hidden, n_out])
    assert abs(count - budget) / budget < 0.08


def test_homework_iv_compares_depths_at_matched_budgets():
    points = sweep.homework_iv_points()
    mnist = [p for p in points if p.dataset == "mnist"]
    function = [p for p in points if p.dataset == sweep.FUNCTION_TASK]
    assert {len(p.layers) - 2 for p in mnist} == {len(p.layers) - 2 for p in function} == {1, 2, 3}
    assert function[0].output == "identity" and function[0].loss == "quadratic"


def test_learning_rate_preset_spans_too_small_to_divergent():
    rates = [p.train.lr for p in sweep.learning_rate_points()]
    assert rates == sorted(rates) and rates[-1] / rates[0] >= 1e4
    assert all(p.layers == [784, 30, 10] and p.loss == "quadratic" for p in sweep.learning_rate_points())


# ---------------------------------------------------------------------------------------------- running


def test_a_failing_point_is_recorded_and_the_sweep_goes_on():
    good = RunConfig.from_preset("xor", "xor", epochs=50)
    bad = RunConfig.from_preset("xor", "xor", layers=[3, 4, 2], epochs=50)  # 3 inputs for 2-D points
    result = sweep.run([good, bad], backend=sweep.LocalPool(workers=1))
    assert [r["status"] for r in result.records] == ["ok", "error"]
    error = result.records[1]["error"]
    assert error["key"] and error["param"] == "sizes" or error["message"]
    assert result.failed() == [result.records[1]]


def test_the_function_task_fits_a_curve():
    cfg = sweep.homework_iv_points(function_epochs=200)[-1]
    record = sweep.run_point(cfg)
    assert record["status"] == "ok" and record["test_accuracy"] is None
    assert record["test_loss"] < 0.05  # a 1-19-19-19-1 tanh net follows the curve closely
    assert len(record["prediction"]["x"]) == len(record["prediction"]["y"])


def test_the_pool_gives_the_records_of_one_process_point_for_point():
    points = toy_grid()
    serial = [sweep.run_point(p, threads=1) for p in points]
    pooled = sweep.run(points, backend=sweep.LocalPool(workers=2, threads=1))
    assert results(pooled.records) == results(serial)
    assert len({r["pid"] for r in pooled.records}) >= 1


def test_a_folder_keeps_finished_points_and_resume_skips_them(tmp_path):
    points = toy_grid()
    first = sweep.run(points, backend=sweep.LocalPool(workers=1), out=tmp_path, keep_models=True)
    files = sorted((tmp_path / "points").glob("*.json"))
    assert len(files) == 4 and len(list((tmp_path / "models").glob("*.npz"))) == 4
    files[0].unlink()
    files[1].write_text("{ half a rec")  # a point cut off mid-write runs again
    again = sweep.run(sweep.read_points(tmp_path), backend=sweep.LocalPool(workers=1), out=tmp_path)
    assert again.skipped == 2
    assert results(again.records) == results(first.records)


def test_resume_needs_a_sweep_folder(tmp_path):
    with pytest.raises(ConfigError, match="no sweep"):
        sweep.read_points(tmp_path)
    (tmp_path / "sweep.json").write_text("[1, 2")
    with pytest.raises(ConfigError, match="not a sweep file"):
        sweep.read_points(tmp_path)


def test_sorting_puts_the_best_first_and_failures_last():
    records = [{"status": "ok", "test_accuracy": 0.9, "seconds": 3}, {"status": "error", "test_accuracy": None},
               {"status": "ok", "test_accuracy": 0.95, "seconds": 5}]
    assert [r.get("test_accuracy") for r in sweep.sort_records(records)] == [0.95, 0.9, None]
    assert [r.get("seconds") for r in sweep.sort_records(records, "seconds")] == [3, 5, None]


# ---------------------------------------------------------------------------------------------- the command


def nnscratch(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "nnscratch", *args], capture_output=True, text=True, timeout=600,
                          **kwargs)


def test_cli_sweep_prints_a_sorted_table_json_and_csv(tmp_path):
    out = nnscratch("sweep", "--grid", "layers=2,8,2:2,4,4,2", "--grid", "lr=0.02,0.05", "--set", "dataset=circles",
                    "--set", "epochs=20", "--workers", "2", "--json", "--csv", str(tmp_path / "s.csv"))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["grid"] == {"layers": ["2,8,2", "2,4,4,2"], "lr": ["0.02", "0.05"]}
    accs = [r["test_accuracy"] for r in doc["records"]]
    assert len(accs) == 4 and accs == sorted(accs, reverse=True)
    assert (tmp_path / "s.csv").read_text().splitlines()[0].count(",") > 5
    text = nnscratch("sweep", "--grid", "seed=0,1", "--set", "dataset=xor", "--set", "epochs=100", "--lang", "zh")
    assert text.returncode == 0, text.stderr
    assert "名次" in text.stdout and "个点" in text.stdout


@pytest.mark.parametrize("args,expect", [
    (["--grid", "lr"], "NAME=VALUES"),
    (["--grid", "lr=0,1"], "lr="),
    (["--grid", "speed=1,2"], "not a train flag"),
    (["--grid", "layers=2,0,2", "--set", "dataset=xor"], "layers="),
    (["--resume", "."], "no sweep"),
])
def test_cli_sweep_bad_input_is_one_line(args, expect, tmp_path):
    out = nnscratch("sweep", *args, cwd=tmp_path)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr and expect in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_cli_sweep_bad_input_in_chinese(tmp_path):
    out = nnscratch("sweep", "--grid", "speed=1,2", "--lang", "zh")
    assert out.returncode != 0 and "不是扫描可以改变的" in out.stderr


@pytest.mark.slow  # two whole sweeps in child processes
def test_ctrl_c_keeps_finished_points_and_resume_finishes_the_rest(tmp_path):
    folder = tmp_path / "sweep"
    args = ["sweep", "--grid", "seed=0,1,2,3,4,5,6,7", "--set", "dataset=spiral", "--set", "epochs=400",
            "--workers", "1", "--out", str(folder)]
    proc = subprocess.Popen([sys.executable, "-m", "nnscratch", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wait_for(lambda: len(list((folder / "points").glob("*.json"))) >= 1 or proc.poll() is not None,
             "the first finished point")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    finished = len(list((folder / "points").glob("*.json")))
    if finished == 8:
        pytest.skip("the sweep finished before Ctrl-C arrived")
    assert proc.returncode == 130, err
    assert "--resume" in err and "Traceback" not in err
    out = nnscratch("sweep", "--resume", str(folder), "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["skipped"] == finished and len(doc["records"]) == 8


# ---------------------------------------------------------------------------------------------- Dask


@pytest.fixture
def dask_cluster():
    """A real scheduler and two single-threaded worker processes on 127.0.0.1, stopped after the test."""
    pytest.importorskip("distributed")
    with sweep.local_dask_cluster(2) as cluster:
        yield cluster.address, cluster.workers


@pytest.mark.slow  # a scheduler and two workers start: several seconds
def test_dask_gives_the_same_records_as_the_local_pool(dask_cluster):
    address, _ = dask_cluster
    points = toy_grid()
    local = sweep.run(points, backend=sweep.LocalPool(workers=2, threads=1))
    remote = sweep.run(points, backend=sweep.DaskCluster(address, threads=1))
    assert results(remote.records) == results(local.records)
    assert len({r["pid"] for r in remote.records}) == 2  # both workers took points


@pytest.mark.slow
def test_a_worker_killed_mid_sweep_loses_no_point(dask_cluster, tmp_path):
    address, workers = dask_cluster
    points = toy_grid(epochs=300, seeds=range(6))
    seen = []

    def on_record(record):
        seen.append(record)
        if len(seen) == 1:  # one point done, the others queued or running: lose a worker now
            workers[0].kill()

    result = sweep.run(points, backend=sweep.DaskCluster(address, threads=1), on_record=on_record)
    assert len(result.records) == 12 and all(r["status"] == "ok" for r in result.records)
    serial = [sweep.run_point(p, threads=1) for p in points[:2]]
    assert results(result.records[:2]) == results(serial)


def test_an_unreachable_cluster_is_one_clear_error():
    pytest.importorskip("distributed")
    backend = sweep.DaskCluster("tcp://127.0.0.1:9", threads=1, timeout=2)
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        sweep.run([RunConfig.from_preset("xor", "xor")], backend=backend)


@pytest.mark.slow
def test_cli_homework_iv_preset_on_mnist_fits_the_table_and_figure(tmp_path):
    out = nnscratch("sweep", "--preset", "homework-iv", "--json", "--plot", str(tmp_path / "hw4.png"))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    mnist = [r for r in doc["records"] if r["config"]["dataset"] == "mnist"]
    assert all(r["status"] == "ok" and r["test_accuracy"] > 0.9 for r in mnist)
    assert (tmp_path / "hw4.png").stat().st_size > 10_000


def test_a_local_cluster_needs_a_positive_number_of_workers():
    pytest.importorskip("distributed")
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ConfigError, match="number of workers"):
            with sweep.local_dask_cluster(bad):
                pass  # never reached: nothing is started
