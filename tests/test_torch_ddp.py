"""The PyTorch examples run as users run them: continue training, and DistributedDataParallel with 2 gloo processes."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="the torch extra is not installed: pip install 'nnscratch[torch]'")

from nnscratch.io.model import load_model

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run_example(name, *args, timeout=120):
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(EXAMPLES / name), *args, "--json"],
                          check=False, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout), time.perf_counter() - started


@pytest.mark.slow  # two processes start torch and train: about 6 s
def test_ddp_two_gloo_processes_improve_the_model(mnist_dir, tmp_path):
    out = tmp_path / "ddp.npz"
    result, seconds = run_example("torch_ddp.py", "--data-dir", str(mnist_dir), "--nproc", "2",
                                  "--train-subset", "6000", "--test-subset", "2000", "--epochs", "2",
                                  "--out", str(out))
    assert result["world_size"] == 2 and result["backend"] == "gloo"
    assert result["shard_sizes"] == [3000, 3000]  # each process saw its own half
    assert result["replicas_identical"]           # DDP's averaged gradients kept them in step
    assert result["accuracy_after"] > result["accuracy_before"] + 0.05, result
    assert result["max_abs_diff_after_import"] < 1e-5
    back = load_model(out)                        # the trained network, back in nnscratch
    assert back.network.sizes == [784, 30, 10] and back.network.hidden.name == "relu"
    assert seconds < 60


def test_continue_training_example(mnist_dir, tmp_path):
    out = tmp_path / "continued.npz"
    result, _ = run_example("torch_continue_training.py", "--data-dir", str(mnist_dir), "--train-subset", "3000",
                            "--test-subset", "2000", "--epochs", "1", "--out", str(out))
    assert result["accuracy_after"] > result["accuracy_before"] + 0.05, result
    assert result["max_abs_diff_after_import"] < 1e-5 and result["predictions_agree"] > 0.999
    assert result["state_dict_keys"] == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert load_model(out).classes == list("0123456789")
