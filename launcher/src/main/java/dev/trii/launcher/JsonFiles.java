package dev.trii.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON files the commands write on request ({@code --summary-json}, {@code --summary}, {@code --json}). */
public final class JsonFiles {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  /**
   * Writes {@code value} as indented JSON to {@code file}, creating its folder.
   *
   * @param what names the content in the error, e.g. "the summary"
   * @throws TriiException naming the file when it cannot be written
   */
  /** Writes a benchmark's figures to {@code file} when one was asked for ({@code --json}), and says where. */
  public static void writeFigures(Path file, Object figures, String what) {
    if (file != null) {
      write(file, figures, what);
      System.out.println("figures written to " + file.toAbsolutePath());
    }
  }

  public static void write(Path file, Object value, String what) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      JSON.writeValue(file.toFile(), value);
    } catch (IOException e) {
      throw new TriiException("cannot write " + what + " to " + file + ": " + e.getMessage(), e);
    }
  }
}
