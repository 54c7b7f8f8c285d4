#!/usr/bin/python3
"""The peer of SeriesLoadBenchmark: pydicom + numpy loading a CT series into an HU volume on this machine.

    /usr/bin/python3 benchmarks/peers/series_load_pydicom.py make DIR    # writes the series (once, ~150 MB)
    /usr/bin/python3 benchmarks/peers/series_load_pydicom.py run DIR     # times the load, prints one line per figure

`make` writes 300 single-frame 512x512 CT files (int16 stored values, Rescale Intercept -1024, slope 1, Explicit VR
Little Endian), positions 1.25 mm apart along z, with file names and Instance Numbers shuffled independently of
position, so that the loader must read every header and sort by position as a real one must.

`run` does the same work as SeriesLoader: list the folder, read every file (pydicom.dcmread), sort by the
projection of Image Position (Patient) on the slice normal from Image Orientation (Patient), stack the pixel arrays
and apply each slice's Rescale Slope / Intercept. Two variants: into an int16 volume (the slope and intercept are
integers, so HU are exact — what our loader returns here) and into float32 (what most scripts do). Each is run
`REPEATS` times after one warm-up; the median is reported, with slices/s and MB/s of pixel data.
"""
import os
import statistics
import sys
import time

import numpy as np
import pydicom
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

SIZE = 512
SLICES = 300
STEP_MM = 1.25
REPEATS = 5


def make(folder):
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:SIZE, 0:SIZE]
    r = np.hypot(x - SIZE / 2, (y - SIZE / 2) * 1.3)
    body = np.where(r < 230, 1064, 24).astype(np.float64)
    names = rng.permutation(SLICES)
    numbers = rng.permutation(SLICES) + 1
    study = generate_uid(entropy_srcs=["medimg4j-series-bench-study"])
    series = generate_uid(entropy_srcs=["medimg4j-series-bench-series"])
    frame = generate_uid(entropy_srcs=["medimg4j-series-bench-frame"])
    for k in range(SLICES):
        img = body + 150 * np.sin(x / 11.0 + k / 17.0) * (r < 200) + rng.normal(0, 12, size=body.shape)
        pixels = np.clip(img, 0, 4095).astype(np.int16)
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=["medimg4j-series-bench", str(k)])
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        path = os.path.join(folder, "IM%04d.dcm" % names[k])
        ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.SOPClassUID = meta.MediaStorageSOPClassUID
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series
        ds.FrameOfReferenceUID = frame
        ds.Modality = "CT"
        ds.PatientName = "Bench^Series"
        ds.PatientID = "BENCH"
        ds.SeriesNumber = 1
        ds.InstanceNumber = int(numbers[k])
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.ImagePositionPatient = [-250.0, -250.0, -200.0 + k * STEP_MM]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.PixelSpacing = [0.9765625, 0.9765625]
        ds.SliceThickness = STEP_MM
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows = SIZE
        ds.Columns = SIZE
        ds.BitsAllocated = 16
        ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 1
        ds.RescaleIntercept = -1024
        ds.RescaleSlope = 1
        ds.RescaleType = "HU"
        ds.PixelData = pixels.tobytes()
        ds.is_little_endian = True
        ds.is_implicit_VR = False
        ds.save_as(path, write_like_original=False)
    print("wrote %d files to %s" % (SLICES, folder))


def load(folder, dtype):
    files = [os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".dcm")]
    datasets = [pydicom.dcmread(f) for f in files]
    iop = np.array(datasets[0].ImageOrientationPatient, dtype=np.float64)
    normal = np.cross(iop[:3], iop[3:])
    datasets.sort(key=lambda ds: float(np.dot(normal, np.array(ds.ImagePositionPatient, dtype=np.float64))))
    first = datasets[0]
    vol = np.empty((len(datasets), first.Rows, first.Columns), dtype=dtype)
    for k, ds in enumerate(datasets):
        slope = float(ds.get("RescaleSlope", 1))
        intercept = float(ds.get("RescaleIntercept", 0))
        if dtype == np.int16:
            vol[k] = ds.pixel_array * int(slope) + int(intercept)
        else:
            vol[k] = ds.pixel_array * np.float32(slope) + np.float32(intercept)
    return vol


def run(folder):
    files = [f for f in os.listdir(folder) if f.endswith(".dcm")]
    if len(files) != SLICES:
        sys.exit("%s holds %d files, expected %d: run `make` first" % (folder, len(files), SLICES))
    mb = SLICES * SIZE * SIZE * 2 / 1e6
    for name, dtype in (("int16", np.int16), ("float32", np.float32)):
        vol = load(folder, dtype)  # warm-up (and the OS page cache)
        assert vol.shape == (SLICES, SIZE, SIZE)
        times = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            load(folder, dtype)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        print("pydicom+numpy series load (%s HU): median %.1f ms over %d runs = %.0f slices/s, %.0f MB/s"
              % (name, med * 1e3, REPEATS, SLICES / med, mb / med))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("make", "run"):
        sys.exit(__doc__)
    make(sys.argv[2]) if sys.argv[1] == "make" else run(sys.argv[2])
