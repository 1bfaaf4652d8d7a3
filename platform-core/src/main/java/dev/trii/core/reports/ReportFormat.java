package dev.trii.core.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a report is written in: one file each, side by side in object storage. */
public enum ReportFormat {
  HTML("html", "text/html; charset=utf-8"),
  PDF("pdf", "application/pdf");

  private final String extension;
  private final String contentType;

  ReportFormat(String extension, String contentType) {
    this.extension = extension;
    this.contentType = contentType;
  }

  /** The file extension, also the name users give ({@code html}, {@code pdf}). */
  public String extension() {
    return extension;
  }

  public String contentType() {
    return contentType;
  }

  /**
   * The format a user named, in any case.
   *
   * @throws IllegalArgumentException naming the formats there are
   */
  public static ReportFormat parse(String name) {
    for (ReportFormat format : values()) {
      if (format.extension.equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown report format '" + name + "': use one of "
        + Arrays.stream(values()).map(ReportFormat::extension).collect(Collectors.joining(", ")));
  }
}
