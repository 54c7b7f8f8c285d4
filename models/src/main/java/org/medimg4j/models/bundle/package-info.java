/**
 * Model bundles: one zip with a DL4J network and a JSON {@link org.medimg4j.models.bundle.BundleDescriptor}
 * (task, input spec with the preprocessing chain as data, output spec, training summary, provenance, SHA-256 of
 * the weights). {@link org.medimg4j.models.bundle.ModelBundle#load} verifies and refuses damaged or incompatible
 * files with a {@link org.medimg4j.models.bundle.BundleException}, and rebuilds the preprocessing as a core
 * {@code TransformChain} from {@link org.medimg4j.models.bundle.PreprocessingStep}s.
 */
package org.medimg4j.models.bundle;
