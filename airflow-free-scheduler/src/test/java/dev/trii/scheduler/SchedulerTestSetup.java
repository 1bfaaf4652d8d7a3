package dev.trii.scheduler;

import dev.trii.core.Platform;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.scheduler.pipeline.RunDispatcher;
import java.nio.file.Path;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the scheduler's Spring tests share: the platform they run on, and taking it down in order. */
final class SchedulerTestSetup {

  private SchedulerTestSetup() {}

  /** A fresh bucket, the test database and the test pipelines of {@code src/test/resources/it-pipelines}. */
  static void platform(DynamicPropertyRegistry registry, TestDatabase database) {
    platform(registry, database, "it-pipelines");
  }

  /** A fresh bucket, the test database and the pipelines of {@code src/test/resources/<pipelines>}. */
  static void platform(DynamicPropertyRegistry registry, TestDatabase database, String pipelines) {
    ObjectStorageSettings s3 = TestObjectStore.freshBucket();
    registry.add("trii.db.url", () -> database.coordinates().url());
    registry.add("trii.db.user", () -> database.coordinates().user());
    registry.add("trii.db.password", () -> database.coordinates().password());
    registry.add("trii.s3.endpoint", s3::endpoint);
    registry.add("trii.s3.bucket", s3::bucket);
    registry.add("trii.s3.access-key", s3::accessKey);
    registry.add("trii.s3.secret-key", s3::secretKey);
    registry.add("trii.pipelines.dir", () -> Path.of("src/test/resources", pipelines).toAbsolutePath().toString());
  }

  /**
   * Stops the node's runs, Quartz and the platform's pool, then drops the database: nothing may use it while it is
   * dropped (the context itself closes later).
   */
  static void shutdown(RunDispatcher dispatcher, Scheduler scheduler, Platform platform, TestDatabase database)
      throws SchedulerException {
    dispatcher.stop();
    scheduler.shutdown(true);
    platform.close();
    database.close();
  }
}
