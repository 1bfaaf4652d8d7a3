package dev.trii.scheduler.console;

import dev.trii.scheduler.reports.ReportLibrary;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How a report file is sent: its type, a file name to save it under, and no script or outside resource allowed. */
public final class ReportDownloads {

  /** Reports are self-contained: inline styles and SVG, images as data, nothing fetched, nothing run. */
  private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

  private ReportDownloads() {}

  public static ResponseEntity<byte[]> answer(ReportLibrary.File file) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(file.name()).build().toString())
        .header("Content-Security-Policy", POLICY)
        .body(file.content());
  }
}
