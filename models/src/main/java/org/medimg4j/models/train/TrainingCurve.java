package org.medimg4j.models.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.medimg4j.core.file.AtomicFile;

/**
 * Draws the training curve as a PNG with java.awt (headless-safe: only a {@link BufferedImage}, no window): the
 * training loss against the epoch on the left axis (blue) and the validation metric on the right axis (orange),
 * each scaled to its own range, the best epoch marked by a vertical line. Written atomically.
 */
public final class TrainingCurve {

    /** Image width, pixels. */
    public static final int WIDTH = 800;
    /** Image height, pixels. */
    public static final int HEIGHT = 480;

    private static final Color LOSS = new Color(0x1f, 0x77, 0xb4);
    private static final Color METRIC = new Color(0xff, 0x7f, 0x0e);
    private static final int LEFT = 70;
    private static final int RIGHT = 70;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private TrainingCurve() {
    }

    /**
     * @param file       the PNG to (re)place
     * @param metricName the validation metric's name for the legend
     * @param history    the epochs, oldest first (none: an empty chart)
     * @throws IOException when writing fails
     */
    public static void write(java.nio.file.Path file, String metricName, List<EpochRecord> history)
            throws IOException {
        BufferedImage img = render(metricName, history);
        AtomicFile.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this JRE (ImageIO)");
            }
        });
    }

    /** @return the chart as an RGB image of {@link #WIDTH} × {@link #HEIGHT} pixels */
    public static BufferedImage render(String metricName, List<EpochRecord> history) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int pw = WIDTH - LEFT - RIGHT;
            int ph = HEIGHT - TOP - BOTTOM;
            g.setColor(Color.GRAY);
            g.drawRect(LEFT, TOP, pw, ph);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String name = metricName == null || metricName.isEmpty() ? "validation" : metricName;
            g.setColor(LOSS);
            g.drawString("training loss", LEFT, TOP - 12);
            g.setColor(METRIC);
            g.drawString(name, WIDTH - RIGHT - g.getFontMetrics().stringWidth(name), TOP - 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString("epoch", LEFT + pw / 2 - 15, HEIGHT - 12);
            if (history.isEmpty()) {
                return img;
            }
            int first = history.get(0).epoch();
            int last = history.get(history.size() - 1).epoch();
            double span = Math.max(1, last - first);
            g.drawString(Integer.toString(first), LEFT, TOP + ph + 16);
            String lastLabel = Integer.toString(last);
            g.drawString(lastLabel, LEFT + pw - g.getFontMetrics().stringWidth(lastLabel), TOP + ph + 16);
            for (EpochRecord e : history) {
                if (e.best()) {
                    int x = LEFT + (int) Math.round((e.epoch() - first) / span * pw);
                    g.setColor(new Color(0xdd, 0xdd, 0xdd));
                    g.drawLine(x, TOP + 1, x, TOP + ph - 1);
                }
            }
            series(g, history, EpochRecord::trainLoss, first, span, pw, ph, LOSS, true);
            series(g, history, EpochRecord::validationValue, first, span, pw, ph, METRIC, false);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** One line, scaled to its own finite range, with its range written on its axis. */
    private static void series(Graphics2D g, List<EpochRecord> history, ToDoubleFunction<EpochRecord> value,
                               int first, double span, int pw, int ph, Color color, boolean leftAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (EpochRecord e : history) {
            double v = value.applyAsDouble(e);
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return;   // no finite value: nothing to draw (e.g. no validation metric)
        }
        if (hi - lo < 1e-12) {
            hi = lo + 1;   // a flat line sits at the bottom rather than dividing by 0
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        Path2D.Double path = new Path2D.Double();
        boolean started = false;
        for (EpochRecord e : history) {
            double v = value.applyAsDouble(e);
            if (!Double.isFinite(v)) {
                started = false;
                continue;
            }
            double x = LEFT + (e.epoch() - first) / span * pw;
            double y = TOP + ph - (v - lo) / (hi - lo) * ph;
            if (started) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                started = true;
            }
            g.fillOval((int) Math.round(x) - 2, (int) Math.round(y) - 2, 5, 5);
        }
        g.draw(path);
        String top = String.format(Locale.ROOT, "%.4g", hi);
        String bottom = String.format(Locale.ROOT, "%.4g", lo);
        int x = leftAxis ? 4 : LEFT + pw + 6;
        g.drawString(top, x, TOP + 10);
        g.drawString(bottom, x, TOP + ph);
    }
}
