package dev.trii.core.logging;

import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * Hands the calling thread's logging context (the MDC: correlation id, pipeline run and task) to work that runs on
 * another thread, so that its lines are told apart and kept with the work that asked for them.
 */
public final class LogContext {

  private LogContext() {}

  /** The task, run with the MDC the calling thread has now (and the running thread's own MDC restored after). */
  public static <T> Callable<T> carrying(Callable<T> task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> own = MDC.getCopyOfContextMap();
      replace(context);
      try {
        return task.call();
      } finally {
        replace(own);
      }
    };
  }

  /** The task, run with the MDC the calling thread has now (and the running thread's own MDC restored after). */
  public static Runnable carrying(Runnable task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> own = MDC.getCopyOfContextMap();
      replace(context);
      try {
        task.run();
      } finally {
        replace(own);
      }
    };
  }

  private static void replace(Map<String, String> context) {
    if (context == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(context);
    }
  }
}
