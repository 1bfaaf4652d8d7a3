package dev.trii.scoring.rollout;

/** Which model answers a request during a rollout. */
public enum Arm {
  CHAMPION("champion"),
  CHALLENGER("challenger");

  private final String label;

  Arm(String label) {
    this.label = label;
  }

  /** As answers ({@code served_by}) and metrics name it. */
  public String label() {
    return label;
  }
}
