package dev.trii.batch;

import dev.trii.core.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;

/**
 * A minimal, non-web Boot application holding only the batch jobs: the platform beans, a transaction manager and
 * Spring Batch's JDBC job repository and {@code JobOperator}. Auto-configuration is imported by name rather than
 * scanned, and no {@code application.properties} is read, so whatever else is on the classpath (the scheduler's
 * Quartz, the scoring API) stays out. Used by {@link BatchRunner} and the batch tests.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
    BatchJdbcAutoConfiguration.class, BatchAutoConfiguration.class})
@Import(BatchJobsConfiguration.class)
public class BatchApplication {

  /**
   * Starts the context.
   *
   * @param properties Spring properties, e.g. {@code trii.db.url} (see {@code PlatformBeans}) or
   *     {@code trii.training.rounds}; they take precedence over every other source, environment variables
   *     included (Spring reads {@code TRII_DB_URL} as {@code trii.db.url} too)
   * @param extraSources further configuration classes (tests add beans such as a fixed clock)
   */
  public static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... extraSources) {
    return start(properties, null, extraSources);
  }

  /**
   * The context's own defaults. A process that configured logback itself ({@code logback.configurationFile}, as the
   * launcher does) keeps its configuration: Spring Boot would otherwise ignore the property, and say so.
   */
  private static Map<String, Object> defaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("spring.config.name", "trii-batch-jobs");
    String logback = System.getProperty("logback.configurationFile");
    if (logback != null && !logback.isBlank()) {
      defaults.put("logging.config", (Files.isRegularFile(Path.of(logback)) ? "file:" : "classpath:") + logback);
    }
    return defaults;
  }

  /**
   * Starts the context on a platform the caller already opened (and keeps: the context does not close it).
   *
   * @param platform registered with its configuration in place of the ones {@code PlatformBeans} would open;
   *     null to let it open its own
   */
  public static ConfigurableApplicationContext start(Map<String, Object> properties, Platform platform,
      Class<?>... extraSources) {
    Class<?>[] sources = new Class<?>[extraSources.length + 1];
    sources[0] = BatchApplication.class;
    System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
    return new SpringApplicationBuilder(sources)
        .web(WebApplicationType.NONE)
        .bannerMode(org.springframework.boot.Banner.Mode.OFF)
        .logStartupInfo(false)
        .registerShutdownHook(false)
        .properties(defaults())
        .initializers(context -> {
          context.getEnvironment().getPropertySources()
              .addFirst(new MapPropertySource("trii-batch-jobs", new LinkedHashMap<>(properties)));
          if (platform != null) {
            // registered singletons get no destroy callback: the caller keeps ownership
            context.getBeanFactory().registerSingleton("triiConfig", platform.config());
            context.getBeanFactory().registerSingleton("platform", platform);
          }
        })
        .run();
  }
}
