/**
 * Networks, training and inference on Deeplearning4j/ND4J. This module depends on {@code nd4j-api} only: the
 * application chooses the backend (nd4j-native with a oneDNN classifier on CPU, nd4j-cuda with {@code -Pcuda}).
 */
package org.medimg4j.models;
