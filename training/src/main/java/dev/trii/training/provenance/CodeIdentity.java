package dev.trii.training.provenance;

import dev.trii.core.features.FeatureSet;
import dev.trii.training.TrainingPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Which code and libraries a training run ran: the git commit of the checkout (the launcher's {@code trii.repo}, else
 * the working directory) with its dirty flag, a sha256 over the training and platform-core code itself (what identifies
 * a build that has no checkout), the XGBoost4J artifact and the JDK.
 */
public final class CodeIdentity {

  private static final String UNKNOWN = "unknown";

  private CodeIdentity() {}

  /** The commit of the checkout, or {@code unknown} when there is no git or no checkout. */
  public static String gitCommit() {
    String commit = git("rev-parse", "HEAD");
    return commit == null || commit.isBlank() ? UNKNOWN : commit.trim();
  }

  /** True when tracked files differ from the commit; null when unknown. */
  public static Boolean sourceDirty() {
    String status = git("status", "--porcelain", "--untracked-files=no");
    return status == null ? null : !status.isBlank();
  }

  /** sha256 over the code of the training and platform-core modules that is running (jar bytes or class files). */
  public static String codeSha256() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Class<?> type : List.of(TrainingPipeline.class, FeatureSet.class)) {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
          try (Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
              digest.update(location.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
              digest.update(Files.readAllBytes(file));
            }
          }
        } else {
          digest.update(Files.readAllBytes(location));
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
      return UNKNOWN;
    }
  }

  /**
   * The XGBoost4J artifact and version on the classpath, e.g. {@code xgboost4j_2.12 3.4.0}: the CPU build, or the
   * CUDA one ({@code xgboost4j-spark-gpu_2.12}, the {@code gpu} profile).
   */
  public static String xgboost4j() {
    for (String artifact : List.of("xgboost4j-spark-gpu_2.12", "xgboost4j_2.12")) {
      String resource = "META-INF/maven/ml.dmlc/" + artifact + "/pom.properties";
      try (InputStream in = XGBoost.class.getClassLoader().getResourceAsStream(resource)) {
        if (in != null) {
          java.util.Properties properties = new java.util.Properties();
          properties.load(in);
          return artifact + " " + properties.getProperty("version", UNKNOWN);
        }
      } catch (IOException e) {
        // try the next artifact name
      }
    }
    String version = XGBoost.class.getPackage().getImplementationVersion();
    return version == null ? UNKNOWN : "xgboost4j " + version;
  }

  /** e.g. {@code Eclipse Adoptium 17.0.15+6}. */
  public static String jdk() {
    return System.getProperty("java.vendor", "?") + " " + System.getProperty("java.runtime.version", "?");
  }

  private static String git(String... args) {
    Path repo = Path.of(System.getProperty("trii.repo", "."));
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
