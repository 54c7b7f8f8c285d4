#!/usr/bin/python3
"""The PyTorch peer of the models benchmarks: the reference networks timed on this machine's CPU.

    /usr/bin/python3 benchmarks/peers/torch_reference.py [--nets DIR] [--threads 2] [--json OUT.json]
                                                         [--cases unet2d_b1,...] [--min-time S] [--min-repeats N]

The networks are the specification in shared/reference-nets/torch_models.py (exact layer-for-layer twins of our
DL4J builders). DIR defaults to $MEDIMG4J_REFERENCE_NETS, else ../shared/reference-nets next to the repository.
Needs Debian's python3-torch (1.13) and python3-torchvision, which load only in /usr/bin/python3.

Settings, the same for every case: float32, NCHW/NCDHW (PyTorch's default layout), torch.set_num_threads(THREADS)
and one inter-op thread, model.eval() and torch.no_grad() for the forward passes. Each case runs 2 warm-up calls,
then at least --min-repeats timed calls and until --min-time seconds have passed; the median is reported. Inputs
are random normal, made once per case outside the timed region.

Cases (those the models issue names): forward of U-Net 2D at 256x256 batch 1 and 8, ResNet-18 at 224x224 batch 1
and 8, DenseNet-121 at 224x224 batch 1, U-Net 3D at 96^3 batch 1; one training step of U-Net 2D at 256x256 batch 4
(Adam lr 1e-3, cross-entropy over pixels, zero_grad + forward + backward + step, model.train()).

GFLOPs follow torch_models.count_flops: 2 x multiply-adds of conv, transposed conv and linear layers. A training
step is counted as 3 x the forward FLOPs of its batch (backward = gradients for inputs and for weights, each about
one forward), the usual convention. Achieved GFLOP/s = GFLOPs / median seconds.

The sgemm ceiling is the median rate of a 2048 x 2048 x 2048 float32 matmul (2 n^3 FLOPs) in torch with the same
threads, and in numpy (Debian's OpenBLAS, threads set by OPENBLAS_NUM_THREADS before numpy loads): the most a
convolution lowered to GEMM can reach here.
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    default_nets = os.environ.get("MEDIMG4J_REFERENCE_NETS",
                                  os.path.join(os.path.dirname(repo), "shared", "reference-nets"))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nets", default=default_nets, help="folder holding torch_models.py (default: %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads (default: %(default)s)")
    p.add_argument("--json", help="also write the figures to this JSON file")
    p.add_argument("--cases", help="comma-separated subset of case names (default: all)")
    p.add_argument("--min-time", type=float, default=3.0, help="timed seconds per case, at least (default: 3)")
    p.add_argument("--min-repeats", type=int, default=5, help="timed calls per case, at least (default: 5)")
    p.add_argument("--max-repeats", type=int, default=50, help="timed calls per case, at most (default: 50)")
    return p.parse_args()


ARGS = parse_args()
# BLAS and OpenMP read their thread counts when the libraries load: set them before numpy and torch are imported.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(ARGS.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

if not os.path.isfile(os.path.join(ARGS.nets, "torch_models.py")):
    sys.exit(f"torch_models.py not found in {ARGS.nets}: pass --nets DIR or set MEDIMG4J_REFERENCE_NETS")
sys.path.insert(0, ARGS.nets)
import torch_models  # noqa: E402

# name, model, input shape (N, C, spatial...), kind
CASES = [
    ("unet2d_256_b1", "unet2d", (1, 1, 256, 256), "forward"),
    ("unet2d_256_b8", "unet2d", (8, 1, 256, 256), "forward"),
    ("resnet18_224_b1", "resnet18", (1, 1, 224, 224), "forward"),
    ("resnet18_224_b8", "resnet18", (8, 1, 224, 224), "forward"),
    ("densenet121_224_b1", "densenet121", (1, 1, 224, 224), "forward"),
    ("unet3d_96_b1", "unet3d", (1, 1, 96, 96, 96), "forward"),
    ("unet2d_256_b4_train", "unet2d", (4, 1, 256, 256), "train"),
]


def timed(fn):
    """Median seconds of fn() after 2 warm-up calls; at least min-repeats calls and min-time seconds."""
    for _ in range(2):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < ARGS.max_repeats and (len(times) < ARGS.min_repeats
                                             or time.perf_counter() - start < ARGS.min_time):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def run_case(name, net, shape, kind):
    torch.manual_seed(0)
    model = torch_models.BUILDERS[net]()
    params = torch_models.param_count(model)
    expected = torch_models.EXPECTED_PARAMS[net]
    if params != expected:
        raise SystemExit(f"{net}: {params} parameters, the specification says {expected}")
    x = torch.randn(*shape)
    model.eval()
    flops, _ = torch_models.count_flops(model, x)
    if kind == "forward":
        def step():
            with torch.no_grad():
                model(x)
    else:
        flops *= 3
        model.train()
        target = torch.randint(0, 2, (shape[0],) + tuple(shape[2:]))
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

        def step():
            optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), target)
            loss.backward()
            optimizer.step()
    median, times = timed(step)
    gflops = flops / 1e9
    return {"case": name, "network": net, "kind": kind, "input": list(shape), "params": params,
            "dl4j_params": params + torch_models.bn_running_stats_count(model), "gflops": round(gflops, 3),
            "median_ms": round(median * 1e3, 2), "min_ms": round(min(times) * 1e3, 2), "repeats": len(times),
            "gflop_per_s": round(gflops / median, 1)}


def sgemm(n=2048):
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    t_torch, _ = timed(lambda: torch.mm(a, b))
    an = a.numpy()
    bn = b.numpy()
    t_numpy, _ = timed(lambda: an @ bn)
    flop = 2.0 * n ** 3
    return {"n": n, "torch_gflop_per_s": round(flop / t_torch / 1e9, 1),
            "numpy_gflop_per_s": round(flop / t_numpy / 1e9, 1)}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    torch.set_num_threads(ARGS.threads)
    torch.set_num_interop_threads(1)
    wanted = set(ARGS.cases.split(",")) if ARGS.cases else None
    machine = {"cpu": cpu_model(), "logical_cpus": os.cpu_count(), "python": platform.python_version(),
               "torch": torch.__version__, "numpy": np.__version__, "threads": torch.get_num_threads(),
               "mkldnn": torch.backends.mkldnn.is_available(),
               "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
               "load_average_before": os.getloadavg()[0]}
    # the load average says whether other processes shared the cores: figures taken above ~0.5 are not clean
    print(f"# PyTorch {machine['torch']} on {machine['cpu']} ({machine['logical_cpus']} logical CPUs), "
          f"{machine['threads']} threads, mkldnn {machine['mkldnn']}, {machine['date_utc']}, "
          f"load average {machine['load_average_before']:.2f}", flush=True)
    ceiling = sgemm()
    print(f"sgemm 2048^3 float32: torch {ceiling['torch_gflop_per_s']} GFLOP/s, "
          f"numpy {ceiling['numpy_gflop_per_s']} GFLOP/s", flush=True)
    print(f"{'case':<22}{'params':>12}{'GFLOPs':>10}{'median ms':>12}{'GFLOP/s':>10}{'n':>5}", flush=True)
    results = []
    for name, net, shape, kind in CASES:
        if wanted is not None and name not in wanted:
            continue
        r = run_case(name, net, shape, kind)
        results.append(r)
        print(f"{r['case']:<22}{r['params']:>12,}{r['gflops']:>10.2f}{r['median_ms']:>12.1f}"
              f"{r['gflop_per_s']:>10.1f}{r['repeats']:>5}", flush=True)
    machine["load_average_after"] = os.getloadavg()[0]
    print(f"# load average after: {machine['load_average_after']:.2f}", flush=True)
    if ARGS.json:
        with open(ARGS.json, "w") as f:
            json.dump({"machine": machine, "sgemm": ceiling, "cases": results}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
