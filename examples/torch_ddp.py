"""Continue training an nnscratch model with PyTorch DistributedDataParallel (DDP).

Here, on one machine, two CPU processes talk over the gloo backend on 127.0.0.1
(this is what the test suite runs):

    python examples/torch_ddp.py --model model.npz --nproc 2 --epochs 2 --out model-ddp.npz

Every process holds a replica of the same nn.Sequential (exported from nnscratch), reads
its own shard of the training images (DistributedSampler), and in backward() DDP averages
the gradients of all processes (an all-reduce), so every replica takes the same step and
the replicas stay identical -- the script checks this. Rank 0 then brings the result back
to nnscratch (import_torch_state_dict) and saves it.

Scaling up is PyTorch's own machinery; the script needs no change:

* several GPUs on one machine -- torchrun starts one process per GPU and sets RANK,
  WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT, which the script reads instead of
  spawning; use NCCL, the GPU backend (each process then uses the GPU cuda:LOCAL_RANK):

      torchrun --nproc_per_node=4 examples/torch_ddp.py --model model.npz --backend nccl

* several machines -- run the same command on each node with its own --node_rank; node 0's
  address is the rendezvous point (open its port in the firewall):

      torchrun --nnodes=2 --node_rank=0 --nproc_per_node=8 --master_addr=10.0.0.1 \\
          --master_port=29500 examples/torch_ddp.py --model model.npz --backend nccl

--batch-size is per process, so the global batch is batch_size x world_size; with more
processes raise --lr accordingly (the linear scaling rule) or keep the global batch fixed.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

# The single-process example's pieces: data, starting model, loss setup, epoch loop, round trip.
from torch_continue_training import (
    accuracy,
    bring_back,
    load_mnist,
    make_parser,
    starting_model,
    train_epoch,
    training_setup,
)

from nnscratch.export.torch import to_torch
from nnscratch.io.model import save_model


def parse_args(argv=None):
    p = make_parser(__doc__)
    p.add_argument("--nproc", type=int, default=2, help="processes to spawn when not started by torchrun (default 2)")
    p.add_argument("--backend", choices=("gloo", "nccl"), default="gloo",
                   help="gloo for CPUs (default), nccl for GPUs")
    p.add_argument("--port", type=int, default=0,
                   help="rendezvous port on 127.0.0.1 when spawning (default: a free one)")
    return p.parse_args(argv)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker(rank: int, world_size: int, args, model, result_path: str | None) -> dict | None:
    """One DDP process: train its replica on its shard; rank 0 evaluates, imports back, saves and reports."""
    torch.set_num_threads(1)  # one core per process: processes, not threads, are the parallelism here
    if "RANK" in os.environ:  # started by torchrun: rendezvous from its environment variables
        dist.init_process_group(args.backend)
    else:
        dist.init_process_group(args.backend, init_method=f"tcp://127.0.0.1:{args.port}",
                                rank=rank, world_size=world_size)
    local_rank = int(os.environ.get("LOCAL_RANK", rank))
    device = torch.device("cuda", local_rank) if args.backend == "nccl" else torch.device("cpu")
    if device.type == "cuda":
        torch.cuda.set_device(device)
    torch.manual_seed(args.seed)

    x_train, y_train, x_test, y_test = load_mnist(args.data_dir, args.train_subset, args.test_subset)
    x_train, x_test = x_train * model.input_scale, x_test * model.input_scale
    sequential = to_torch(model).float().to(device)  # the exported nnscratch network, same weights in every process
    before = accuracy(sequential, x_test.to(device), y_test.to(device))
    module, loss_fn, make_targets = training_setup(model, sequential)
    ddp = DistributedDataParallel(module, device_ids=[local_rank] if device.type == "cuda" else None)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=args.lr)
    sampler = DistributedSampler(TensorDataset(x_train, y_train), num_replicas=world_size, rank=rank,
                                 shuffle=True, seed=args.seed)
    loader = DataLoader(TensorDataset(x_train, y_train), batch_size=args.batch_size, sampler=sampler)

    def batches():
        for xb, yb in loader:
            yield xb.to(device), yb.to(device)

    started = time.perf_counter()
    losses = []
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)  # a new shuffle each epoch, the same one in every process
        losses.append(train_epoch(ddp, loss_fn, make_targets, optimizer, batches()))
    seconds = time.perf_counter() - started

    # Replicas must be identical after DDP's averaged steps: compare every rank's parameters with rank 0's.
    flat = torch.cat([p.detach().reshape(-1) for p in sequential.parameters()])
    reference = flat.clone()
    dist.broadcast(reference, src=0)
    same = torch.tensor([float(torch.equal(flat, reference))], device=device)
    dist.all_reduce(same, op=dist.ReduceOp.MIN)
    shard_sizes = [None] * world_size
    dist.all_gather_object(shard_sizes, len(sampler))

    result = None
    if rank == 0:
        after = accuracy(sequential, x_test.to(device), y_test.to(device))
        back, diff, agree = bring_back(model, sequential, x_test)
        if args.out:
            save_model(back, args.out)
        result = {"world_size": world_size, "backend": args.backend, "shard_sizes": shard_sizes,
                  "replicas_identical": bool(same.item()), "accuracy_before": before, "accuracy_after": after,
                  "epoch_losses_rank0": losses, "train_images": len(y_train), "test_images": len(y_test),
                  "seconds": seconds, "max_abs_diff_after_import": diff, "predictions_agree": agree, "out": args.out}
        if result_path:
            Path(result_path).write_text(json.dumps(result))
    dist.barrier()
    dist.destroy_process_group()
    return result


def report(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, indent=2))
        return
    r = result
    print(f"DDP, {r['world_size']} processes ({r['backend']}), shards {r['shard_sizes']} of {r['train_images']} "
          "images: "
          f"test accuracy {r['accuracy_before']:.4f} -> {r['accuracy_after']:.4f} in {r['seconds']:.1f} s; "
          f"replicas identical: {r['replicas_identical']}; back in nnscratch: max |difference| "
          f"{r['max_abs_diff_after_import']:.1e}, predictions agree {r['predictions_agree']:.0%}"
          + (f"; wrote {r['out']}" if r["out"] else ""))


def main(argv=None) -> dict | None:
    args = parse_args(argv)
    # Every process starts from the same model: the file, or the same seeded quick training.
    model = starting_model(args.model, args.data_dir, args.seed)
    if "RANK" in os.environ:  # torchrun started this process; it is one of WORLD_SIZE
        result = worker(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args, model, None)
    else:
        args.port = args.port or free_port()
        with tempfile.TemporaryDirectory() as tmp:
            result_path = os.path.join(tmp, "result.json")
            mp.spawn(worker, args=(args.nproc, args, model, result_path), nprocs=args.nproc, join=True)
            result = json.loads(Path(result_path).read_text())
    if result is not None:
        report(result, args.json)
        assert result["replicas_identical"], "DDP replicas diverged"
    return result


if __name__ == "__main__":
    main()
