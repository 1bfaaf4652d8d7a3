package dev.trii.scheduler.console;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.error.ErrorAttributeOptions.Include;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors that never reach a controller, as RFC 9457 problems like every other API error: a path no route takes, a
 * method the path does not accept, a failure in a filter. Spring Boot's error page receives these; for API clients
 * its default JSON ({@code timestamp}, {@code error}, {@code path}) is replaced by {@code type}, {@code title},
 * {@code status}, {@code detail} and {@code instance}. Browsers still get the HTML error page, and nothing of the
 * exception beyond its one-line message is shown.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController extends BasicErrorController {

  ProblemErrorController(ErrorAttributes errorAttributes, ObjectProvider<ErrorViewResolver> errorViewResolvers) {
    super(errorAttributes, new ErrorProperties(), errorViewResolvers.orderedStream().toList());
  }

  @Override
  @RequestMapping
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    HttpStatus status = getStatus(request);
    if (status == HttpStatus.NO_CONTENT) {
      return new ResponseEntity<>(status);
    }
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? request.getRequestURI() : uri.toString();
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    // the error dispatch is a GET: the request's own method is only in the message Spring recorded
    Object message = getErrorAttributes(request, ErrorAttributeOptions.of(Include.MESSAGE)).get("message");
    problem.put("detail", detail(status, path, message == null ? "" : message.toString()));
    problem.put("instance", path);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static String detail(HttpStatus status, String path, String message) {
    return switch (status) {
      case NOT_FOUND -> "no route answers " + path + " (GET /v3/api-docs lists the API)";
      case METHOD_NOT_ALLOWED -> message.replaceFirst("\\.$", "") + " on " + path + " (GET /v3/api-docs lists the API)";
      default -> status.is4xxClientError() && !message.isBlank() ? message.lines().findFirst().orElse("")
          : status.is5xxServerError() ? "internal error: see the scheduler's log" : status.getReasonPhrase();
    };
  }
}
