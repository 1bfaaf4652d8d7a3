package dev.trii.core.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises promotions of one model, for a registry whose alias update has no compare-and-set of its own (MLflow's
 * REST API sets an alias unconditionally): under the lock the adapter reads the champion, compares it with the one
 * the candidate was judged against, and moves the alias only when they match.
 */
public interface PromotionLock {

  /** Runs {@code action} while no other promotion of {@code modelName} holding this kind of lock runs. */
  <T> T holding(String modelName, Supplier<T> action);

  /** A lock within this JVM: enough when one process promotes (or for tests); not across processes. */
  static PromotionLock inProcess() {
    Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    return new PromotionLock() {
      @Override
      public <T> T holding(String modelName, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(modelName, name -> new ReentrantLock());
        lock.lock();
        try {
          return action.get();
        } finally {
          lock.unlock();
        }
      }
    };
  }
}
