package org.medimg4j.models.backend;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Repeated inference with a {@link ComputationGraph} whose native memory stays flat: each forward pass writes its
 * outputs into a workspace of this session that is reused call after call, so nothing waits for the Java GC.
 *
 * <p>{@code graph.output(x)} returns arrays allocated outside every workspace and freed only when the GC happens to
 * collect them (see {@link NativeMemory}); this class instead passes an open workspace to
 * {@code ComputationGraph#output(boolean, MemoryWorkspace, INDArray...)}, hands the outputs to the caller while it is
 * open, and closes it, which frees them at once. The graph's own activation workspaces (inference workspace mode
 * ENABLED, required here) are reused by DL4J the same way. The first call learns the workspace size; a larger input
 * later grows it once.
 *
 * <p>Thread use: ND4J workspaces belong to a thread, so each thread that calls gets its own output workspace;
 * DL4J serialises {@code output} calls on one graph. {@link #close()} releases the calling thread's workspace.
 */
public final class InferenceSession implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong();
    private static final WorkspaceConfiguration OUTPUT_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.0)
            .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE).build();

    private final ComputationGraph graph;
    private final String workspaceId;

    /**
     * @param graph an initialised graph whose inference workspace mode is ENABLED (DL4J's default)
     * @throws IllegalArgumentException if {@code graph}'s inference workspace mode is not ENABLED
     */
    public InferenceSession(ComputationGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
        WorkspaceMode mode = graph.getConfiguration().getInferenceWorkspaceMode();
        if (mode != WorkspaceMode.ENABLED) {
            throw new IllegalArgumentException("graph: inference workspace mode is " + mode + ", expected ENABLED "
                    + "(without workspaces every activation is a GC-freed allocation: 2.5x slower, many GB)");
        }
        this.workspaceId = "medimg4j-inference-" + IDS.incrementAndGet();
    }

    /**
     * Runs one forward pass (inference mode) and hands the outputs to {@code reader}. The arrays it receives live in
     * this session's workspace and are freed when it returns: copy what you keep ({@code toFloatVector()},
     * {@code assign} into an array of yours).
     *
     * @param reader reads the outputs, in the graph's output order; must not return one of them
     * @param inputs the graph's inputs, in its input order
     * @param <T>    what the reader makes of the outputs
     * @return what {@code reader} returned
     * @throws IllegalStateException if {@code reader} returned an array that lives in the workspace
     */
    public <T> T run(Function<INDArray[], T> reader, INDArray... inputs) {
        Objects.requireNonNull(reader, "reader");
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(OUTPUT_WORKSPACE,
                workspaceId)) {
            T result = reader.apply(graph.output(false, ws, inputs));
            if (result instanceof INDArray array && array.isAttached()) {
                throw new IllegalStateException("reader: returned an array in the session's workspace, which is "
                        + "freed on return; copy it (detach(), toFloatVector()) inside the reader");
            }
            return result;
        }
    }

    /**
     * Runs one forward pass and copies the graph's single output into {@code target} (same shape), which the caller
     * owns and may reuse call after call.
     *
     * @param target where the output goes; its shape must equal the output's
     * @param inputs the graph's inputs
     * @throws IllegalArgumentException if {@code target}'s shape differs from the output's, naming both
     */
    public void outputInto(INDArray target, INDArray... inputs) {
        Objects.requireNonNull(target, "target");
        run(outputs -> {
            if (outputs.length != 1) {
                throw new IllegalArgumentException("target: the graph has " + outputs.length + " outputs; use run()");
            }
            if (!Arrays.equals(target.shape(), outputs[0].shape())) {
                throw new IllegalArgumentException("target: shape " + Arrays.toString(target.shape())
                        + ", the output's is " + Arrays.toString(outputs[0].shape()));
            }
            target.assign(outputs[0]);
            return null;
        }, inputs);
    }

    /** @return the graph this session runs */
    public ComputationGraph graph() {
        return graph;
    }

    /** Frees the calling thread's output workspace of this session (other threads' are freed by their own close). */
    @Override
    public void close() {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(workspaceId)) {
            Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(workspaceId).destroyWorkspace();
        }
    }
}
