package org.medimg4j.core.phantom;

/**
 * The tissue contrast of an {@link MrPhantom}, as nominal signal in arbitrary units (before the per-case ±3 %
 * variation, bias field and noise):
 *
 * <table>
 *   <caption>Nominal signal per tissue (arbitrary units)</caption>
 *   <tr><th>tissue</th><th>T1</th><th>T2</th></tr>
 *   <tr><td>air</td><td>0</td><td>0</td></tr>
 *   <tr><td>scalp (fat-rich)</td><td>800</td><td>550</td></tr>
 *   <tr><td>skull (cortical bone)</td><td>80</td><td>70</td></tr>
 *   <tr><td>CSF</td><td>250</td><td>1000</td></tr>
 *   <tr><td>grey matter</td><td>520</td><td>680</td></tr>
 *   <tr><td>white matter</td><td>720</td><td>500</td></tr>
 *   <tr><td>neck muscle</td><td>450</td><td>300</td></tr>
 * </table>
 *
 * So on T1 white matter &gt; grey matter &gt; CSF &gt; skull, and on T2 CSF &gt; grey matter &gt; white matter
 * &gt; skull, as on real images. Random lesions are, by default, T1-hypointense (−300..−150 relative to white
 * matter) and T2-hyperintense (+200..+400), like demyelinating plaques.
 */
public enum MrContrast {
    /** T1-weighted: fat and white matter bright, CSF dark. */
    T1(new float[] {0, 800, 80, 250, 520, 720, 450}, -300, -150),
    /** T2-weighted: CSF bright, white matter darker than grey. */
    T2(new float[] {0, 550, 70, 1000, 680, 500, 300}, 200, 400);

    private final float[] nominal;
    private final double lesionMin;
    private final double lesionMax;

    MrContrast(float[] nominal, double lesionMin, double lesionMax) {
        this.nominal = nominal;
        this.lesionMin = lesionMin;
        this.lesionMax = lesionMax;
    }

    /** @return the nominal signal of a {@link HeadAnatomy} tissue code, arbitrary units */
    float nominal(int tissue) {
        return nominal[tissue];
    }

    double defaultLesionContrastMin() {
        return lesionMin;
    }

    double defaultLesionContrastMax() {
        return lesionMax;
    }
}
