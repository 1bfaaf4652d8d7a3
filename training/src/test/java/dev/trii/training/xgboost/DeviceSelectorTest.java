package dev.trii.training.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.TriiException;
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
    assertThat(new SystemGpuProbe().cudaBuildPresent()).isEqualTo(gpuBuild);
  }
}
