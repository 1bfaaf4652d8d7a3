package dev.trii.training;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the training code, recorded with every model as part of its provenance. */
public final class BuildInfo {

  private static final String VERSION = readVersion();

  private BuildInfo() {}

  /** The Maven project version this code was built as, or {@code "unknown"} when the build left no trace. */
  public static String version() {
    return VERSION;
  }

  private static String readVersion() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      return version.startsWith("@") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
