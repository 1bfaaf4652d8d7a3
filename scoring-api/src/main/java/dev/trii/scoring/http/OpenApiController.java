package dev.trii.scoring.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the API's OpenAPI 3.1 document, kept next to the code ({@code openapi.json} in the
 * resources) and checked against the server's routes by a test.
 */
final class OpenApiController {

  static final String RESOURCE = "/dev/trii/scoring/openapi.json";

  private final byte[] document;

  OpenApiController() {
    try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the build");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void document(Context ctx) {
    ctx.contentType("application/json").result(document);
  }
}
