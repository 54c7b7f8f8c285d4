/**
 * Seeded phantoms for tests, examples and demos: synthetic CT, chest X-ray and MR cases with lesions, labels and
 * demographic-like attributes, reproducible to the bit.
 *
 * <ul>
 *   <li>{@link org.medimg4j.core.phantom.CtPhantom}: a chest and upper abdomen in HU (INT16 or FLOAT32), with lung,
 *       liver or soft-tissue lesions;</li>
 *   <li>{@link org.medimg4j.core.phantom.ChestXrayPhantom}: a 2-D PA radiograph (nz = 1) in 12-bit detector units,
 *       with or without nodules;</li>
 *   <li>{@link org.medimg4j.core.phantom.MrPhantom}: a T1- or T2-weighted head in arbitrary units with
 *       white-matter lesions and an optional bias field.</li>
 * </ul>
 *
 * Every case is a {@link org.medimg4j.core.phantom.PhantomCase}: image, label (0 background, 1 lesion, optional
 * organ labels 2.. documented per phantom), the lesions with centres in LPS mm and analytic volumes in mL, and the
 * {@link org.medimg4j.core.phantom.Demographics} (sex, age, vendor), which are also written to the image's and
 * label's metadata attributes "sex", "age" and "vendor". Demographics are drawn from a
 * {@link org.medimg4j.core.phantom.DemographicsModel} (documented default) or fixed, they shape the anatomy as each
 * phantom documents, and a {@link org.medimg4j.core.phantom.VendorProfile} distorts one vendor's intensities so a
 * model's degradation on that vendor can be shown.
 *
 * <h2>Reproducibility</h2>
 * A case is a pure function of the phantom's configuration and the case seed:
 * {@link org.medimg4j.core.phantom.PhantomDataset} seeds case i from (seed, i), and slices are rendered in
 * parallel, each with its own random stream, so results do not depend on threads or order. The random source is
 * SplitMix64 written out in this package and transcendental functions use {@link java.lang.StrictMath}, so the
 * voxels are also the same across JDKs and CPUs. Anatomy, lesions, texture and noise draw from separate streams:
 * for one seed, changing the lesion count leaves the anatomy untouched, and changing a vendor profile leaves the
 * noise realisation untouched.
 */
package org.medimg4j.core.phantom;
