package org.medimg4j.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.medimg4j.models.data.EpochAware;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a DL4J {@link ComputationGraph} on batches from a {@link MultiDataSetIterator}: an optimiser with a
 * per-epoch learning-rate schedule, early stopping on a caller-supplied {@link ValidationMetric}, the best and
 * the last checkpoint, per-epoch metrics as CSV and a PNG training curve, progress to {@link ProgressListener}s.
 * Immutable; configure with {@link #builder()}. One trainer may run several trainings, one at a time per network.
 *
 * <h2>Files in the output directory</h2>
 * <ul>
 *   <li>{@value #LAST_CHECKPOINT}: after every epoch, the network with its updater state and the
 *       {@link TrainingState} — what {@link #resume} continues from;</li>
 *   <li>{@value #BEST_CHECKPOINT}: whenever the validation metric improves, the network (without updater state)
 *       and the state;</li>
 *   <li>{@value #METRICS_CSV} ({@link MetricsCsv}) and {@value #CURVE_PNG} ({@link TrainingCurve}), rewritten
 *       after every epoch.</li>
 * </ul>
 * Every file is written atomically (temporary file and rename), so an interruption leaves the previous version.
 *
 * <h2>What the trainer changes on the network</h2>
 * {@link #fit} installs the {@link Optimizer} on every layer with parameters (replacing the updater the network
 * was built with, and its state) and sets the learning rate at the start of each epoch
 * ({@link LearningRateSchedule}). The network is left in its state after the last epoch run, not the best one:
 * load {@link TrainingResult#bestCheckpoint()} for that.
 *
 * <h2>Resuming</h2>
 * {@link #resume} continues from the last checkpoint with: the parameters; the updater state (Adam's moment
 * estimates and its iteration count, momentum's velocity), as DL4J's {@code ModelSerializer} saves them; DL4J's
 * epoch and iteration counters; the next epoch number, hence the learning rate (a pure function of the epoch);
 * the best metric, its epoch and the patience counter; the metrics history. The trainer re-seeds ND4J's random
 * generator from {@code seed} and the epoch number at the start of every epoch, so dropout draws after a resume
 * are those of the uninterrupted run. What it cannot restore is the data iterator's position and order: an
 * iterator that implements {@link EpochAware} and derives its order from the epoch gives the same batches; any
 * other gives whatever its own state gives. A resumed run is then identical to the uninterrupted one (tested on
 * the CPU backend). Resuming needs the same trainer configuration; the optimiser saved in the checkpoint is kept.
 *
 * <h2>Determinism</h2>
 * Given the same network configuration seed (weight initialisation, set in the network's builder), the same
 * trainer seed, the same batches in the same order, the same backend build and the same number of ND4J threads,
 * training on the CPU backend gives bit-identical parameters (tested). DL4J does not guarantee this elsewhere:
 * on CUDA, cuDNN picks convolution algorithms (some use atomic adds) non-deterministically; oneDNN may choose
 * different kernels, and so a different summation order, on another CPU (AVX2 vs AVX-512) or with another thread
 * count ({@code OMP_NUM_THREADS}); a data pipeline that prefetches on several threads must hand batches over in
 * a fixed order. The per-batch throughput reported to listeners is of course not deterministic.
 */
public final class Trainer {

    /** The last-epoch checkpoint's file name in the output directory. */
    public static final String LAST_CHECKPOINT = "last.zip";
    /** The best checkpoint's file name in the output directory. */
    public static final String BEST_CHECKPOINT = "best.zip";
    /** The per-epoch metrics file name. */
    public static final String METRICS_CSV = "metrics.csv";
    /** The training curve file name. */
    public static final String CURVE_PNG = "training-curve.png";

    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final int epochs;
    private final long seed;
    private final ValidationMetric metric;
    private final int patience;
    private final double minDelta;
    private final Path outputDirectory;
    private final List<ProgressListener> listeners;

    private Trainer(Builder b) {
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.metric = b.metric;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.outputDirectory = b.outputDirectory;
        this.listeners = List.copyOf(b.listeners);
    }

    /** @return a builder; optimizer, epochs and outputDirectory are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code network} from its current parameters, from epoch 0.
     *
     * @param network    an initialised graph with one or more inputs and outputs matching the batches
     * @param train      training batches; reset before every epoch
     * @param validation validation batches, or null (then no early stopping and no best checkpoint); ignored
     *                   without a validation metric
     * @return how training ended
     * @throws IOException when a checkpoint, the CSV or the PNG cannot be written
     * @throws IllegalArgumentException naming validation if a metric is configured but validation is null, or
     *                                  train if it cannot be reset for a second epoch
     */
    public TrainingResult fit(ComputationGraph network, MultiDataSetIterator train, MultiDataSetIterator validation)
            throws IOException {
        Objects.requireNonNull(network, "network");
        installOptimizer(network);
        TrainingState start = new TrainingState(0, 0, -1, Double.NaN, 0, seed, metricName(), List.of());
        return run(network, train, validation, start);
    }

    /**
     * Continues a run from a checkpoint written by this trainer configuration (normally
     * {@code outputDirectory/}{@value #LAST_CHECKPOINT}); see the class comment for what resumes exactly.
     *
     * @param checkpoint the checkpoint, read with {@link Checkpoint#read}; its network is trained further
     * @return how training ended, with the history from epoch 0
     * @throws IOException when writing fails
     * @throws IllegalArgumentException naming the seed or metric if the checkpoint was written with another
     */
    public TrainingResult resume(Checkpoint checkpoint, MultiDataSetIterator train, MultiDataSetIterator validation)
            throws IOException {
        TrainingState s = checkpoint.state();
        if (s.seed() != seed) {
            throw new IllegalArgumentException("Trainer.resume: the checkpoint was trained with seed " + s.seed()
                    + ", this trainer has seed " + seed);
        }
        if (!s.metricName().equals(metricName())) {
            throw new IllegalArgumentException("Trainer.resume: the checkpoint's validation metric is '"
                    + s.metricName() + "', this trainer's is '" + metricName() + "'");
        }
        return run(checkpoint.network(), train, validation, s);
    }

    private String metricName() {
        return metric == null ? "" : metric.name();
    }

    private TrainingResult run(ComputationGraph net, MultiDataSetIterator train, MultiDataSetIterator validation,
                               TrainingState start) throws IOException {
        Objects.requireNonNull(train, "train");
        if (metric != null && validation == null) {
            throw new IllegalArgumentException("Trainer: validation iterator must not be null when a validation "
                    + "metric (" + metric.name() + ") is configured");
        }
        if (epochs - start.nextEpoch() > 1 && !train.resetSupported()) {
            throw new IllegalArgumentException("Trainer: train iterator must support reset() to run more than one "
                    + "epoch");
        }
        Files.createDirectories(outputDirectory);
        Path last = outputDirectory.resolve(LAST_CHECKPOINT);
        Path best = outputDirectory.resolve(BEST_CHECKPOINT);
        List<EpochRecord> history = new ArrayList<>(start.history());
        long iteration = start.iteration();
        int bestEpoch = start.bestEpoch();
        double bestValue = start.bestValue();
        int wait = start.epochsWithoutImprovement();
        int batchesPerEpoch = -1;
        TrainingResult.StopReason reason = TrainingResult.StopReason.MAX_EPOCHS;
        for (ProgressListener l : listeners) {
            l.onStart(start.nextEpoch(), epochs);
        }
        int epoch = start.nextEpoch();
        if (metric != null && wait >= patience) {
            reason = TrainingResult.StopReason.EARLY_STOPPING;   // the checkpoint's run had already stopped
            epoch = epochs;
        }
        for (; epoch < epochs; epoch++) {
            long epochStart = System.nanoTime();
            double lr = schedule.rate(optimizer.learningRate(), epoch, epochs);
            setLearningRate(net, lr);
            // Re-seeded per epoch (not once per run) so that a resumed run draws what the uninterrupted one did.
            Nd4j.getRandom().setSeed(seed * 0x9E3779B97F4A7C15L + epoch);
            if (train instanceof EpochAware ea) {
                ea.startEpoch(epoch);
            }
            if (train.resetSupported()) {
                train.reset();
            }
            double lossSum = 0;
            long examples = 0;
            int batch = 0;
            long t0 = System.nanoTime();
            while (train.hasNext()) {
                MultiDataSet ds = train.next();
                net.fit(ds);
                double loss = net.score();   // computed in this step's forward pass, before its update
                long n = ds.getFeatures(0).size(0);
                long t1 = System.nanoTime();
                lossSum += loss * n;
                examples += n;
                IterationProgress p = new IterationProgress(epoch, batch, batchesPerEpoch, iteration, loss, n,
                        n / Math.max(1e-9, (t1 - t0) / 1e9));
                for (ProgressListener l : listeners) {
                    l.onIteration(p);
                }
                t0 = t1;
                batch++;
                iteration++;
            }
            batchesPerEpoch = batch;
            net.incrementEpochCount();
            double value = Double.NaN;
            boolean improved = false;
            if (metric != null) {
                validation.reset();
                value = metric.evaluate(net, validation);
                improved = improves(value, bestValue);
                if (improved) {
                    bestValue = value;
                    bestEpoch = epoch;
                    wait = 0;
                } else {
                    wait++;
                }
            }
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            EpochRecord rec = new EpochRecord(epoch, examples == 0 ? Double.NaN : lossSum / examples, value, lr,
                    seconds, improved, examples);
            history.add(rec);
            TrainingState state = new TrainingState(epoch + 1, iteration, bestEpoch, bestValue, wait, seed,
                    metricName(), history);
            if (improved) {
                Checkpoint.write(best, net, state, false);
            }
            Checkpoint.write(last, net, state, true);
            MetricsCsv.write(outputDirectory.resolve(METRICS_CSV), metricName(), history);
            TrainingCurve.write(outputDirectory.resolve(CURVE_PNG), metricName(), history);
            for (ProgressListener l : listeners) {
                l.onEpoch(rec);
            }
            if (metric != null && wait >= patience) {
                reason = TrainingResult.StopReason.EARLY_STOPPING;
                break;
            }
        }
        int lastEpoch = history.isEmpty() ? -1 : history.get(history.size() - 1).epoch();
        TrainingResult result = new TrainingResult(history, lastEpoch, bestEpoch, bestValue, reason,
                bestEpoch >= 0 ? best : null, last);
        for (ProgressListener l : listeners) {
            l.onFinish(result);
        }
        return result;
    }

    /** A first finite value always improves; NaN never does; afterwards the change must exceed minDelta. */
    private boolean improves(double value, double bestSoFar) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(bestSoFar)) {
            return true;
        }
        return metric.higherIsBetter() ? value > bestSoFar + minDelta : value < bestSoFar - minDelta;
    }

    /**
     * Puts the optimiser on every layer with parameters and gives the network a fresh updater built from it.
     * The configuration objects are the ones ModelSerializer saves, so checkpoints record the optimiser.
     */
    private void installOptimizer(ComputationGraph net) {
        for (GraphVertex v : net.getVertices()) {
            if (!(v instanceof LayerVertex lv) || lv.getLayer() == null) {
                continue;
            }
            Layer layer = lv.getLayer();
            if (layer.conf().getLayer() instanceof BaseLayer bl) {
                bl.setIUpdater(optimizer.updater(optimizer.learningRate()));
                bl.setBiasUpdater(optimizer.updater(optimizer.learningRate()));
            }
        }
        var conf = net.getConfiguration().getVertices();
        for (var entry : conf.entrySet()) {
            if (entry.getValue() instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof BaseLayer bl) {
                bl.setIUpdater(optimizer.updater(optimizer.learningRate()));
                bl.setBiasUpdater(optimizer.updater(optimizer.learningRate()));
            }
        }
        net.setUpdater(new ComputationGraphUpdater(net));
    }

    /**
     * Sets the learning rate of every layer in place. Not {@code ComputationGraph.setLearningRate}: in DL4J
     * 1.0.0-M2.1 that rebuilds the updater and scrambles its state (Adam's moments come back at other offsets;
     * TrainerTest.learningRateChangeKeepsAdamState shows it). DL4J's gradient updaters hold the very
     * {@code IUpdater} objects of the layer configurations and read the rate from them at every step, so changing
     * the rate there takes effect at the next step and leaves the state alone.
     */
    static void setLearningRate(ComputationGraph net, double lr) {
        for (Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer bl) {
                setRate(bl, lr);
            }
        }
        for (var v : net.getConfiguration().getVertices().values()) {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof BaseLayer bl) {
                setRate(bl, lr);
            }
        }
    }

    private static void setRate(BaseLayer layer, double lr) {
        if (layer.getIUpdater() != null && layer.getIUpdater().hasLearningRate()) {
            layer.getIUpdater().setLrAndSchedule(lr, null);
        }
        if (layer.getBiasUpdater() != null && layer.getBiasUpdater().hasLearningRate()) {
            layer.getBiasUpdater().setLrAndSchedule(lr, null);
        }
    }

    /** @return the optimiser */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the learning-rate schedule */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** @return the maximum number of epochs */
    public int epochs() {
        return epochs;
    }

    /** @return the seed of ND4J's random generator during training */
    public long seed() {
        return seed;
    }

    /** @return the output directory of checkpoints, CSV and PNG */
    public Path outputDirectory() {
        return outputDirectory;
    }

    @Override
    public String toString() {
        return "Trainer[" + optimizer + ", " + schedule + ", epochs=" + epochs + ", seed=" + seed
                + (metric == null ? "" : ", early stopping on " + metric.name() + " patience " + patience) + "]";
    }

    /** Builds a {@link Trainer}; {@link #build()} validates. */
    public static final class Builder {
        private Optimizer optimizer;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private int epochs = -1;
        private long seed = 42;
        private ValidationMetric metric;
        private int patience = Integer.MAX_VALUE;
        private double minDelta;
        private Path outputDirectory;
        private final List<ProgressListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** @param value the optimiser (required) */
        public Builder optimizer(Optimizer value) {
            this.optimizer = value;
            return this;
        }

        /** @param value the learning-rate schedule (default constant) */
        public Builder schedule(LearningRateSchedule value) {
            this.schedule = value;
            return this;
        }

        /** @param value the maximum number of epochs, &gt;= 1 (required) */
        public Builder epochs(int value) {
            this.epochs = value;
            return this;
        }

        /** @param value the seed of ND4J's random generator (dropout and other random layers), default 42 */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Validates with {@code value} after every epoch and keeps the best checkpoint; without
         * {@link #earlyStopping} it never stops early.
         *
         * @param value the validation metric
         */
        public Builder validationMetric(ValidationMetric value) {
            this.metric = value;
            return this;
        }

        /**
         * Stops when {@code metric} has not improved by more than {@code minDelta} for {@code patience} epochs.
         *
         * @param value         the validation metric
         * @param patienceEpochs epochs without improvement before stopping, &gt;= 1
         * @param minDeltaValue  the smallest change that counts as an improvement, &gt;= 0, in the metric's units
         */
        public Builder earlyStopping(ValidationMetric value, int patienceEpochs, double minDeltaValue) {
            this.metric = value;
            this.patience = patienceEpochs;
            this.minDelta = minDeltaValue;
            return this;
        }

        /** @param value the directory for checkpoints, CSV and PNG (created if missing; required) */
        public Builder outputDirectory(Path value) {
            this.outputDirectory = value;
            return this;
        }

        /** @param value a progress listener, called in the order added */
        public Builder listener(ProgressListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * @return the trainer
         * @throws IllegalArgumentException naming the parameter: optimizer, schedule, outputDirectory missing;
         *                                  epochs &lt; 1; patience &lt; 1; minDelta negative or not finite
         */
        public Trainer build() {
            if (optimizer == null) {
                throw new IllegalArgumentException("Trainer: optimizer must be set (Optimizer.adam(lr) or sgd(lr))");
            }
            if (schedule == null) {
                throw new IllegalArgumentException("Trainer: schedule must not be null");
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("Trainer: epochs must be set to >= 1, got " + epochs);
            }
            if (patience < 1) {
                throw new IllegalArgumentException("Trainer: patience must be >= 1 epoch, got " + patience);
            }
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("Trainer: minDelta must be finite and >= 0, got " + minDelta);
            }
            if (outputDirectory == null) {
                throw new IllegalArgumentException("Trainer: outputDirectory must be set (checkpoints, metrics.csv, "
                        + "training-curve.png go there)");
            }
            return new Trainer(this);
        }
    }
}
