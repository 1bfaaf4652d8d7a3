package dev.trii.batch.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's log, through SLF4J like the rest of the platform (its own default prints every render's timings to
 * the console): problems stay warnings and errors, its chatty INFO becomes DEBUG, under {@code com.openhtmltopdf.*}.
 */
final class PdfRendererLog implements XRLogger {

  @Override
  public void log(String where, Level level, String message) {
    log(where, level, message, null);
  }

  @Override
  public void log(String where, Level level, String message, Throwable error) {
    Logger logger = LoggerFactory.getLogger(where);
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      logger.error(message, error);
    } else if (value >= Level.WARNING.intValue()) {
      logger.warn(message, error);
    } else if (value >= Level.INFO.intValue()) {
      logger.debug(message, error);
    } else {
      logger.trace(message, error);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {
    // levels are the logging configuration's (logback), not the renderer's
  }

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return diagnostic.getLevel().intValue() >= Level.WARNING.intValue()
        || LoggerFactory.getLogger("com.openhtmltopdf").isDebugEnabled();
  }
}
