package dev.trii.scheduler.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Security refusals of the API as RFC 9457 problems, like every other API error. */
final class Problems {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  static void write(HttpServletResponse response, int status, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.getWriter().write(JSON.writeValueAsString(Map.of("type", "about:blank",
        "title", status == 401 ? "Unauthorized" : "Forbidden", "status", status, "detail", detail)));
  }
}
