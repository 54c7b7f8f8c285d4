/**
 * From cases to training batches: datasets of {@code core} volumes and labels, a patient-level split, a cache of
 * preprocessed cases, samplers that cut 2-D slices, 3-D patches or whole images with replayable augmentation, and
 * a prefetching DL4J iterator.
 *
 * <pre>{@code
 * CaseDataset all = InMemoryDataset.ofPhantoms(PhantomDataset.of(ct, 40).generateAll());
 * //   or SourcedDataset.builder().addNifti(info, image, mask)...      (NIfTI pairs)
 * //   or SourcedDataset.builder().add(info, () -> seriesLoader.load(candidate).volume(), maskSource)  (DICOM)
 * PatientSplit split = PatientSplit.of(all, 0.7, 0.15, 0.15, seed);            // by patient, never by slice
 * CaseCache train = CaseCache.of(split.train(), TransformChain.of(WindowLevel.of(40, 400), ZScoreNormalize.create()),
 *         2L << 30);                                                           // preprocess once, 2 GiB at most
 * SliceSampler slices = SliceSampler.builder(train).classes(2).foregroundRatio(0.5)
 *         .augmentation(RandomFlip.of(1, 0.5, 0)).seed(seed).build();
 * try (BatchIterator batches = BatchIterator.of(slices, 8, 2, 4)) {           // 2 workers, <= 4 batches ahead
 *     graph.fit(batches, epochs);                                              // MultiDataSetIterator
 * }
 * }</pre>
 *
 * <h2>Determinism</h2>
 * Every example is a pure function of (sampler seed, epoch, index): the case, slice or patch centre is drawn from
 * {@link org.medimg4j.models.data.SampleSeed#draw}, the augmentation runs on a {@code core}
 * {@link org.medimg4j.core.transform.Sample} whose seed is {@link org.medimg4j.models.data.SampleSeed#augmentation},
 * so batches are identical with any number of prefetch workers and can be replayed (resumed training) with
 * {@link org.medimg4j.models.data.BatchIterator#startEpoch}. For validation, use {@code shuffle(false)}, no
 * foreground ratio and no augmentation: the batches are then the same in every epoch.
 *
 * <h2>Layout</h2>
 * Features are FLOAT32 NCHW (slices, 2-D images) or NCDHW (patches, volumes), the voxel order of a {@code core}
 * {@link org.medimg4j.core.volume.Volume}; segmentation labels are one-hot with one channel per class
 * (background = channel 0), classification labels one-hot rows. Train in NCHW: DL4J 1.0.0-M2.1's CnnLossLayer
 * computes a wrong loss in NHWC.
 *
 * <h2>DICOM</h2>
 * {@code models} takes core volumes, never raw DICOM, and does not depend on {@code imaging-dicom}: the application
 * fills a {@link org.medimg4j.models.data.VolumeSource} with imaging-dicom's {@code SeriesLoader}.
 */
package org.medimg4j.models.data;
