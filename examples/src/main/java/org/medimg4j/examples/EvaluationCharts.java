package org.medimg4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.medimg4j.core.metric.RocCurve;

/** Charts of an evaluation, written as PNG with XChart: the examples' plotting, kept out of their narrative. */
final class EvaluationCharts {

    private EvaluationCharts() {
    }

    /**
     * Writes the ROC curve (sensitivity against 1 − specificity) with its AUC and the chance diagonal.
     *
     * @param png   the file to write (its extension must be .png)
     * @param roc   the curve, from {@link RocCurve#of}
     * @param title the chart title
     * @throws IOException when the file cannot be written
     */
    static void writeRoc(Path png, RocCurve roc, String title) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(600).title(title)
                .xAxisTitle("1 - specificity (false-positive rate)").yAxisTitle("sensitivity (true-positive rate)")
                .build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
                .setChartBackgroundColor(Color.WHITE).setLegendPosition(
                        org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0")
                .setYAxisTickMarkSpacingHint(60).setXAxisTickMarkSpacingHint(60);
        XYSeries curve = chart.addSeries(String.format(Locale.ROOT, "ROC, AUC = %.3f (%d+ / %d-)", roc.auc(),
                roc.positives(), roc.negatives()), roc.falsePositiveRates(), roc.truePositiveRates());
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineWidth(2f);
        XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineColor(Color.GRAY);
        chance.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 6f}, 0f));
        Files.createDirectories(png.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
