package dev.trii.batch.train;

import dev.trii.batch.JobNames;
import dev.trii.core.Platform;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.training.TrainingOptions;
import dev.trii.training.TrainingPipeline;
import dev.trii.training.xgboost.XGBoostSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The train job: one tasklet step that trains, evaluates, registers and gates a new version of the model named by
 * {@code TRII_MODEL_NAME} ({@link Settings#MODEL_NAME}). The gates come from {@code TRII_GATES_FILE} or the built-in
 * {@code gates.yaml}; trainer settings may be overridden with Spring properties {@code trii.training.<name>} (names
 * of {@link XGBoostSettings#NAMES}, e.g. {@code trii.training.rounds}) and {@code trii.training.min-labelled-rows};
 * {@code trii.training.promote=false} judges the candidate without recording the decision or promoting it.
 * A rejected candidate completes the job with exit code {@value TrainAndGateTasklet#GATE_FAILED}.
 */
@Configuration(proxyBeanMethods = false)
public class TrainJobConfiguration {

  /** Spring property prefix of trainer overrides. */
  public static final String PREFIX = "trii.training.";

  @Bean
  TrainingOutcomes trainingOutcomes() {
    return new TrainingOutcomes();
  }

  @Bean
  TrainingOptions trainingOptions(TriiConfig config, Environment environment) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String name : XGBoostSettings.NAMES) {
      String value = environment.getProperty(PREFIX + name);
      if (value != null) {
        overrides.put(name, value);
      }
    }
    TrainingOptions options = TrainingOptions.from(config);
    options = options.withXgboost(options.xgboost().withOverrides(overrides));
    String minRows = environment.getProperty(PREFIX + "min-labelled-rows");
    if (minRows != null) {
      try {
        options = options.withMinLabelledRows(Integer.parseInt(minRows.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PREFIX + "min-labelled-rows must be a whole number, got '" + minRows + "'");
      }
    }
    String promote = environment.getProperty(PREFIX + "promote");
    if (promote != null) {
      if (!promote.trim().equalsIgnoreCase("true") && !promote.trim().equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(PREFIX + "promote must be true or false, got '" + promote + "'");
      }
      options = options.withPromotion(Boolean.parseBoolean(promote.trim()));
    }
    return options;
  }

  @Bean
  TrainingPipeline trainingPipeline(Platform platform, TrainingOptions trainingOptions) {
    return TrainingPipeline.on(platform, trainingOptions);
  }

  @Bean
  Job trainJob(JobRepository jobRepository, Step trainAndGateStep) {
    return new JobBuilder(JobNames.TRAIN, jobRepository)
        .start(trainAndGateStep)
        .build();
  }

  /**
   * The step runs outside a database transaction: the registry must commit the run, its FAILED end and the
   * decision as they happen, not roll them back with the step when training fails.
   */
  @Bean
  Step trainAndGateStep(JobRepository jobRepository, TrainingPipeline trainingPipeline, TriiConfig config,
      TrainingOutcomes trainingOutcomes) {
    TrainAndGateTasklet tasklet = new TrainAndGateTasklet(trainingPipeline, config.get(Settings.MODEL_NAME),
        trainingOutcomes);
    return new StepBuilder("trainAndGate", jobRepository)
        .tasklet(tasklet, new ResourcelessTransactionManager())
        .build();
  }
}
