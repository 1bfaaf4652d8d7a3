package dev.trii.batch;

import java.util.List;

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
  /** Logged predictions get their realized outcome; live accuracy per model version and day is recounted. */
  public static final String LIVE_ACCURACY = "liveAccuracyJob";

  /** The analysts' daily report (HTML and PDF) per trading day, stored, indexed and mailed. */
  public static final String REPORT = "reportJob";

  /** Every job, in the order of the daily pipeline's file. */
  public static final List<String> ALL = List.of(QUALITY, FEATURES, TRAIN, RETENTION, LIVE_ACCURACY, REPORT);

  private JobNames() {}
}
