package dev.trii.scoring.model;

/**
 * A request's hold on a served model: the model is not freed while a lease on it is open, even when a newer version
 * replaces it meanwhile. Close it when the request is done with the model.
 */
public final class ModelLease implements AutoCloseable {

  private final ServingModel model;
  private boolean closed;

  ModelLease(ServingModel model) {
    this.model = model;
  }

  public ServingModel model() {
    return model;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.release();
    }
  }
}
