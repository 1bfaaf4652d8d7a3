package dev.trii.batch.platform;

import dev.trii.core.Platform;
import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.storage.ArtifactStore;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The platform's shared services as Spring beans: configuration, the (migrated) database, the artifact store,
 * the model registry and the feature set. Configuration comes from {@link TriiConfig} (file and environment);
 * a Spring property {@code trii.<setting key>} (e.g. {@code trii.db.url}) overrides it, which tests use. A process
 * that already holds an open {@link Platform} (the launcher) may register it, with its {@link TriiConfig}, as
 * singletons before the context refreshes: then neither is created here, and the context does not close them.
 */
@Configuration(proxyBeanMethods = false)
public class PlatformBeans {

  /** Prefix of the Spring property that carries a setting: {@code trii.<setting key>}. */
  public static final String PREFIX = "trii.";

  /** Every setting of the configuration as the Spring property that carries it, for starting a context with. */
  public static Map<String, Object> asProperties(TriiConfig config) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Setting setting : Settings.all()) {
      properties.put(PREFIX + setting.key(), config.get(setting));
    }
    return properties;
  }

  @Bean
  @ConditionalOnMissingBean
  TriiConfig triiConfig(Environment environment) {
    Map<Setting, String> overrides = new LinkedHashMap<>();
    for (Setting setting : Settings.all()) {
      String value = environment.getProperty(PREFIX + setting.key());
      if (value != null) {
        overrides.put(setting, value);
      }
    }
    return TriiConfig.load(System.getenv(), overrides);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Platform platform(TriiConfig config) {
    return Platform.open(config);
  }

  /** The platform's pool; the platform owns and closes it, so the context must not close it on its own. */
  @Bean(destroyMethod = "")
  DataSource dataSource(Platform platform) {
    return platform.database().dataSource();
  }

  @Bean
  ArtifactStore artifactStore(Platform platform) {
    return platform.artifacts();
  }

  @Bean
  ModelRegistry modelRegistry(Platform platform) {
    return platform.registry();
  }

  @Bean
  FeatureSet featureSet(Platform platform) {
    return platform.featureSet();
  }
}
