package dev.trii.benchmarks;

import dev.trii.launcher.Main;

/**
 * Entry point of {@code ./trii bench …}: the script runs this class on the benchmarks module's classpath, so the
 * harnesses, JMH and their test models stay out of the platform's own jars and images. Errors read as the rest of
 * {@code trii}'s: a user-fixable problem is one line and exit code 2.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "trii-launcher-logback.xml");
    }
    System.exit(Main.execute(new BenchCommand(), args));
  }
}
