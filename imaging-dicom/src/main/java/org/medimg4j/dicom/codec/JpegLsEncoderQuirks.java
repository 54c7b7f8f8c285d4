package org.medimg4j.dicom.codec;

import java.util.ArrayList;
import java.util.List;
import org.medimg4j.dicom.DicomException;

/**
 * Encoders whose JPEG-LS codestreams deviate from ITU-T T.87 in how they derive the coding parameters, and the
 * parameters that read their streams. This is the one place that knows about them.
 *
 * <p>A stream coded with other thresholds or another RANGE than the decoder assumes goes off track within a few
 * samples: the Golomb codes are misread, so the scan fails or ends far from its closing marker. The decoder reads
 * every scan by T.87 first; only when that fails or leaves unused data does it retry with each alternative below
 * that differs from T.87 for this stream, and keeps the first that reads the scan exactly to its end. Conforming
 * streams, and deviating encoders' streams where the deviation changes nothing (8- to 12-bit data without an LSE
 * segment, which is nearly all of DICOM), are read once.
 *
 * <p>Known deviations, each proven by {@code JpegLsEncoderQuirksTest}:
 * <ul>
 *   <li>CharLS before 2.1, including the CharLS 1.0 that DCMTK bundles (seen in DCMTK 3.6.7 {@code dcmcjpls +pc}
 *       for Bits Stored ≤ 7): default thresholds for MAXVAL &lt; 128 from the MAXVAL ≥ 128 formula (CharLS issue
 *       #51). DCMTK reads its own streams back; CharLS 2.4.1 (through GDCM) and T.87 decoders do not.</li>
 *   <li>JAI ImageIO (dcm4che2's writer), precision above 12 bits without an LSE segment: default thresholds from
 *       MAXVAL without the clamp to 4095 (what dcm4che3's {@code PatchJPEGLS.JAI2ISO} repairs).</li>
 *   <li>CharLS up to at least 2.4.1 (DCMTK, GDCM, pydicom's plugins): with an LSE MAXVAL below 2^P − 1, RANGE, qbpp
 *       and LIMIT still come from 2^P − 1.</li>
 * </ul>
 */
final class JpegLsEncoderQuirks {

    /** Unused bits at the end of a scan that still count as padding: a byte of fill plus a stuffed byte. */
    static final int PADDING_BITS = 16;

    private JpegLsEncoderQuirks() {
    }

    /**
     * @param precision the frame's P
     * @param presets   the LSE values in force {@code {MAXVAL, T1, T2, T3, RESET}}, 0 where defaulted
     * @param near      the scan's NEAR
     * @param standard  the T.87 parameters of the scan
     * @return the parameter sets of known deviating encoders that differ from {@code standard}, most likely first
     */
    static List<JpegLsParameters> alternatives(int precision, int[] presets, int near, JpegLsParameters standard) {
        List<JpegLsParameters> out = new ArrayList<>();
        boolean[] rangeFromPrecision = {true, false};
        for (JpegLsParameters.DefaultThresholds rule : JpegLsParameters.DefaultThresholds.values()) {
            for (boolean fromPrecision : rangeFromPrecision) {
                JpegLsParameters p;
                try {
                    p = JpegLsParameters.of(precision, presets[0], presets[1], presets[2], presets[3], presets[4], near,
                            0, rule, fromPrecision);
                } catch (DicomException e) {
                    continue; // that encoder could not have made this stream
                }
                if (!p.equals(standard) && !out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
