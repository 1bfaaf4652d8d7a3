package dev.trii.batch.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.w3c.dom.Document;

/**
 * Renders a {@link DailyReport}: a self-contained HTML5 page (Thymeleaf template {@value #TEMPLATE}, inline CSS,
 * inline SVG charts from {@link ReportCharts}, no scripts and no external resources), and a PDF of that page
 * (openhtmltopdf, A4 portrait with page numbers; the charts drawn as vectors by Batik).
 */
public final class ReportRenderer {

  /** The template, on the classpath. */
  public static final String TEMPLATE = "dev/trii/batch/report/daily-report.html";

  /** The font the PDF falls back to for characters outside the standard fonts' (→, ≥, −): PDFBox's own copy. */
  private static final String FALLBACK_FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
  private static final String FALLBACK_FAMILY = "Report Fallback";
  static {
    XRLog.setLoggerImpl(new PdfRendererLog());
  }

  /** The charts of one report, by what they show; null where there is nothing to chart. */
  public record Figures(Map<String, String> symbols, String rejects, String liveHitRate) {

    public Figures {
      symbols = Map.copyOf(symbols);
    }

    /** A symbol's figure. */
    public String symbol(String symbol) {
      return symbols.get(symbol);
    }
  }

  private final TemplateEngine engine;
  private final ReportCharts charts = new ReportCharts();
  private final ReportText text = new ReportText();

  public ReportRenderer() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportRenderer.class.getClassLoader());
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
  }

  /** The report as a self-contained HTML5 page. */
  public String html(DailyReport report) {
    Context context = new Context(Locale.ROOT);
    context.setVariable("r", report);
    context.setVariable("fmt", text);
    context.setVariable("charts", figures(report));
    return engine.process(TEMPLATE, context);
  }

  /** The charts of a report, each with an id unique in the page. */
  public Figures figures(DailyReport report) {
    Map<String, String> symbols = new LinkedHashMap<>();
    List<SymbolDay> days = report.symbols();
    for (int i = 0; i < days.size(); i++) {
      symbols.put(days.get(i).symbol(), charts.symbolDay(days.get(i), "chart-symbol-" + (i + 1)));
    }
    ModelDay.Champion champion = report.model().champion();
    return new Figures(symbols, charts.rejectsByHour(report.quality().rejects(), "chart-rejects"),
        champion == null ? null : charts.liveHitRate(champion.liveDays(), "chart-live-hit-rate"));
  }

  /** A PDF of an HTML page made by {@link #html}. */
  public byte[] pdf(String html) {
    Document document = W3CDom.convert(Jsoup.parse(html));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.withW3cDocument(document, "about:blank");
    builder.useSVGDrawer(new BatikSVGDrawer());
    builder.useFont(ReportRenderer::fallbackFont, FALLBACK_FAMILY);
    builder.toStream(out);
    try {
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the report's PDF: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static InputStream fallbackFont() {
    InputStream font = PDDocument.class.getResourceAsStream(FALLBACK_FONT);
    if (font == null) {
      throw new IllegalStateException("PDFBox no longer ships " + FALLBACK_FONT + ": the report's PDF needs a font "
          + "for characters outside the standard ones");
    }
    return font;
  }
}
