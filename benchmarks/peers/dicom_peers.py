#!/usr/bin/python3
"""The peers of DicomBenchmark: the same DICOM files read by pydicom (+numpy, +GDCM for compressed data), GDCM's
own Python binding, and DCMTK's command-line decoders, timed on this machine.

    /usr/bin/python3 benchmarks/peers/dicom_peers.py make DIR     # writes the benchmark files (once)
    /usr/bin/python3 benchmarks/peers/dicom_peers.py run DIR      # times the peers, prints one line per figure

`make` writes a 512x512 16-bit signed CT-like frame as native Explicit VR Little Endian (pydicom), transcodes it
with DCMTK (JPEG lossless SV1, JPEG-LS lossless, RLE) and GDCM (JPEG 2000 lossless), and 400 copies of a 512x512
CT with distinct UIDs for the metadata scan. Needs Debian's python3-pydicom, python3-gdcm, python3-numpy, dcmtk and
libgdcm-tools (benchmarks/run-peers installs them).

DCMTK is timed through its command-line tools (dcmdjpeg, dcmdjpls, dcmdrle, dcmconv, dcmdump), one process per
file, minus the time the same tool takes on a file with no pixel data: a start-up-corrected estimate, labelled as
such in the output; and, when Debian's libdcmtk-dev and g++ are installed, in-process by dcmtk_peer.cpp (built
here into a temporary folder), which does what the JMH benchmarks do without any process start-up. pydicom and
GDCM are timed in-process.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pydicom
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

SIZE = 512
SCAN_FILES = 400


def ct_frame(seed=42):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:SIZE, 0:SIZE]
    r = np.hypot(x - SIZE / 2, (y - SIZE / 2) * 1.3)
    img = np.where(r < 230, 40, -1000).astype(np.float64)
    img = np.where((r < 200) & (np.abs(x - SIZE / 2) > 40), -850 + 30 * np.sin(x / 9.0) * np.cos(y / 7.0), img)
    img = np.where(np.hypot(x - SIZE / 2, y - SIZE * 0.7) < 25, 700, img)
    img += rng.normal(0, 12, size=img.shape)
    return np.clip(img, -1024, 3071).astype(np.int16)


def write_native(path, pixels, uid_seed):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[uid_seed, "sop"])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid(entropy_srcs=["medimg4j-bench-study"])
    ds.SeriesInstanceUID = generate_uid(entropy_srcs=["medimg4j-bench-series"])
    ds.Modality = "CT"
    ds.PatientName = "Bench^Phantom"
    ds.PatientID = "BENCH"
    ds.InstanceNumber = 1
    ds.ImagePositionPatient = [-250.0, -250.0, float(hash(uid_seed) % 1000) / 10]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [0.9765625, 0.9765625]
    ds.SliceThickness = 1.0
    ds.RescaleIntercept = 0
    ds.RescaleSlope = 1
    ds.Rows = SIZE
    ds.Columns = SIZE
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1
    ds.PixelData = pixels.tobytes()
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(path, write_like_original=False)


def make(out):
    os.makedirs(out, exist_ok=True)
    pixels = ct_frame()
    native = os.path.join(out, "ct512_native.dcm")
    write_native(native, pixels, "native")
    run(["dcmcjpeg", "+e1", native, os.path.join(out, "ct512_jpeg_lossless_sv1.dcm")])
    run(["dcmcjpls", native, os.path.join(out, "ct512_jpegls_lossless.dcm")])
    run(["dcmcrle", native, os.path.join(out, "ct512_rle.dcm")])
    run(["gdcmconv", "--j2k", native, os.path.join(out, "ct512_j2k_lossless.dcm")])
    scan = os.path.join(out, "scan")
    os.makedirs(scan, exist_ok=True)
    for i in range(SCAN_FILES):
        write_native(os.path.join(scan, "ct_%04d.dcm" % i), pixels, "scan%d" % i)
    print("wrote benchmark files to", out)


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def best_of(fn, repeat=7, number=5):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times), statistics.median(times)


def cli_time(cmd_for, path, empty, repeat=9):
    """Per-file time of a CLI decoder minus its time on a file without pixel data (start-up, parsing, I/O)."""
    tmp = "/tmp/medimg4j-peer-out.dcm"
    full = [timed(cmd_for(path, tmp)) for _ in range(repeat)]
    base = [timed(cmd_for(empty, tmp)) for _ in range(repeat)]
    return max(min(full) - min(base), 0.0), min(full), min(base)


def timed(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def peers(data):
    import gdcm
    print(f"pydicom {pydicom.__version__}, numpy {np.__version__}, GDCM {gdcm.Version.GetVersion()}, "
          f"DCMTK {subprocess.run(['dcmdump', '--version'], capture_output=True, text=True).stdout.split()[2]}")
    mb = SIZE * SIZE * 2 / 1e6
    native = os.path.join(data, "ct512_native.dcm")
    scan = sorted(os.path.join(data, "scan", f) for f in os.listdir(os.path.join(data, "scan")))

    # metadata-only scan
    t0 = time.perf_counter()
    for f in scan:
        pydicom.dcmread(f, stop_before_pixels=True)
    t = time.perf_counter() - t0
    print(f"scan  pydicom stop_before_pixels: {len(scan) / t:.0f} files/s")
    t0 = time.perf_counter()
    subprocess.run(["dcmdump", "-q", "-M", "+P", "PatientName", *scan], check=True, stdout=subprocess.DEVNULL)
    t = time.perf_counter() - t0
    print(f"scan  dcmdump -M (one process, all files, long values not loaded): {len(scan) / t:.0f} files/s")

    # native decode
    def py_native():
        pydicom.dcmread(native).pixel_array
    best, med = best_of(py_native)
    print(f"native pydicom+numpy read+pixel_array: {best * 1e3:.2f} ms/frame ({mb / best:.0f} MB/s)")
    empty = os.path.join(data, "empty.dcm")
    if not os.path.exists(empty):
        ds = pydicom.dcmread(native)
        del ds.PixelData
        ds.save_as(empty)
    d, full, base = cli_time(lambda i, o: ["dcmconv", "+te", i, o], native, empty)
    print(f"native dcmconv (start-up corrected): {d * 1e3:.2f} ms/frame "
          f"(whole run {full * 1e3:.1f} ms, on a file without pixels {base * 1e3:.1f} ms)")

    for name, tool in [("jpeg_lossless_sv1", "dcmdjpeg"), ("jpegls_lossless", "dcmdjpls"), ("rle", "dcmdrle"),
                       ("j2k_lossless", None)]:
        path = os.path.join(data, f"ct512_{name}.dcm")

        def gd():
            r = gdcm.ImageReader()
            r.SetFileName(path)
            r.Read()
            r.GetImage().GetBuffer()
        best, _ = best_of(gd)
        print(f"{name} GDCM (python binding, read+decode): {best * 1e3:.2f} ms/frame")

        def pyd():
            pydicom.dcmread(path).pixel_array
        try:
            best, _ = best_of(pyd)
            print(f"{name} pydicom pixel_array (GDCM/pylibjpeg handler): {best * 1e3:.2f} ms/frame")
        except Exception as e:  # noqa: BLE001 - a peer that cannot decode is reported, not fatal
            print(f"{name} pydicom pixel_array: cannot decode ({type(e).__name__})")
        if tool:
            d, full, base = cli_time(lambda i, o: [tool, i, o], path, empty)
            print(f"{name} {tool} (start-up corrected): {d * 1e3:.2f} ms/frame "
                  f"(whole run {full * 1e3:.1f} ms, on a file without pixels {base * 1e3:.1f} ms)")


def dcmtk_in_process(data):
    """Builds dcmtk_peer.cpp against Debian's libdcmtk-dev and runs it; its lines go to stdout as they are."""
    if not (shutil.which("g++") and os.path.exists("/usr/include/dcmtk/dcmdata/dctk.h")):
        print("DCMTK in-process: skipped (needs g++ and libdcmtk-dev; benchmarks/run-peers installs them)")
        return
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dcmtk_peer.cpp")
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "dcmtk_peer")
        run(["g++", "-O2", "-o", exe, src, "-ldcmjpls", "-ldcmjpeg", "-ldcmdata", "-loflog", "-lofstd"])
        sys.stdout.flush()
        subprocess.run([exe, data], check=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("make", "run"):
        sys.exit(__doc__)
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        peers(sys.argv[2])
        dcmtk_in_process(sys.argv[2])
