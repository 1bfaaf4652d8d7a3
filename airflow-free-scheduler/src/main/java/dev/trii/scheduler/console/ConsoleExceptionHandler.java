package dev.trii.scheduler.console;

import dev.trii.scheduler.insight.ModelConsole;
import dev.trii.scheduler.pipeline.RunNotFoundException;
import dev.trii.scheduler.pipeline.RunStateException;
import dev.trii.scheduler.pipeline.UnknownPipelineException;
import dev.trii.scheduler.reports.ReportLibrary;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where console errors become answers, each an RFC 9457 problem ({@code application/problem+json}
 * with {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, as the scoring API answers;
 * requests no controller takes are answered the same way by {@link ProblemErrorController}): unknown pipeline, run, model or report 404, bad input 400
 * (including malformed JSON and unconvertible path or query values, via Spring's own handling), and anything
 * unexpected 500 (logged, details not shown).
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ConsoleExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ConsoleExceptionHandler.class);

  /** RFC 9457's type of a problem that is its HTTP status and nothing more, written out as the scoring API does. */
  private static final URI ABOUT_BLANK = URI.create("about:blank");

  @ExceptionHandler({UnknownPipelineException.class, RunNotFoundException.class,
      ModelConsole.UnknownModelException.class, ReportLibrary.UnknownReportException.class})
  ProblemDetail notFound(RuntimeException e) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(RunStateException.class)
  ProblemDetail conflict(RunStateException e) {
    return problem(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalid(InvalidInputException e) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("console request failed", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: see the scheduler's log");
  }

  /** Unreadable JSON: the parser's own first line says where and what (an unknown field, a bad date). */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = e.getMostSpecificCause();
    String message = cause.getMessage() == null ? "the request body is not valid JSON"
        : cause.getMessage().lines().findFirst().orElse("").replaceAll(" \\(class [^)]*\\)", "");
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "unreadable request body: " + message));
  }

  /** Spring's own answers (415, 405 on a known path, …) get the same explicit {@code type} as ours. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
      WebRequest request) {
    if (body instanceof ProblemDetail problem && problem.getType() == null) {
      problem.setType(ABOUT_BLANK);
    }
    return super.createResponseEntity(body, headers, statusCode, request);
  }

  private static ProblemDetail problem(HttpStatus status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(ABOUT_BLANK);
    return problem;
  }
}
