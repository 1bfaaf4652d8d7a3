package dev.trii.scoring.http;

import dev.trii.core.logging.CorrelationId;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The id that names one request in answers, logs and the prediction log: the client's {@code X-Request-Id} when it
 * sent a usable one (1–128 characters of letters, digits and {@code -_.:}), else a new UUID. It is returned in the
 * {@code X-Request-Id} answer header and is the correlation id of the request's log lines (MDC
 * {@value CorrelationId#KEY}) while the request runs.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = CorrelationId.KEY;
  private static final String ATTRIBUTE = "trii.requestId";
  private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  /** Names the request: called first for every request. */
  static void assign(Context ctx) {
    String given = ctx.header(HEADER);
    String id = given != null && USABLE.matcher(given).matches() ? given : newId();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }

  /**
   * A random (version 4) UUID from the thread's own generator: an id only has to be unique, not unguessable, and
   * {@link UUID#randomUUID()} draws from the one shared {@code SecureRandom} on every request.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }

  /** Called last for every request: the thread serves others next. */
  static void clear() {
    MDC.remove(MDC_KEY);
  }

  /** The request's id. */
  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "" : id;
  }
}
