package dev.trii.core.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.trii.core.config.LogFormat;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.nio.charset.StandardCharsets;

/**
 * The logback encoder of the platform's processes (launcher, scoring API, the services the launcher starts):
 * human-readable lines by the {@code pattern} by default, or with {@code TRII_LOG_FORMAT=json} one JSON object per
 * line ({@link LogEventJson}) naming the {@code service}. In a logback configuration:
 *
 * <pre>{@code
 * <encoder class="dev.trii.core.logging.TriiLogEncoder">
 *   <service>trii-scoring</service>
 *   <pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern>
 * </encoder>
 * }</pre>
 *
 * <p>The format comes from the platform's configuration (environment or {@code trii.properties}) when logging
 * starts, unless {@code <format>text|json</format>} names it. A bad value is reported on logback's status and
 * leaves text lines; the process itself then stops on it when it loads its configuration.
 */
public final class TriiLogEncoder extends EncoderBase<ILoggingEvent> {

  private String service;
  private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n";
  private String format;
  private LogEventJson json;
  private PatternLayout text;

  /** The service the JSON lines name, e.g. {@code trii-scoring}. */
  public void setService(String service) {
    this.service = service;
  }

  /** The layout of the text lines (logback's pattern syntax). */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  /** {@code text} or {@code json}; unset: {@code TRII_LOG_FORMAT}. */
  public void setFormat(String format) {
    this.format = format;
  }

  /** The format this encoder writes (once started). */
  public LogFormat format() {
    return json != null ? LogFormat.JSON : LogFormat.TEXT;
  }

  @Override
  public void start() {
    if (service == null || service.isBlank()) {
      addError("TriiLogEncoder needs a <service>, e.g. trii-scoring");
      return;
    }
    LogFormat resolved;
    try {
      resolved = format == null ? TriiConfig.load().logFormat() : LogFormat.parse(format);
    } catch (TriiException e) {
      addError(e.getMessage() + " (logging text lines)");
      resolved = LogFormat.TEXT;
    }
    if (resolved == LogFormat.JSON) {
      json = new LogEventJson(service);
    } else {
      text = new PatternLayout();
      text.setContext(getContext());
      text.setPattern(pattern);
      text.start();
    }
    super.start();
  }

  @Override
  public void stop() {
    if (text != null) {
      text.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    String line = json != null ? json.format(event) : text.doLayout(event);
    return line.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
