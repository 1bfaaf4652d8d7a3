package dev.trii.benchmarks.support;

import dev.trii.training.provenance.CodeIdentity;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a benchmark ran on, as every harness prints it and writes it into its JSON figures. */
public final class Machine {

  private Machine() {}

  /** Cores, CPU model, memory, load, OS, Java and the XGBoost build on the classpath. */
  public static Map<String, Object> describe() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("cpu", cpuModel());
    long memory = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    machine.put("memory_gib", Math.round(memory / (1024.0 * 1024 * 1024) * 10) / 10.0);
    machine.put("load_average", Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
        / 100.0);
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    machine.put("java", System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
    machine.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    machine.put("xgboost", CodeIdentity.xgboost4j());
    return machine;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

}
