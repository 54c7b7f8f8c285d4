#!/usr/bin/python3
"""Rebuilds the fuzz tests' seed inputs from the DICOM conformance corpus.

Run from this directory with Debian's Python (pydicom loads only there):
    /usr/bin/python3 make_seeds.py [CORPUS]    (default ../shared/dicom-corpus, found walking up)

Parser seeds (DicomFileFuzzTestInputs/read/) are whole small corpus files. Decoder seeds
(<Codec>DecoderFuzzTestInputs/decode/) are the first frame of an encapsulated corpus file behind the 4-byte
frame header that FuzzedFrame.java reads:
    byte 0  rows - 1                 byte 1  columns - 1
    byte 2  bit 0: 3 samples per pixel (else 1); bits 1-2: Bits Allocated index in (8, 16, 32, 8);
            bit 3: signed; bit 4: planar configuration 1; bits 5-7: photometric index in PHOTOMETRICS
    byte 3  Bits Stored - 1 (taken modulo Bits Allocated)
Existing files are overwritten; files this script does not make (e.g. committed crash inputs) are kept.
"""
import os
import sys

import pydicom
from pydicom.encaps import generate_pixel_data_frame

PHOTOMETRICS = ["MONOCHROME2", "MONOCHROME1", "RGB", "YBR_FULL", "YBR_FULL_422", "YBR_RCT", "YBR_ICT",
                "PALETTE COLOR"]
BITS_ALLOCATED = {8: 0, 16: 1, 32: 2}

PARSER = [
    "files/pydicom/ExplVR_LitEndNoMeta.dcm", "files/pydicom/ExplVR_BigEndNoMeta.dcm",
    "files/pydicom/priv_SQ.dcm", "files/pydicom/nested_priv_SQ.dcm", "files/pydicom/no_meta_group_length.dcm",
    "files/pydicom/UN_sequence.dcm", "files/pydicom/empty_charset_LEI.dcm",
    "files/pydicom/charset/chrSQEncoding.dcm", "files/pydicom/charset/chrH31.dcm",
    "files/pydicom/charset/chrX1.dcm", "files/pydicom/charset/chrGerm.dcm",
    "files/synthetic/mask_1bit_3frame_5x7.dcm", "files/dcmtk/rgb8_deflated.dcm",
    "files/pydicom/SC_rgb_rle.dcm", "files/pydicom/SC_rgb_rle_2frame.dcm",
    "files/dcmtk/rgb8_jpeg_baseline_ybr422.dcm",
    "malformed/item_longer_than_sequence.dcm", "malformed/element_length_past_eof.dcm",
    "malformed/ob_length_absurd.dcm", "malformed/meta_truncated.dcm",
    "malformed/fragment_length_past_eof.dcm", "malformed/sequence_unterminated.dcm",
]
DECODERS = {
    "RleDecoderFuzzTestInputs": ["files/dcmtk/rgb8_rle.dcm", "files/pydicom/rtdose_rle_1frame.dcm",
                                 "files/pydicom/SC_rgb_rle_16bit.dcm"],
    "JpegLosslessDecoderFuzzTestInputs": ["files/dcmtk/rgb8_jpeg_lossless_sv1.dcm",
                                          "files/gdcm/rgb8_jpeg_lossless.dcm"],
    "JpegBaselineDecoderFuzzTestInputs": ["files/dcmtk/rgb8_jpeg_baseline_ybr422.dcm",
                                          "files/pydicom/SC_rgb_dcmtk_+eb+cy+n2.dcm",
                                          "files/dcmtk/ct_u12_jpeg_extended_q85.dcm"],
    "Jpeg2000DecoderFuzzTestInputs": ["files/gdcm/rgb8_j2k_irreversible_q30.dcm",
                                      "files/gdcm/MR_small_j2k_irreversible_q40.dcm",
                                      "files/synthetic/rgb8_j2k_ybr_ict.dcm", "files/gdcm/rgb8_j2k_lossless.dcm"],
    "JpegLsDecoderFuzzTestInputs": ["files/dcmtk/rgb8_jpegls_lossless_ilv_line.dcm",
                                    "files/dcmtk/rgb8_jpegls_lossless_ilv_none.dcm",
                                    "files/dcmtk/rgb8_jpegls_lossless_ilv_sample.dcm",
                                    "files/pydicom/MR_small_jpeg_ls_lossless.dcm",
                                    "files/dcmtk/ct_u12_jpegls_near2.dcm"],
}


def corpus_root():
    if len(sys.argv) > 1:
        return sys.argv[1]
    d = os.path.abspath(".")
    while d != "/":
        for rel in ("shared/dicom-corpus", "../shared/dicom-corpus"):
            if os.path.isfile(os.path.join(d, rel, "manifest.tsv")):
                return os.path.normpath(os.path.join(d, rel))
        d = os.path.dirname(d)
    sys.exit("corpus not found; pass its path")


def header(ds):
    rows, columns = int(ds.Rows), int(ds.Columns)
    assert 1 <= rows <= 256 and 1 <= columns <= 256, (rows, columns)
    spp = int(ds.SamplesPerPixel)
    flags = (1 if spp == 3 else 0) | BITS_ALLOCATED[int(ds.BitsAllocated)] << 1
    flags |= (8 if int(ds.PixelRepresentation) == 1 else 0) | (16 if int(ds.get("PlanarConfiguration", 0)) else 0)
    flags |= PHOTOMETRICS.index(ds.PhotometricInterpretation) << 5
    return bytes([rows - 1, columns - 1, flags, int(ds.BitsStored) - 1])


def name_of(path):
    """The seed's file name. Files from malformed/ (all of stage "parse": the reader must refuse them) keep a
    "malformed_" prefix, which FuzzSeedsTest reads as "must be refused"; every other parser seed must read."""
    name = os.path.splitext(os.path.basename(path))[0].replace("+", "")
    return "malformed_" + name if path.startswith("malformed/") else name


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)
    print(f"{folder}/{name}: {len(data)} bytes")


def jpeg_lossless_fixtures():
    """The small process-14 streams of the JPEG lossless decoder's own tests (predictors, Pt, restarts, scans)."""
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "codec", "jpegll")
    for table in ("fixtures.tsv", "encoder_fixtures.tsv"):
        with open(os.path.join(folder, table)) as f:
            lines = f.read().splitlines()
        head = lines[0].split("\t")
        for line in lines[1:]:
            row = dict(zip(head, line.split("\t")))
            rows, columns, precision = int(row["rows"]), int(row["columns"]), int(row["precision"])
            colour = row["components"] == "3"
            flags = (1 if colour else 0) | (0 if precision <= 8 else 1) << 1
            flags |= PHOTOMETRICS.index("RGB" if colour else "MONOCHROME2") << 5
            with open(os.path.join(folder, row["name"] + ".jpg"), "rb") as f:
                stream = f.read()
            write("JpegLosslessDecoderFuzzTestInputs/decode", row["name"],
                  bytes([rows - 1, columns - 1, flags, precision - 1]) + stream)


def main():
    root = corpus_root()
    jpeg_lossless_fixtures()
    for rel in PARSER:
        with open(os.path.join(root, rel), "rb") as f:
            write("DicomFileFuzzTestInputs/read", name_of(rel), f.read())
    for folder, files in DECODERS.items():
        for rel in files:
            ds = pydicom.dcmread(os.path.join(root, rel))
            frames = int(ds.get("NumberOfFrames", 1) or 1)
            frame = next(generate_pixel_data_frame(ds.PixelData, frames))
            write(folder + "/decode", name_of(rel), header(ds) + frame)


if __name__ == "__main__":
    main()
