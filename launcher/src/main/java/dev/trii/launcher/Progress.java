package dev.trii.launcher;

import java.io.PrintStream;
import java.util.Locale;

/** Numbered progress lines on the console: what step runs, what it found, how long it took. */
public final class Progress {

  private final PrintStream out;
  private final int steps;
  private int step;
  private long stepStart;
  private String title = "";

  public Progress(PrintStream out, int steps) {
    this.out = out;
    this.steps = steps;
  }

  /** Starts the next step. */
  public void begin(String stepTitle) {
    step++;
    title = stepTitle;
    stepStart = System.nanoTime();
    out.printf(Locale.ROOT, "[%d/%d] %s ...%n", step, steps, stepTitle);
    out.flush();
  }

  /** A detail line inside the current step. */
  public void detail(String message) {
    out.println("      " + message);
    out.flush();
  }

  /** Ends the current step with its result. */
  public void done(String result) {
    double seconds = (System.nanoTime() - stepStart) / 1e9;
    out.printf(Locale.ROOT, "[%d/%d] %s: %s (%.1f s)%n", step, steps, title, result, seconds);
    out.flush();
  }
}
