package dev.trii.scoring.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads request bodies up to a byte limit, refusing larger ones before buffering them. */
final class RequestBodies {

  private final int maxBytes;

  /** @param maxBytes the limit, already checked by {@link dev.trii.scoring.ScoringOptions} */
  RequestBodies(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The whole body.
   *
   * @throws BodyTooLargeException when it is declared or turns out to be over the limit
   */
  byte[] read(Context ctx) {
    if (ctx.req().getContentLengthLong() > maxBytes) {
      throw new BodyTooLargeException(maxBytes);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      // chunked bodies declare no length: read one byte past the limit to tell
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body: " + e.getMessage(), e);
    }
  }
}
