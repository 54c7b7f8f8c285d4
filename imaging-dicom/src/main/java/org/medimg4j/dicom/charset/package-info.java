/**
 * Specific Character Set (0008,0005): which repertoires a data set's text uses, and the decoding of its string
 * and person-name values to Unicode, including ISO 2022 code extensions for Japanese, Korean and Chinese
 * (PS3.3 C.12.1.1.2, PS3.5 section 6.1 and Annexes H to K). The entry point is
 * {@link org.medimg4j.dicom.charset.SpecificCharacterSet}.
 */
package org.medimg4j.dicom.charset;
