package dev.trii.scheduler.pipeline;

import java.util.Collection;
import java.util.TreeSet;

/** No pipeline has the requested name (HTTP 404). */
public final class UnknownPipelineException extends RuntimeException {

  public UnknownPipelineException(String name, Collection<String> known) {
    super("no pipeline named '" + name + "' (known: " + new TreeSet<>(known) + ")");
  }
}
