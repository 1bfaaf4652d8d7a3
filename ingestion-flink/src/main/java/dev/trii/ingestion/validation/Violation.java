package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.io.Serializable;
import java.util.Objects;

/**
 * Why one record is not acceptable: a stable reason code and a detail that says what was wrong with which value.
 */
public record Violation(RejectReason reason, String detail) implements Serializable {

  public Violation {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
