"""Loads each NIfTI file named on the command line with nibabel and prints what it sees, one
"key value..." line per fact, each file's block starting with "file <path>". Used by
NiftiNibabelCrossCheckTest to check files written by medimg4j."""
import sys

import nibabel as nib
import numpy as np


def line(key, values):
    print(key, " ".join(repr(float(v)) for v in np.ravel(values)))


for path in sys.argv[1:]:
    img = nib.load(path)
    hdr = img.header
    print("file", path)
    print("shape", " ".join(str(n) for n in img.shape))
    print("dtype", hdr.get_data_dtype().name)
    print("codes", int(hdr["sform_code"]), int(hdr["qform_code"]), int(hdr["intent_code"]))
    line("sform", hdr.get_sform()[:3, :])
    line("qform", hdr.get_qform()[:3, :])
    # nibabel indexes [x, y, z, t]; Fortran order puts x fastest, the order of the file and of medimg4j's C order
    line("data", np.asarray(img.get_fdata()).ravel(order="F"))
