package dev.trii.batch.testing;

import dev.trii.batch.BatchApplication;
import dev.trii.batch.platform.PlatformBeans;
import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A batch application for one test class: a fresh migrated database, a fresh bucket on the local S3Proxy, and the
 * Boot context of {@link BatchApplication} pointed at both through {@code trii.*} properties.
 */
public final class BatchTestContext implements AutoCloseable {

  private final TestDatabase database;
  private final ObjectStorageSettings storage;
  private final ConfigurableApplicationContext context;

  private BatchTestContext(TestDatabase database, ObjectStorageSettings storage,
      ConfigurableApplicationContext context) {
    this.database = database;
    this.storage = storage;
    this.context = context;
  }

  public static BatchTestContext start(Class<?>... extraSources) {
    TestDatabase database = TestDatabase.create();
    try {
      ObjectStorageSettings storage = TestObjectStore.freshBucket();
      Map<String, Object> properties = PlatformBeans.asProperties(config(database, storage));
      properties.put("trii.training.nthread", "1"); // OpenMP threads crawl on a busy 2-core machine
      return new BatchTestContext(database, storage, BatchApplication.start(properties, extraSources));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The platform configuration that reaches the test database and bucket. */
  public static TriiConfig config(TestDatabase database, ObjectStorageSettings storage) {
    Map<Setting, String> overrides = new LinkedHashMap<>();
    overrides.put(Settings.DB_URL, database.coordinates().url());
    overrides.put(Settings.DB_USER, database.coordinates().user());
    overrides.put(Settings.DB_PASSWORD, database.coordinates().password());
    overrides.put(Settings.DB_POOL_SIZE, "4");
    overrides.put(Settings.S3_ENDPOINT, storage.endpoint());
    overrides.put(Settings.S3_ACCESS_KEY, storage.accessKey());
    overrides.put(Settings.S3_SECRET_KEY, storage.secretKey());
    overrides.put(Settings.S3_BUCKET, storage.bucket());
    overrides.put(Settings.S3_REGION, storage.region());
    overrides.put(Settings.HOME, System.getProperty("java.io.tmpdir") + "/trii-batch-test-home");
    return TriiConfig.load(Map.of(), overrides);
  }

  public TestDatabase database() {
    return database;
  }

  public ObjectStorageSettings storage() {
    return storage;
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  /** Test utilities set to start the named job. */
  public JobOperatorTestUtils jobUtils(String jobName) {
    JobOperatorTestUtils utils = new JobOperatorTestUtils(context.getBean(JobOperator.class),
        context.getBean(JobRepository.class));
    utils.setJob(context.getBean(jobName, Job.class));
    return utils;
  }

  /** The step executions of a job execution, by step name. */
  public static Map<String, StepExecution> steps(JobExecution execution) {
    Map<String, StepExecution> steps = new TreeMap<>();
    execution.getStepExecutions().forEach(step -> steps.put(step.getStepName(), step));
    return steps;
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      database.close();
    }
  }
}
