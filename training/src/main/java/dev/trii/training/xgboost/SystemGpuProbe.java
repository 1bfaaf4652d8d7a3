package dev.trii.training.xgboost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Looks for a GPU the way CUDA would find one: {@code CUDA_VISIBLE_DEVICES} hiding all devices rules it out;
 * otherwise {@code /dev/nvidia0} or a GPU listed by {@code nvidia-smi -L}. Whether XGBoost can use it is read
 * from the native library itself: only a CUDA build references the CUDA runtime ({@code cudaGetDeviceCount}).
 * Asking a CPU build for {@code device=cuda} is not a test, since it merely warns and trains on the CPU.
 */
public final class SystemGpuProbe implements GpuProbe {

  private static final byte[] CUDA_RUNTIME_SYMBOL = "cudaGetDeviceCount".getBytes(StandardCharsets.US_ASCII);

  @Override
  public boolean gpuVisible() {
    String visible = System.getenv("CUDA_VISIBLE_DEVICES");
    if (visible != null && (visible.isBlank() || visible.trim().equals("-1") || visible.trim().equalsIgnoreCase("none"))) {
      return false;
    }
    return Files.exists(Path.of("/dev/nvidia0")) || nvidiaSmiListsGpu();
  }

  private static boolean nvidiaSmiListsGpu() {
    try {
      Process process = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0 && output.lines().anyMatch(line -> line.startsWith("GPU "));
    } catch (IOException e) {
      return false; // no nvidia-smi: no driver
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Scanned once per JVM: the native library on the classpath does not change while it runs. */
  @Override
  public boolean cudaBuildPresent() {
    return CudaBuild.PRESENT;
  }

  /** The classpath resource of XGBoost's native library for this machine's architecture. */
  static String nativeLibraryResource() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return "lib/linux/" + (arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : "x86_64")
        + "/libxgboost4j.so";
  }

  /** Holds the scan's answer, computed on first use. */
  private static final class CudaBuild {
    static final boolean PRESENT = scan();

    private static boolean scan() {
      try (InputStream in = XGBoost.class.getClassLoader().getResourceAsStream(nativeLibraryResource())) {
        return in != null && contains(in, CUDA_RUNTIME_SYMBOL);
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** Streams the input looking for the pattern (which has no repeated prefix, so no backtracking is needed). */
  static boolean contains(InputStream in, byte[] pattern) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int matched = 0;
    for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
      for (int i = 0; i < read; i++) {
        if (buffer[i] == pattern[matched]) {
          if (++matched == pattern.length) {
            return true;
          }
        } else {
          matched = buffer[i] == pattern[0] ? 1 : 0;
        }
      }
    }
    return false;
  }
}
