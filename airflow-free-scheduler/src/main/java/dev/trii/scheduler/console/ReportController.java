package dev.trii.scheduler.console;

import dev.trii.scheduler.reports.ReportLibrary;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analysts' reports over the API: the index ({@code GET /api/reports}, optionally {@code ?from=&to=}) and each
 * file ({@code GET /api/reports/2026-12-04/daily.pdf}).
 */
@RestController
class ReportController {

  private final ReportLibrary reports;

  ReportController(ReportLibrary reports) {
    this.reports = reports;
  }

  @GetMapping("/api/reports")
  List<ReportLibrary.Entry> list(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    return InvalidInputException.whenRefused(() -> reports.list(from, to));
  }

  @GetMapping("/api/reports/{date}/{file:.+}")
  ResponseEntity<byte[]> file(@PathVariable String date, @PathVariable String file) {
    return ReportDownloads.answer(InvalidInputException.whenRefused(() -> reports.file(date, file)));
  }
}
