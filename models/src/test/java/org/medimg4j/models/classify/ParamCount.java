package org.medimg4j.models.classify;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;

/** Counts a configuration's parameters as DL4J's numParams() would, without allocating them. */
final class ParamCount {

    private ParamCount() {
    }

    static long of(ComputationGraphConfiguration conf) {
        long n = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                n += lv.getLayerConf().getLayer().initializer().numParams(lv.getLayerConf());
            }
        }
        return n;
    }
}
