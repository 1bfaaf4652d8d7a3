package dev.trii.scheduler.console.web;

import dev.trii.scheduler.console.ReportDownloads;
import dev.trii.scheduler.reports.ReportLibrary;
import dev.trii.scheduler.security.ConsoleUsers;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The console's list of analyst reports, each day with links to its HTML and PDF. */
@Controller
class ReportPages {

  private final ReportLibrary reports;
  private final ConsoleUsers users;

  ReportPages(ReportLibrary reports, ConsoleUsers users) {
    this.reports = reports;
    this.users = users;
  }

  @GetMapping("/reports")
  String reports(Model model, Principal user) {
    ConsolePages.who(model, user, users);
    model.addAttribute("reports", reports.list(null, null));
    return "reports";
  }

  @GetMapping("/reports/{date}/{file:.+}")
  ResponseEntity<byte[]> file(@PathVariable String date, @PathVariable String file) {
    return ReportDownloads.answer(reports.file(date, file));
  }

  @ExceptionHandler(ReportLibrary.UnknownReportException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(RuntimeException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "error/404";
  }

  @ExceptionHandler(IllegalArgumentException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String badRequest(IllegalArgumentException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "error/400";
  }
}
