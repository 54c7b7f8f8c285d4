#!/usr/bin/python3
"""Makes the JPEG lossless (process 14) fixtures of JpegLosslessFixturesTest with an encoder independent of ours.

Encoder: pvrg-jpeg (Debian package pvrg-jpeg, the Stanford Portable Video Research Group codec), which writes
point transforms, non-interleaved scans and any precision 2-16 -- features the DICOM corpus lacks. Only
predictors 1, 4 and 5 (and single-column images) are used: pvrg-jpeg departs from T.81 H.1.2.1 on the first row
(it predicts from a virtual row of 2^(P-1) instead of using Ra, which changes predictors 2, 3, 6 and 7) and does
not reset prediction at restart markers, as DCMTK's decoder shows; restart intervals and the other predictors are
covered by the DICOM corpus (DCMTK-encoded) and by LosslessJpegTestEncoder.

The enc_* fixtures listed in encoder_fixtures.tsv were written by the tests' LosslessJpegTestEncoder (restart
intervals with predictors 2, 3, 6, 7, point transform, one scan per component); this script does not make them but
checks them: DCMTK's dcmdjpeg must decode each to exactly its .u16le samples, which shows that the encoder (and so
the decoder that round-trips it) resets prediction at restart markers as DCMTK does. Each fixture NAME has NAME.jpg (the codestream) and NAME.u16le (the expected samples: interleaved per
pixel, little endian uint16, already shifted back by the point transform). Every fixture is checked when it is
made: pvrg-jpeg's own decoder and DCMTK's dcmdjpeg (IJG lossless, on a DICOM wrapper) must both give exactly the
expected samples, else the script fails. Needs /usr/bin/python3 with numpy and pydicom, pvrg-jpeg, dcmdjpeg.

    cd imaging-dicom/src/test/resources/org/medimg4j/dicom/codec/jpegll && /usr/bin/python3 make_fixtures.py
"""
import os, subprocess, sys, tempfile
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import ExplicitVRLittleEndian

HERE = os.path.dirname(os.path.abspath(__file__))

# name, rows, cols, components, precision, predictor, point transform, restart interval (MCUs), non-interleaved
CASES = [
    ("p12_pred4", 23, 37, 1, 12, 4, 0, 0, False),
    ("p16_pred4_ssss16", 16, 24, 1, 16, 4, 0, 0, False),
    ("p16_pred5_pt3", 11, 20, 1, 16, 5, 3, 0, False),
    ("p8_rgb_pred1_interleaved", 19, 29, 3, 8, 1, 0, 0, False),
    ("p8_rgb_pred4_pt2_one_scan_per_component", 19, 29, 3, 8, 4, 2, 0, True),
    ("p10_rgb_pred5_one_scan_per_component", 9, 13, 3, 10, 5, 0, 0, True),
    ("p2_pred5", 17, 15, 1, 2, 5, 0, 0, False),
    ("p5_pred1_one_row", 1, 33, 1, 5, 1, 0, 0, False),
    ("p13_pred6_one_column", 21, 1, 1, 13, 6, 0, 0, False),
]


