package dev.trii.batch.report;

import dev.trii.core.accuracy.LiveAccuracy.Tally;
import dev.trii.core.market.Bar;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The report's charts: JFreeChart figures drawn by JFreeSVG into inline {@code <svg class="chart">} elements, vector
 * graphics in the HTML and (through Batik) in the PDF. A chart is only drawn when it has data to show: each method
 * returns null otherwise, and the report says so in words.
 */
public final class ReportCharts {

  /** Width of every chart in CSS pixels: the text width of an A4 page with the report's margins. */
  public static final int WIDTH = 680;

  static final Color PRICE = new Color(0x1f5fa8);
  static final Color BAND = new Color(0xbcd4ee);
  static final Color VOLUME = new Color(0x2a9d8f);
  static final Color SPREAD = new Color(0xb04a8c);
  static final Color HIT_RATE = new Color(0x3c8d2f);
  /** Colours of the reject reasons, in order of their totals (then repeated). */
  static final List<Color> REASONS = List.of(new Color(0xe15759), new Color(0x4e79a7), new Color(0xf28e2b),
      new Color(0x76b7b2), new Color(0x59a14f), new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7),
      new Color(0x9c755f));
  private static final Color GRID = new Color(0xe3e3e3);
  private static final Color AXIS = new Color(0x555555);
  private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
  private static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;

  /**
   * One symbol's day: the mid (close as a line, high–low as a band), the volume traded per minute and the mean
   * spread, sharing a time axis in the venue's time zone; a panel whose data is all zero (no trades, or trades
   * alone with no spread) is left out.
   */
  public String symbolDay(SymbolDay day, String id) {
    DateAxis time = timeAxis("time (" + zoneName(day.zone()) + ")", day.zone(), "HH:mm");
    long start = day.session() == null ? day.firstBar().toEpochMilli() : day.session().open();
    long end = day.session() == null ? day.lastBar().toEpochMilli() + MINUTE : day.session().close();
    time.setRange(Math.min(start, day.firstBar().toEpochMilli()),
        Math.max(end, day.lastBar().toEpochMilli() + MINUTE));
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(6);

    YIntervalSeries mid = new YIntervalSeries("mid");
    for (Bar bar : day.bars()) {
      mid.add(bar.barTime(), bar.close(), bar.low(), bar.high());
    }
    YIntervalSeriesCollection prices = new YIntervalSeriesCollection();
    prices.addSeries(mid);
    DeviationRenderer band = new DeviationRenderer(true, day.barCount() < 30);
    band.setSeriesPaint(0, PRICE);
    band.setSeriesFillPaint(0, BAND);
    band.setSeriesStroke(0, new BasicStroke(1.1f));
    band.setAlpha(1f);
    band.setSeriesShape(0, new Rectangle2D.Double(-2, -2, 4, 4));
    plot.add(panel(new XYPlot(prices, null, valueAxis("mid", false), band)), 3);

    if (day.hasVolume()) {
      XYSeries volume = new XYSeries("volume");
      day.bars().forEach(bar -> volume.add(bar.barTime(), bar.volume()));
      XYSeriesCollection volumes = new XYSeriesCollection(volume);
      volumes.setIntervalWidth(MINUTE);
      volumes.setIntervalPositionFactor(0);
      plot.add(panel(new XYPlot(volumes, null, valueAxis("volume", true), bars(VOLUME))), 1);
    }
    if (day.hasSpread()) {
      XYSeries spread = new XYSeries("spread");
      day.bars().forEach(bar -> spread.add(bar.barTime(), bar.meanSpread()));
      XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, day.barCount() < 30);
      line.setSeriesPaint(0, SPREAD);
      line.setSeriesStroke(0, new BasicStroke(1f));
      line.setDrawSeriesLineAsPath(true); // one SVG path, not an element per minute (most of the page's bytes)
      line.setSeriesShape(0, new Rectangle2D.Double(-2, -2, 4, 4));
      plot.add(panel(new XYPlot(new XYSeriesCollection(spread), null, valueAxis("spread", true), line)), 1);
    }
    int height = 150 + 75 * (plot.getSubplots().size());
    return svg(chart(plot, false), height, id, day.symbol() + ": mid, volume and spread over the day");
  }

  /** The day's rejects per UTC hour, stacked by reason; null when there are none. */
  public String rejectsByHour(RejectHours rejects, String id) {
    if (rejects.isEmpty()) {
      return null;
    }
    DefaultTableXYDataset dataset = new DefaultTableXYDataset();
    for (String reason : rejects.reasons()) {
      XYSeries series = new XYSeries(reason, true, false);
      for (int h = 0; h < rejects.hours().size(); h++) {
        series.add(rejects.hours().get(h).toEpochMilli(), rejects.count(reason, h));
      }
      dataset.addSeries(series);
    }
    dataset.setIntervalWidth(HOUR);
    dataset.setIntervalPositionFactor(0);
    StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.12);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    for (int i = 0; i < rejects.reasons().size(); i++) {
      renderer.setSeriesPaint(i, REASONS.get(i % REASONS.size()));
    }
    List<Instant> hours = rejects.hours();
    DateAxis time = timeAxis("hour (UTC), " + LocalDate.ofInstant(hours.get(0), ZoneOffset.UTC)
        + (hours.size() > 1 && !LocalDate.ofInstant(hours.get(0), ZoneOffset.UTC)
            .equals(LocalDate.ofInstant(hours.get(hours.size() - 1), ZoneOffset.UTC))
            ? " to " + LocalDate.ofInstant(hours.get(hours.size() - 1), ZoneOffset.UTC) : ""),
        ZoneOffset.UTC, "HH:mm");
    time.setRange(hours.get(0).toEpochMilli(), hours.get(hours.size() - 1).toEpochMilli() + HOUR);
    NumberAxis count = valueAxis("rejects", true);
    count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYPlot plot = panel(new XYPlot(dataset, time, count, renderer));
    return svg(chart(plot, true), 260, id, "rejected records per hour by reason");
  }

  /**
   * The champion's live hit rate by trading day, with the 50 % of a coin flip; null with fewer than two days that
   * have a hit rate.
   */
  public String liveHitRate(List<Tally> days, String id) {
    XYSeries rate = new XYSeries("live hit rate");
    double low = 45;
    double high = 55;
    for (Tally day : days) {
      if (day.hitRate() != null) {
        double percent = day.hitRate() * 100;
        rate.add(day.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), percent);
        low = Math.min(low, percent);
        high = Math.max(high, percent);
      }
    }
    if (rate.getItemCount() < 2) {
      return null;
    }
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
    line.setSeriesPaint(0, HIT_RATE);
    line.setSeriesStroke(0, new BasicStroke(1.6f));
    line.setSeriesShape(0, new Rectangle2D.Double(-3, -3, 6, 6));
    DateAxis time = timeAxis("trading day", ZoneOffset.UTC, "MM-dd");
    int spanDays = (int) Math.round((rate.getMaxX() - rate.getMinX()) / (24 * HOUR));
    time.setTickUnit(new DateTickUnit(DateTickUnitType.DAY, Math.max(1, (spanDays + 9) / 10)));
    double margin = 12 * HOUR + (rate.getMaxX() - rate.getMinX()) * 0.02;
    time.setRange(rate.getMinX() - margin, rate.getMaxX() + margin);
    NumberAxis percent = valueAxis("hit rate (%)", false);
    percent.setRange(new Range(Math.max(0, Math.floor(low / 5) * 5 - 5), Math.min(100, Math.ceil(high / 5) * 5 + 5)));
    XYPlot plot = panel(new XYPlot(new XYSeriesCollection(rate), time, percent, line));
    ValueMarker coinFlip = new ValueMarker(50, AXIS, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        10f, new float[] {4f, 3f}, 0f));
    coinFlip.setLabel("coin flip");
    coinFlip.setLabelFont(TICKS);
    coinFlip.setLabelPaint(AXIS);
    coinFlip.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    coinFlip.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
    coinFlip.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    coinFlip.setLabelOffset(new RectangleInsets(2, 2, 2, 4));
    plot.addRangeMarker(coinFlip);
    return svg(chart(plot, false), 220, id, "live hit rate of the champion by trading day");
  }

  private static XYBarRenderer bars(Color color) {
    XYBarRenderer renderer = new XYBarRenderer(0);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setSeriesPaint(0, color);
    return renderer;
  }

  private static XYPlot panel(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(0.6f));
    plot.setRangeGridlineStroke(new BasicStroke(0.6f));
    plot.setOutlinePaint(GRID);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    return plot;
  }

  private static NumberAxis valueAxis(String label, boolean includesZero) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(includesZero);
    style(axis);
    return axis;
  }

  private static DateAxis timeAxis(String label, ZoneId zone, String format) {
    TimeZone timeZone = TimeZone.getTimeZone(zone);
    DateAxis axis = new DateAxis(label, timeZone, Locale.ROOT);
    SimpleDateFormat dateFormat = new SimpleDateFormat(format, Locale.ROOT);
    dateFormat.setTimeZone(timeZone);
    axis.setDateFormatOverride(dateFormat);
    style(axis);
    return axis;
  }

  private static void style(ValueAxis axis) {
    axis.setTickLabelFont(TICKS);
    axis.setLabelFont(LABELS);
    axis.setTickLabelPaint(AXIS);
    axis.setLabelPaint(AXIS);
    axis.setAxisLinePaint(AXIS);
    axis.setTickMarkPaint(AXIS);
  }

  private static JFreeChart chart(Plot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(null, LABELS, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(4, 2, 2, 10));
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    LegendTitle title = chart.getLegend();
    if (title != null) {
      title.setItemFont(TICKS);
      title.setFrame(BlockBorder.NONE);
      title.setPosition(RectangleEdge.BOTTOM);
    }
    return chart;
  }

  /** The chart as an inline SVG element with the given id (also the prefix of its definitions, unique per page). */
  private static String svg(JFreeChart chart, int height, String id, String label) {
    SVGGraphics2D graphics = new SVGGraphics2D(WIDTH, height);
    graphics.setDefsKeyPrefix(id + "-");
    // two decimals of a pixel are plenty, and keep the files small
    graphics.setGeomDoubleConverter(value -> String.valueOf(Math.round(value * 100) / 100.0));
    chart.draw(graphics, new Rectangle2D.Double(0, 0, WIDTH, height));
    String element = graphics.getSVGElement(id, false, new ViewBox(0, 0, WIDTH, height), null, null);
    // integer dimensions: the PDF renderer reads them as the element's size
    return "<svg class=\"chart\" width=\"" + WIDTH + "\" height=\"" + height + "\" role=\"img\" aria-label=\""
        + label.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;") + "\" "
        + element.substring("<svg ".length());
  }

  private static String zoneName(ZoneId zone) {
    return zone.getId().equals("Z") || zone.getId().equals("UTC") ? "UTC" : zone.getId();
  }
}
