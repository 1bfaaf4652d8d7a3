package dev.trii.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * Checks that the charts of a report's PDF show something. openhtmltopdf's SVG drawer draws each inline SVG into a
 * PDF form XObject; this finds every form a page draws (the {@code Do} operator at the top level of the page's
 * content), maps the form's bounding box through its matrix and the current transformation matrix to the page, then
 * crops that rectangle from a raster of the page made by poppler's {@code pdftoppm} and measures its ink.
 */
final class PdfChartAreas {

  /** Raster resolution, dots per inch. */
  static final int DPI = 60;
  /** A chart must put ink (a pixel not near white) on at least this share of its area. */
  static final double MIN_INK = 0.03;
  /** And colour (a pixel whose channels differ: the data series; axes and text are grey) on at least this share. */
  static final double MIN_COLOUR = 0.002;
  /** And use more than this many distinct colours. */
  static final int MIN_DISTINCT_COLOURS = 3;

  /** Where a chart is drawn: its page (from 1) and its rectangle in PDF points, origin at the page's top left. */
  record Area(int page, Rectangle2D points, double pageHeight) {

    /** The rectangle in the pixels of a raster at {@link #DPI}, shrunk by a pixel on each side. */
    Rectangle pixels(BufferedImage image) {
      double scale = DPI / 72.0;
      int x = (int) Math.ceil(points.getX() * scale) + 1;
      int y = (int) Math.ceil(points.getY() * scale) + 1;
      int width = (int) Math.floor(points.getWidth() * scale) - 2;
      int height = (int) Math.floor(points.getHeight() * scale) - 2;
      return new Rectangle(x, y, width, height).intersection(new Rectangle(0, 0, image.getWidth(),
          image.getHeight()));
    }
  }

  /**
   * What a crop of the raster shows.
   *
   * @param ink share of pixels that are not near white
   * @param colour share of pixels with a hue (channels at least 40 apart)
   * @param distinctColours distinct RGB values among the inked pixels
   */
  record Ink(double ink, double colour, int distinctColours) {

    boolean looksDrawn() {
      return ink >= MIN_INK && colour >= MIN_COLOUR && distinctColours > MIN_DISTINCT_COLOURS;
    }
  }

  private PdfChartAreas() {}

