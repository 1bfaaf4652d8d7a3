package dev.trii.core.process;

import dev.trii.core.config.TriiException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project checkout, where locally started services find their classpaths: the {@code trii.repo}
 * system property (set by the {@code ./trii} script), else the nearest folder at or above the working
 * directory that holds {@code infra/s3proxy/pom.xml}.
 */
public final class RepositoryLayout {

  private RepositoryLayout() {}

  public static Path root() {
    String configured = System.getProperty("trii.repo");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("infra/s3proxy/pom.xml"))) {
        return dir;
      }
    }
    throw new TriiException("cannot find the TRII checkout (no infra/s3proxy/pom.xml at or above "
        + Path.of("").toAbsolutePath() + "); run from the checkout or set -Dtrii.repo");
  }
}
