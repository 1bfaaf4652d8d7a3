package dev.trii.training.xgboost;

/** Answers the two questions behind the training device: is a GPU visible, and does XGBoost's native build use it. */
public interface GpuProbe {

  /** True when this process can see an NVIDIA GPU. */
  boolean gpuVisible();

  /** True when the XGBoost native library on the classpath was built with CUDA (the {@code -Pgpu} build). */
  boolean cudaBuildPresent();
}
