package org.medimg4j.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.transform.spatial.RandomFlip;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BatchIteratorTest {

    static {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static SliceSampler augmentedSlices() {
        return SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(3))).foregroundRatio(0.5)
                .examplesPerEpoch(21).augmentation(RandomFlip.of(9, 0.5, 0, 1)).seed(17).build();
    }

    private static List<INDArray> epoch(BatchIterator it) {
        List<INDArray> out = new ArrayList<>();
        while (it.hasNext()) {
            MultiDataSet m = it.next();
            out.add(m.getFeatures(0));
            out.add(m.getLabels(0));
        }
        return out;
    }

    @Test
    void sameBatchesTwiceAndWithTwoWorkers() {
        SliceSampler s = augmentedSlices();
        List<INDArray> serial;
        List<INDArray> again;
        List<INDArray> parallel;
        try (BatchIterator a = BatchIterator.of(s, 4, 0, 1)) {
            serial = epoch(a);
        }
        try (BatchIterator b = BatchIterator.of(augmentedSlices(), 4, 0, 1)) {
            again = epoch(b);
        }
        try (BatchIterator c = BatchIterator.of(s, 4, 2, 3)) {
            parallel = epoch(c);
        }
        assertEquals(12, serial.size(), "6 batches of features and labels, the last of 1 example");
        assertEquals(1, serial.get(10).size(0));
        assertEquals(serial, again);
        assertEquals(serial, parallel);
    }

    @Test
    void resetMovesToTheNextEpochAndStartEpochReplaysOne() {
        try (BatchIterator it = BatchIterator.of(augmentedSlices(), 7, 2, 2)) {
            List<INDArray> e0 = epoch(it);
            assertFalse(it.hasNext());
            it.reset();
            assertEquals(1, it.epoch());
            List<INDArray> e1 = epoch(it);
            assertNotEquals(e0, e1);
            it.reset();
            it.reset();
            assertEquals(2, it.epoch(), "a reset before any batch is taken keeps the epoch");
            it.startEpoch(0);
            assertEquals(e0, epoch(it));
        }
    }

    /** Counts examples written; optionally fails at one index. */
    private static final class CountingSampler implements ExampleSampler {
        final AtomicInteger written = new AtomicInteger();
        final int failAt;

        CountingSampler(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public int examplesPerEpoch() {
            return 100;
        }

        @Override
        public long[] featureShape() {
            return new long[] {1, 2, 2};
        }

        @Override
        public long[] labelShape() {
            return new long[] {2};
        }

        @Override
        public CaseInfo caseOf(int epoch, int index) {
            return CaseInfo.of("e" + index, "p" + index);
        }

        @Override
        public void sample(int epoch, int index, float[] features, int fo, float[] labels, int lo) {
            if (index == failAt) {
                throw new IllegalStateException("example " + index + " is cursed");
            }
            for (int i = 0; i < 4; i++) {
                features[fo + i] = index;
            }
            labels[lo + index % 2] = 1;
            written.incrementAndGet();
        }
    }

    @Test
    void prefetchKeepsAtMostPrefetchBatchesInFlight() throws InterruptedException {
        CountingSampler s = new CountingSampler(-1);
        int batch = 5;
        int prefetch = 3;
        try (BatchIterator it = BatchIterator.of(s, batch, 2, prefetch)) {
            int taken = 0;
            while (it.hasNext()) {
                MultiDataSet m = it.next();
                assertEquals(taken * batch, m.getFeatures(0).getFloat(0, 0, 0, 0), 0f, "batches in order");
                taken++;
                assertTrue(it.inFlight() <= prefetch, "in flight " + it.inFlight());
                // let the workers run as far ahead as they may
                long until = System.nanoTime() + 20_000_000L;
                while (System.nanoTime() < until && s.written.get() < Math.min(100, (taken + prefetch) * batch)) {
                    Thread.sleep(1);
                }
                int ahead = s.written.get() - taken * batch;
                assertTrue(ahead <= prefetch * batch, "workers built " + ahead + " examples ahead of the consumer, "
                        + "more than " + prefetch + " batches");
            }
            assertEquals(20, taken);
            assertEquals(100, s.written.get());
        }
    }

    @Test
    void aWorkerFailureReachesTheConsumerWithoutHanging() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (BatchIterator it = BatchIterator.of(new CountingSampler(23), 5, 2, 2)) {
                for (int b = 0; b < 4; b++) {
                    it.next();
                }
                DataException e = assertThrows(DataException.class, it::next);
                assertTrue(e.getMessage().contains("batch 4 of epoch 0"), e.getMessage());
                assertTrue(e.getCause() instanceof IllegalStateException);
                assertTrue(e.getCause().getMessage().contains("cursed"));
                MultiDataSet after = it.next();   // later batches are unaffected
                assertEquals(25f, after.getFeatures(0).getFloat(0, 0, 0, 0), 0f);
            }
        });
    }

    @Test
    void closeStopsTheIteratorAndIsIdempotent() {
        BatchIterator it = BatchIterator.of(new CountingSampler(-1), 5, 2, 2);
        it.next();
        it.close();
        it.close();
        assertEquals(0, it.inFlight());
        IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        CountingSampler s = new CountingSampler(-1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchIterator.of(s, 0, 1, 1)).getMessage()
                .contains("batchSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchIterator.of(s, 1, -1, 1)).getMessage()
                .contains("workers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchIterator.of(s, 1, 1, 0)).getMessage()
                .contains("prefetch"));
    }

    @Test
    void aComputationGraphFitsFromTheIterator() {
        SliceSampler s = SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(2))).foregroundRatio(0.5)
                .examplesPerEpoch(8).seed(1).build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-2))
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(32, 32, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(
                        org.deeplearning4j.nn.conf.ConvolutionMode.Same).activation(Activation.IDENTITY).build(), "in")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        // intensities are voxel indices (up to ~24000): scale so the tiny net stays finite
        try (BatchIterator it = BatchIterator.of(s, 4, 1, 2)) {
            it.setPreProcessor(m -> m.getFeatures(0).divi(10000));
            INDArray before = net.params().dup();
            net.fit(it, 2);
            assertEquals(1, it.epoch(), "DL4J reset the iterator between the two epochs");
            assertTrue(Double.isFinite(net.score()));
            assertNotEquals(before, net.params());
        }
    }

    @Test
    void aMultiLayerNetworkFitsFromTheDataSetView() {
        ClassBalancedSampler s = ClassBalancedSampler.builder(CaseCache.unbounded(TinyCases.classificationSet(6, 2)))
                .seed(2).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Adam(1e-2)).dataType(DataType.FLOAT).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(16, 16, 1)).build());
        net.init();
        try (BatchIterator it = BatchIterator.of(s, 3, 0, 1)) {
            DataSetIterator d = it.asDataSetIterator();
            assertEquals(2, d.totalOutcomes());
            assertEquals(3, d.batch());
            DataSet first = d.next();
            assertEquals(3, first.numExamples());
            d.reset();
            INDArray before = net.params().dup();
            net.fit(d);
            assertNotEquals(before, net.params());
            assertSame(null, d.getLabels());
        }
    }
}
