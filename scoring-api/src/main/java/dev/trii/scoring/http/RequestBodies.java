package dev.trii.scoring.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads request bodies up to a byte limit, refusing larger ones without buffering them. A refused body is still read
 * to its end (and thrown away), up to {@value #DRAIN_LIMIT} bytes: a server that answers 413 and closes while the
 * client is still sending makes the client see a reset instead of the answer.
 */
final class RequestBodies {

  /** Most bytes of a refused body read and thrown away before answering; a larger one gets its connection closed. */
  static final long DRAIN_LIMIT = 4L * 1024 * 1024;

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
    try (InputStream in = ctx.req().getInputStream()) {
      long declared = ctx.req().getContentLengthLong();
      if (declared > maxBytes) {
        drain(in);
        throw new BodyTooLargeException(maxBytes);
      }
      if (declared >= 0) {
        return in.readNBytes((int) declared); // the server holds the client to its Content-Length
      }
      // chunked bodies declare no length: read one byte past the limit to tell
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        drain(in);
        throw new BodyTooLargeException(maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body: " + e.getMessage(), e);
    }
  }

  /** Reads what is left of a refused body, up to {@link #DRAIN_LIMIT}. */
  private static void drain(InputStream in) throws IOException {
    long skipped = 0;
    byte[] sink = new byte[8192];
    int read;
    while (skipped < DRAIN_LIMIT && (read = in.read(sink)) > 0) {
      skipped += read;
    }
  }
}
