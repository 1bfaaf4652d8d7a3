package dev.trii.scheduler.console.web;

import dev.trii.scheduler.insight.DataInsights;
import dev.trii.scheduler.insight.ModelConsole;
import dev.trii.scheduler.security.ConsoleUsers;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages beyond pipelines: the model registry (versions with their key metrics, every gate decision
 * with each check, the champion's history; promote and roll back with a reason, for admins), data quality (the
 * latest trading days' verdicts per symbol) and the reject explorer (rejects by day, reason and symbol, with the
 * latest records as received).
 */
@Controller
class InsightPages {

  private final ModelConsole models;
  private final DataInsights data;
  private final ConsoleUsers users;

  InsightPages(ModelConsole models, DataInsights data, ConsoleUsers users) {
    this.models = models;
    this.data = data;
    this.users = users;
  }

  @GetMapping("/models")
  String models(Model model, Principal user) {
    ConsolePages.who(model, user, users);
    model.addAttribute("models", models.models());
    return "models";
  }

  @GetMapping("/models/{name}")
  String model(@PathVariable String name, Model model, Principal user) {
    ConsolePages.who(model, user, users);
    model.addAttribute("detail", models.model(name));
    return "model";
  }

  @PostMapping("/models/{name}/promote")
  String promote(@PathVariable String name, @RequestParam int version, @RequestParam(required = false) String reason,
      Principal user, RedirectAttributes flash) {
    return ConsolePages.act(flash, "/models/" + name, () -> "v" + models.promote(name, version, reason,
        user.getName()) + " is champion");
  }

  @PostMapping("/models/{name}/rollback")
  String rollback(@PathVariable String name, @RequestParam(required = false) String reason, Principal user,
      RedirectAttributes flash) {
    return ConsolePages.act(flash, "/models/" + name, () -> "rolled back: v" + models.rollback(name, reason,
        user.getName()) + " is champion again");
  }

  @GetMapping("/quality")
  String quality(@RequestParam(defaultValue = "5") int days, Model model, Principal user) {
    ConsolePages.who(model, user, users);
    model.addAttribute("days", Math.max(1, Math.min(days, 60)));
    model.addAttribute("verdicts", data.quality(Math.max(1, Math.min(days, 60))));
    return "quality";
  }

  @GetMapping("/rejects")
  String rejects(@RequestParam(defaultValue = "30") int days, @RequestParam(required = false) String symbol,
      @RequestParam(required = false) String reason, Model model, Principal user) {
    ConsolePages.who(model, user, users);
    int span = Math.max(1, Math.min(days, 3650));
    String bySymbol = symbol == null || symbol.isBlank() ? null : symbol.trim();
    String byReason = reason == null || reason.isBlank() ? null : reason.trim();
    model.addAttribute("days", span);
    model.addAttribute("symbol", bySymbol);
    model.addAttribute("reason", byReason);
    model.addAttribute("counts", data.rejects(span, bySymbol, byReason));
    model.addAttribute("samples", data.rejectSamples(span, bySymbol, byReason, 20));
    return "rejects";
  }

  @ExceptionHandler(ModelConsole.UnknownModelException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(RuntimeException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "error/404";
  }
}
