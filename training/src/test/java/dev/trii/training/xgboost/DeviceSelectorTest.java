package dev.trii.training.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.TriiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

/** Where training runs: CPU, CUDA, or a clear refusal instead of XGBoost's silent fallback. */
class DeviceSelectorTest {

  /** A machine description: whether a GPU is visible and whether the CUDA build is on the classpath. */
  private record Machine(boolean gpu, boolean cudaBuild) implements GpuProbe {
    @Override
    public boolean gpuVisible() {
      return gpu;
    }

    @Override
    public boolean cudaBuildPresent() {
      return cudaBuild;
    }
  }

  @Test
  void cpuIsUsedWhenAskedEvenWithAGpu() {
    assertThat(new DeviceSelector(new Machine(true, true)).choose("cpu").device()).isEqualTo("cpu");
  }

  @Test
  void autoTakesCudaOnlyWithAGpuAndTheCudaBuild() {
    assertThat(new DeviceSelector(new Machine(true, true)).choose("auto").device()).isEqualTo("cuda");
    DeviceSelector.Choice noGpu = new DeviceSelector(new Machine(false, true)).choose("auto");
    assertThat(noGpu.device()).isEqualTo("cpu");
    assertThat(noGpu.reason()).contains("no GPU is visible");
    DeviceSelector.Choice cpuBuild = new DeviceSelector(new Machine(true, false)).choose("auto");
    assertThat(cpuBuild.device()).isEqualTo("cpu");
    assertThat(cpuBuild.reason()).contains("CPU build");
  }

  @Test
  void cudaRequestedWithoutAGpuFailsInsteadOfFallingBackSilently() {
    assertThatThrownBy(() -> new DeviceSelector(new Machine(false, false)).choose("cuda"))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("XGBoost device cuda was requested but no GPU is visible");
  }

  @Test
  void recognisesWhichNativeBuildIsOnTheClasspath() {
    // the default build carries the CPU native library; -Pgpu swaps in xgboost4j-spark-gpu with the CUDA one
    boolean gpuBuild = System.getProperty("xgboost.artifact", "xgboost4j_2.12").contains("gpu");
    // the verdict comes from reading the library, not from failing to find it
    assertThat(XGBoost.class.getClassLoader().getResource(SystemGpuProbe.nativeLibraryResource())).isNotNull();
    assertThat(new SystemGpuProbe().cudaBuildPresent()).isEqualTo(gpuBuild);
  }

  @Test
  void theLibraryScanFindsTheCudaSymbolWhereverItLies() throws Exception {
    byte[] symbol = "cudaGetDeviceCount".getBytes(StandardCharsets.US_ASCII);
    byte[] library = new byte[200_000];
    Arrays.fill(library, (byte) 'c');
    System.arraycopy("cudaGetDev".getBytes(StandardCharsets.US_ASCII), 0, library, 1_000, 10); // a partial match
    // across the scan's 64 KiB buffer boundary
    System.arraycopy(symbol, 0, library, (1 << 16) - 7, symbol.length);

    assertThat(SystemGpuProbe.contains(new ByteArrayInputStream(library), symbol)).isTrue();
    assertThat(SystemGpuProbe.contains(new ByteArrayInputStream(Arrays.copyOf(library, 60_000)), symbol)).isFalse();
  }
}
