/**
 * The ND4J backend as this library runs on it, decided once at start-up: which native build, whether DL4J's 2-D
 * layers really use oneDNN, and native memory that stays flat over repeated forward passes.
 *
 * <p>An application calls {@link org.medimg4j.models.backend.OneDnn#requireActive()} before it builds or loads any
 * network. That switches DL4J 1.0.0-M2.1's layer helpers on ({@link org.medimg4j.models.backend.OneDnn}, with
 * the one workaround for DL4J's broken oneDNN look-up isolated in {@code Dl4jOneDnnLookupWorkaround}), pins glibc's
 * mmap threshold ({@link org.medimg4j.models.backend.NativeMemory}), logs one line
 * ({@link org.medimg4j.models.backend.BackendInfo#oneLine()}), and fails with
 * {@link org.medimg4j.models.backend.OneDnnInactiveException} if a oneDNN build would still run DL4J's slow path.
 * Repeated inference goes through {@link org.medimg4j.models.backend.InferenceSession}, whose outputs are freed
 * when the caller has read them, not when the Java GC runs.
 */
package org.medimg4j.models.backend;
