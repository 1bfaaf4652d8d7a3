package dev.trii.batch;

/** Bean names of the Spring Batch jobs; pipelines refer to jobs by these names. */
public final class JobNames {

  /** Data quality checks per trading day and symbol. */
  public static final String QUALITY = "qualityJob";
  /** Bars to point-in-time feature rows with labels. */
  public static final String FEATURES = "featuresJob";
  /** Train, evaluate, gate and (on pass) promote a model. */
  public static final String TRAIN = "trainJob";
  /** Raw quotes past their retention deleted (bars stay). */
  public static final String RETENTION = "retentionJob";

  private JobNames() {}
}
