package dev.trii.scoring.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON answers, snake_case, written straight to the response with their length: one serialization into one array and
 * one write, where Javalin's {@code ctx.json} would stream a copy through a fresh buffer on every request (the hot
 * path's largest allocation).
 */
final class JsonAnswers {

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .build();

  private JsonAnswers() {}

  /** Answers {@code body} as {@code application/json} with the status already set (200 unless changed). */
  static void write(Context ctx, Object body) {
    write(ctx, body, "application/json");
  }

  static void write(Context ctx, Object body, String contentType) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer as JSON: " + e.getOriginalMessage(), e);
    }
    ctx.contentType(contentType);
    ctx.res().setContentLength(bytes.length);
    try {
      ctx.res().getOutputStream().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send the answer: " + e.getMessage(), e);
    }
  }
}