def image(name, rows, cols, comps, precision, seed):
    rng = np.random.default_rng(seed)
    top = (1 << precision) - 1
    y, x = np.mgrid[0:rows, 0:cols]
    planes = []
    for c in range(comps):
        a = (x * (3 + c) * max(1, top // 64) + y * (5 + 2 * c) * max(1, top // 96)) % (top + 1)
        a = a + rng.integers(0, max(2, top // 16), (rows, cols))
        a = np.clip(a, 0, top)
        if "ssss16" in name:
            # Samples alternating 0 / 32768 along rows: the difference 32768 needs category SSSS = 16.
            a[rows // 2:, :] = np.where((x[rows // 2:, :] + y[rows // 2:, :]) % 2 == 0, 0, 32768)
            a[rows // 2 + 2, :] = 65535
        planes.append(a.astype(np.uint16))
    return planes


def run(cmd, cwd):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(" ".join(cmd) + " failed: " + r.stdout + r.stderr)


def write_component(path, a, precision):
    if precision > 8:
        a.astype(">u2").tofile(path)
    else:
        a.astype(np.uint8).tofile(path)


def read_component(path, rows, cols, precision):
    dt = ">u2" if precision > 8 else np.uint8
    return np.fromfile(path, dtype=dt).reshape(rows, cols).astype(np.uint16)


def dcmtk_decode(jpg, rows, cols, comps, precision, tmp):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.57"
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.file_meta.MediaStorageSOPInstanceUID = "1.2.3.4"
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.SOPInstanceUID = "1.2.3.4"
    ds.Rows, ds.Columns, ds.SamplesPerPixel = rows, cols, comps
    ds.BitsAllocated = 8 if precision <= 8 else 16
    ds.BitsStored = precision
    ds.HighBit = precision - 1
    ds.PixelRepresentation = 0
    ds.PhotometricInterpretation = "RGB" if comps == 3 else "MONOCHROME2"
    if comps == 3:
        ds.PlanarConfiguration = 0
    ds.PixelData = encapsulate([jpg])
    ds["PixelData"].VR = "OB"
    ds.is_little_endian, ds.is_implicit_VR = True, False
    src, dst = os.path.join(tmp, "in.dcm"), os.path.join(tmp, "out.dcm")
    ds.save_as(src, write_like_original=False)
    run(["dcmdjpeg", src, dst], tmp)
    out = pydicom.dcmread(dst)
    out.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    return out.pixel_array.reshape(rows, cols, comps).astype(np.uint16)


def main():
    lines = ["name\trows\tcolumns\tcomponents\tprecision\tpredictor\tpoint_transform\trestart_interval"
             "\tone_scan_per_component"]
    for i, (name, rows, cols, comps, p, k, pt, ri, nonint) in enumerate(CASES):
        planes = image(name, rows, cols, comps, p, seed=i)
        expected = np.stack([(a >> pt) << pt for a in planes], axis=-1)
        with tempfile.TemporaryDirectory() as tmp:
            args = ["pvrg-jpeg", "-iw", str(cols), "-ih", str(rows), "-k", str(k), "-p", str(p)]
            if pt:
                args += ["-t", str(pt)]
            if ri:
                args += ["-r", str(ri)]
            if nonint:
                args += ["-n"]
            args += ["-s", "out.jpg"]
            for c, a in enumerate(planes):
                write_component(os.path.join(tmp, f"c{c}.raw"), a, p)
                args += ["-ci", str(c + 1), f"c{c}.raw"]
            run(args, tmp)
            jpg = open(os.path.join(tmp, "out.jpg"), "rb").read()
            run(["pvrg-jpeg", "-d", "-s", "out.jpg", "-o", "dec"], tmp)
            pvrg = np.stack([read_component(os.path.join(tmp, f"dec.{c + 1}"), rows, cols, p)
                             for c in range(comps)], axis=-1)
            dcmtk = dcmtk_decode(jpg, rows, cols, comps, p, tmp)
        for who, got in (("pvrg-jpeg -d", pvrg), ("dcmdjpeg", dcmtk)):
            if not np.array_equal(got, expected):
                sys.exit(f"{name}: {who} differs from the expected samples "
                         f"(max diff {np.abs(got.astype(int) - expected.astype(int)).max()})")
        open(os.path.join(HERE, name + ".jpg"), "wb").write(jpg)
        expected.astype("<u2").tofile(os.path.join(HERE, name + ".u16le"))
        lines.append(f"{name}\t{rows}\t{cols}\t{comps}\t{p}\t{k}\t{pt}\t{ri}\t{'yes' if nonint else 'no'}")
        print(f"{name}: {len(jpg)} bytes, pvrg-jpeg and dcmdjpeg agree")
    open(os.path.join(HERE, "fixtures.tsv"), "w").write("\n".join(lines) + "\n")
    for row in open(os.path.join(HERE, "encoder_fixtures.tsv")).read().split("\n")[1:]:
        if not row:
            continue
        f = row.split("\t")
        name, (rows, cols, comps, p) = f[0], map(int, f[1:5])
        jpg = open(os.path.join(HERE, name + ".jpg"), "rb").read()
        expected = np.fromfile(os.path.join(HERE, name + ".u16le"), "<u2").reshape(rows, cols, comps)
        with tempfile.TemporaryDirectory() as tmp:
            if not np.array_equal(dcmtk_decode(jpg, rows, cols, comps, p, tmp), expected):
                sys.exit(f"{name}: dcmdjpeg differs from the expected samples")
        print(f"{name}: dcmdjpeg agrees")


if __name__ == "__main__":
    main()
