package dev.trii.scoring.model;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Where one served model lives (the champion's, or a challenger's during a rollout): requests lease it, a new model
 * replaces it in one atomic step, and a replaced model is freed when its last lease closes.
 */
public final class ModelSlot {

  private final AtomicReference<ServingModel> current = new AtomicReference<>();

  /** The model in the slot, if any. */
  public Optional<ServingModel> current() {
    return Optional.ofNullable(current.get());
  }

  /**
   * Holds the slot's model for one request.
   *
   * @param empty what is thrown when the slot is empty
   */
  public ModelLease lease(Supplier<? extends RuntimeException> empty) {
    while (true) {
      ServingModel model = current.get();
      if (model == null) {
        throw empty.get();
      }
      if (model.tryAcquire()) {
        return new ModelLease(model);
      }
      // it was replaced and freed between the read and the acquire: take the new one
    }
  }

  /** Holds the slot's model for one request, or empty when the slot is empty. */
  public Optional<ModelLease> tryLease() {
    while (true) {
      ServingModel model = current.get();
      if (model == null) {
        return Optional.empty();
      }
      if (model.tryAcquire()) {
        return Optional.of(new ModelLease(model));
      }
    }
  }

  /** Puts {@code model} in the slot; the model it replaces is freed when its last request ends. */
  public void install(ServingModel model) {
    ServingModel previous = current.getAndSet(model);
    if (previous != null) {
      previous.retire();
    }
  }

  /** Empties the slot; its model is freed when its last request ends. */
  public void clear() {
    ServingModel previous = current.getAndSet(null);
    if (previous != null) {
      previous.retire();
    }
  }
}
