"""Writes NIfTI files with nibabel into the directory given on the command line, reloads each and
prints what nibabel reads back: "file <path>", "kind volume|labels", "shape", the RAS affine in mm ("affine",
3 rows of 4) and the voxels ("data", x fastest). Used by NiftiNibabelCrossCheckTest to check that
medimg4j reads files written by another implementation."""
import os
import sys

import nibabel as nib
import numpy as np

out = sys.argv[1]


def rotation(degrees, axis):
    axis = np.asarray(axis, float) / np.linalg.norm(axis)
    x, y, z = axis
    c, s = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
    t = 1 - c
    return np.array([[t*x*x + c, t*x*y - s*z, t*x*z + s*y],
                     [t*x*y + s*z, t*y*y + c, t*y*z - s*x],
                     [t*x*z - s*y, t*y*z + s*x, t*z*z + c]])


def affine(rot, zooms, offset):
    a = np.eye(4)
    a[:3, :3] = rot @ np.diag(zooms)
    a[:3, 3] = offset
    return a


def values(shape, scale=1.0, shift=0.0):
    n = int(np.prod(shape))
    v = (np.arange(n) * 1.7 - n / 3.0 + np.sin(np.arange(n))) * scale + shift
    return v.reshape(shape, order="F")


def emit(name, kind, img, mm_per_unit=1.0):
    path = os.path.join(out, name)
    nib.save(img, path)
    back = nib.load(path)
    print("file", path)
    print("kind", kind)
    print("shape", " ".join(str(n) for n in back.shape))
    a = back.affine[:3, :].copy()
    print("affine", " ".join(repr(float(v)) for v in (a * mm_per_unit).ravel()))
    print("data", " ".join(repr(float(v)) for v in np.asarray(back.get_fdata()).ravel(order="F")))


right = rotation(35, (1, -2, 0.5))
left = right @ np.diag([1, 1, -1])

emit("nb_f32.nii.gz", "volume",
     nib.Nifti1Image(values((5, 4, 3)).astype(np.float32), affine(right, (0.8, 1.1, 2.5), (12.5, -30.25, 7.0))))

big_endian = nib.Nifti1Header(endianness=">")
big_endian.set_data_dtype(np.int16)  # a header passed in decides the on-disk type
emit("nb_i16_be.nii", "volume",
     nib.Nifti1Image(np.round(values((4, 3, 3), 100)).astype(np.int16), affine(left, (1.5, 1.5, 3.0), (-8, 4, 60)),
                     header=big_endian))

scaled = nib.Nifti1Image(values((4, 4, 2), 3.0, 200.0), affine(np.eye(3), (1, 2, 3), (0, 0, 0)))
scaled.set_data_dtype(np.uint8)  # nibabel picks scl_slope / scl_inter to fit the range into 0..255
emit("nb_u8_scaled.nii", "volume", scaled)

emit("nb_4d.nii.gz", "volume",
     nib.Nifti1Image(values((3, 4, 2, 2)), affine(rotation(-20, (0, 0, 1)), (0.5, 0.5, 1), (1, 2, 3))))

emit("nb_2d.nii", "volume", nib.Nifti1Image(np.round(values((6, 5), 10)).astype(np.int16), affine(np.diag([-1, 1, 1]), (0.3, 0.4, 1), (5, 6, 0))))

qform_only = nib.Nifti1Image(values((3, 3, 3)).astype(np.float32), None)
qform_only.set_qform(affine(left, (2, 2.5, 1.25), (-10, 20, -30)), code=1)
qform_only.set_sform(None, code=0)
emit("nb_qform_only.nii", "volume", qform_only)

metres = nib.Nifti1Image(values((3, 2, 2)).astype(np.float32), affine(right, (0.001, 0.002, 0.003), (0.1, -0.2, 0.05)))
metres.header.set_xyzt_units("meter")
emit("nb_metres.nii", "volume", metres, 1000.0)

labels = (np.arange(4 * 3 * 2).reshape((4, 3, 2), order="F") * 37 % 256).astype(np.uint8)
emit("nb_labels.nii.gz", "labels", nib.Nifti1Image(labels, affine(right, (1, 1, 1), (3, 2, 1))))
