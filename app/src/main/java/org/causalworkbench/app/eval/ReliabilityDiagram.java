package org.causalworkbench.app.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws an eval report's reliability diagram as a PNG: per bin, a bar to the fraction of items that
 * are causal, the bin's mean probability as a dot, and the diagonal a calibrated judge would follow;
 * bar shade shows how many items the bin holds.
 */
public final class ReliabilityDiagram {

  private static final int SIZE = 480;
  private static final int MARGIN = 56;

  private ReliabilityDiagram() {}

  public static void write(EvalReport report, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, SIZE, SIZE);
      int plot = SIZE - 2 * MARGIN;
      int max = report.reliability().stream().mapToInt(EvalReport.Bin::n).max().orElse(1);
      for (EvalReport.Bin bin : report.reliability()) {
        int x0 = MARGIN + (int) Math.round(bin.lower() * plot);
        int x1 = MARGIN + (int) Math.round(bin.upper() * plot);
        if (bin.n() > 0) {
          int h = (int) Math.round(bin.fractionCausal() * plot);
          float shade = 0.35f + 0.65f * bin.n() / Math.max(1, max);
          g.setColor(new Color(0.16f, 0.38f, 0.68f, shade));
          g.fillRect(x0 + 2, MARGIN + plot - h, x1 - x0 - 4, h);
          int cx = MARGIN + (int) Math.round(bin.meanProbability() * plot);
          int cy = MARGIN + plot - (int) Math.round(bin.meanProbability() * plot);
          g.setColor(new Color(0.85f, 0.35f, 0.1f));
          g.fillOval(cx - 4, cy - 4, 8, 8);
        }
      }
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
      g.drawLine(MARGIN, MARGIN + plot, MARGIN + plot, MARGIN);
      g.setStroke(new BasicStroke(1));
      g.setColor(Color.BLACK);
      g.drawRect(MARGIN, MARGIN, plot, plot);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int i = 0; i <= 10; i += 2) {
        String label = String.format(Locale.ROOT, "%.1f", i / 10.0);
        int at = MARGIN + i * plot / 10;
        g.drawString(label, at - 8, MARGIN + plot + 16);
        g.drawString(label, MARGIN - 28, MARGIN + plot - i * plot / 10 + 4);
      }
      g.drawString("probability of causal (bars: fraction causal; dots: mean p)", MARGIN, SIZE - 14);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      g.drawString(String.format(Locale.ROOT, "%s: ECE %.3f, F1 %.3f (95%%: %.3f-%.3f), n %d", report.judge(),
          report.ece(), report.f1(), report.f1Interval().lower(), report.f1Interval().upper(), report.answered()),
          MARGIN, MARGIN - 20);
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }
}
