#!/usr/bin/python3
"""The peer of TransformChainBenchmark: the same chain in numpy/scipy, timed the same way.

Resample a 512x512x128 float32 volume from (0.75, 0.75, 2.0) mm to 1 mm isotropic with
scipy.ndimage.zoom(order=1), clamp to a soft-tissue window (40/400 HU), then z-score normalise.
Run with Debian's interpreter (python3-scipy loads only there):  /usr/bin/python3 peers/transform_chain_scipy.py
Prints one line per measured iteration and a summary in voxels/s (input voxels per second, as the JMH side).
"""
import sys
import time

import numpy as np
import scipy
from scipy import ndimage

NZ, NY, NX = 128, 512, 512
SPACING = (2.0, 0.75, 0.75)      # z, y, x mm
TARGET = (1.0, 1.0, 1.0)
WARMUP, ITERATIONS = 1, 5


def make_volume(seed=42):
    rng = np.random.default_rng(seed)
    # CT-like values: mostly soft tissue and air with noise; content does not change the cost of zoom
    v = rng.normal(40.0, 200.0, size=(NZ, NY, NX)).astype(np.float32)
    return v


def chain(v):
    # keep the physical extent, as Resample.toSpacing does: new size = round(n * s / t)
    factors = [round(n * s / t) / n for n, s, t in zip(v.shape, SPACING, TARGET)]
    r = ndimage.zoom(v, factors, order=1, mode="nearest", grid_mode=True)
    np.clip(r, 40.0 - 200.0, 40.0 + 200.0, out=r)
    m = r.mean(dtype=np.float64)
    s = r.std(dtype=np.float64)
    r -= np.float32(m)
    r /= np.float32(s)
    return r


def main():
    v = make_volume()
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, python {sys.version.split()[0]}")
    out = None
    for _ in range(WARMUP):
        out = chain(v)
    times = []
    for i in range(ITERATIONS):
        t0 = time.perf_counter()
        out = chain(v)
        times.append(time.perf_counter() - t0)
        print(f"iteration {i + 1}: {times[-1]:.3f} s")
    best = min(times)
    mean = sum(times) / len(times)
    voxels = v.size
    print(f"output shape {out.shape}")
    print(f"scipy chain: mean {mean:.3f} s, best {best:.3f} s, {voxels / mean / 1e6:.1f} Mvoxel/s (input voxels)")


if __name__ == "__main__":
    main()