  /** Every form XObject drawn at the top level of each page, in page and drawing order. */
  static List<Area> find(byte[] pdf) {
    List<Area> areas = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      int number = 0;
      for (PDPage page : document.getPages()) {
        int pageNumber = ++number;
        PDRectangle media = page.getMediaBox();
        PDFStreamEngine engine = new PDFStreamEngine() {
          {
            addOperator(new Concatenate(this));
            addOperator(new SetMatrix(this));
            addOperator(new Save(this));
            addOperator(new Restore(this));
            addOperator(new DrawObject(this));
          }

          @Override
          public void showForm(PDFormXObject form) {
            Matrix toPage = form.getMatrix().multiply(getGraphicsState().getCurrentTransformationMatrix());
            PDRectangle box = form.getBBox();
            Rectangle2D bounds = null;
            for (float[] corner : new float[][] {{box.getLowerLeftX(), box.getLowerLeftY()},
                {box.getUpperRightX(), box.getLowerLeftY()}, {box.getLowerLeftX(), box.getUpperRightY()},
                {box.getUpperRightX(), box.getUpperRightY()}}) {
              Point2D.Float point = toPage.transformPoint(corner[0], corner[1]);
              Point2D.Double fromTop = new Point2D.Double(point.x - media.getLowerLeftX(),
                  media.getUpperRightY() - point.y);
              if (bounds == null) {
                bounds = new Rectangle2D.Double(fromTop.x, fromTop.y, 0, 0);
              } else {
                bounds.add(fromTop);
              }
            }
            areas.add(new Area(pageNumber, bounds, media.getHeight()));
          }
        };
        engine.processPage(page);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return areas;
  }

  /** The pages of a PDF file as images, made by {@code pdftoppm -r 60 -png}. */
  static List<BufferedImage> rasterize(Path pdf) {
    Path pdftoppm = Path.of("/usr/bin/pdftoppm");
    if (!Files.isExecutable(pdftoppm)) {
      pdftoppm = Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(dir -> Path.of(dir, "pdftoppm"))
          .filter(Files::isExecutable).findFirst()
          .orElseThrow(() -> new AssertionError("pdftoppm is missing: install poppler-utils "
              + "(apt-get install poppler-utils) to check the report's PDF"));
    }
    Path prefix = pdf.resolveSibling(pdf.getFileName().toString().replaceFirst("\\.pdf$", "") + "-page");
    try {
      Process process = new ProcessBuilder(pdftoppm.toString(), "-r", String.valueOf(DPI), "-png", pdf.toString(),
          prefix.toString()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("pdftoppm did not finish in 120 s on " + pdf);
      }
      assertThat(process.exitValue()).as("pdftoppm on %s: %s", pdf, output).isZero();
      List<Path> pages;
      try (Stream<Path> files = Files.list(pdf.getParent())) {
        String stem = prefix.getFileName().toString() + "-";
        pages = files.filter(f -> f.getFileName().toString().startsWith(stem) && f.toString().endsWith(".png"))
            .sorted((a, b) -> Integer.compare(pageNumber(a, stem), pageNumber(b, stem))).toList();
      }
      List<BufferedImage> images = new ArrayList<>();
      for (Path page : pages) {
        images.add(ImageIO.read(page.toFile()));
      }
      return images;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + pdftoppm + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while pdftoppm ran", e);
    }
  }

  /** The ink of a rectangle of an image. */
  static Ink ink(BufferedImage image, Rectangle area) {
    long pixels = (long) area.width * area.height;
    if (pixels <= 0) {
      return new Ink(0, 0, 0);
    }
    long inked = 0;
    long coloured = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = area.y; y < area.y + area.height; y++) {
      for (int x = area.x; x < area.x + area.width; x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (Math.min(r, Math.min(g, b)) < 235) {
          inked++;
          colours.add(rgb);
        }
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) >= 40) {
          coloured++;
        }
      }
    }
    return new Ink((double) inked / pixels, (double) coloured / pixels, colours.size());
  }

  /**
   * Asserts the PDF draws exactly {@code expected} charts, each of them visibly drawn on the raster of its page.
   *
   * @param pdf the PDF, written to a file of its own folder (the page images go next to it)
   * @return the ink of each chart, in order
   */
  static List<Ink> assertEveryChartDrawn(Path pdf, int expected) throws IOException {
    List<Area> areas = find(Files.readAllBytes(pdf));
    assertThat(areas).as("charts drawn in %s (one form XObject per inline <svg>)", pdf).hasSize(expected);
    List<BufferedImage> pages = rasterize(pdf);
    List<Ink> inks = new ArrayList<>();
    for (int i = 0; i < areas.size(); i++) {
      Area area = areas.get(i);
      assertThat(pages).as("pages of %s", pdf).hasSizeGreaterThanOrEqualTo(area.page());
      BufferedImage page = pages.get(area.page() - 1);
      assertThat(Math.abs(page.getHeight() - area.pageHeight() * DPI / 72.0)).as("raster scale").isLessThan(2);
      Rectangle pixels = area.pixels(page);
      assertThat(pixels.width * pixels.height).as("chart %d's area on page %d: %s", i + 1, area.page(), pixels)
          .isGreaterThan(2_000);
      Ink ink = ink(page, pixels);
      assertThat(ink.looksDrawn()).as("chart %d of %d on page %d at %s px is blank or nearly so: %s (needs ink >= %s, "
          + "colour >= %s, more than %d colours)", i + 1, areas.size(), area.page(), pixels, ink, MIN_INK,
          MIN_COLOUR, MIN_DISTINCT_COLOURS).isTrue();
      inks.add(ink);
    }
    return inks;
  }

  private static int pageNumber(Path file, String stem) {
    String name = file.getFileName().toString();
    return Integer.parseInt(name.substring(stem.length(), name.length() - ".png".length()));
  }
}
