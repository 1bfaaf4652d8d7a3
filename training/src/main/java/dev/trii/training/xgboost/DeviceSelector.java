package dev.trii.training.xgboost;

import dev.trii.core.config.TriiException;

/**
 * Decides where XGBoost trains. XGBoost itself falls back to the CPU with only a warning when asked for CUDA
 * without a usable GPU, so the choice is made (and recorded) here: {@code cpu} always trains on the CPU,
 * {@code cuda} fails unless a GPU is visible and the CUDA build is on the classpath, {@code auto} takes CUDA
 * when both hold and the CPU otherwise.
 */
public final class DeviceSelector {

  /** The device chosen and why. */
  public record Choice(String device, String reason) {}

  private final GpuProbe probe;

  public DeviceSelector(GpuProbe probe) {
    this.probe = probe;
  }

  /**
   * @param requested cpu, cuda or auto
   * @throws TriiException when cuda is requested but cannot be used
   */
  public Choice choose(String requested) {
    switch (requested) {
      case "cpu":
        return new Choice("cpu", "requested");
      case "cuda": {
        String missing = missingForCuda();
        if (missing != null) {
          throw new TriiException("XGBoost device cuda was requested but " + missing
              + "; set the training device to cpu or auto");
        }
        return new Choice("cuda", "requested; GPU visible and CUDA build present");
      }
      case "auto": {
        String missing = missingForCuda();
        return missing == null
            ? new Choice("cuda", "auto: GPU visible and CUDA build present")
            : new Choice("cpu", "auto: " + missing);
      }
      default:
        throw new IllegalArgumentException("device must be cpu, cuda or auto, got '" + requested + "'");
    }
  }

  private String missingForCuda() {
    if (!probe.gpuVisible()) {
      return "no GPU is visible (no /dev/nvidia0, no GPU from nvidia-smi, or CUDA_VISIBLE_DEVICES hides them)";
    }
    if (!probe.cudaBuildPresent()) {
      return "the XGBoost native library is the CPU build (build with -Pgpu for the CUDA one)";
    }
    return null;
  }
}
