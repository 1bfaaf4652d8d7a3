package dev.trii.scheduler.console;

import dev.trii.scheduler.pipeline.PipelineLaunchException;
import dev.trii.scheduler.pipeline.RunNotFoundException;
import dev.trii.scheduler.pipeline.RunStateException;
import dev.trii.scheduler.pipeline.UnknownPipelineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where console errors become answers, each an RFC 9457 problem ({@code application/problem+json}
 * with {@code status}, {@code title}, {@code detail}): unknown pipeline or run 404, bad input 400 (including
 * malformed JSON and unconvertible path or query values, via Spring's own handling), a run Quartz refused 503, and
 * anything unexpected 500 (logged, details not shown).
 */
@RestControllerAdvice
class ConsoleExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ConsoleExceptionHandler.class);

  @ExceptionHandler({UnknownPipelineException.class, RunNotFoundException.class})
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

  @ExceptionHandler(PipelineLaunchException.class)
  ProblemDetail notLaunched(PipelineLaunchException e) {
    log.error("a pipeline run could not be handed to Quartz", e);
    return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("console request failed", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: see the scheduler's log");
  }

  private static ProblemDetail problem(HttpStatus status, String detail) {
    return ProblemDetail.forStatusAndDetail(status, detail);
  }
}
