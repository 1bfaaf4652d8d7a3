package dev.trii.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** The catalogue of every platform setting, with its default; the README's configuration table mirrors it. */
public final class Settings {

  public static final Setting HOME =
      Setting.of("home", "TRII_HOME", "~/.trii",
          "Folder for local state: embedded PostgreSQL data, local object storage, reports, logs.");
  public static final Setting CONFIG_FILE =
      Setting.of("config", "TRII_CONFIG", "",
          "Properties file read before the environment (default: $TRII_HOME/trii.properties when present).");
  public static final Setting LOG_FORMAT =
      Setting.of("log.format", "TRII_LOG_FORMAT", "text",
          "How the services and jobs log: text (human-readable lines) or json (one JSON object per line: timestamp, "
              + "level, service, correlation_id, message, metadata).");

  public static final Setting DB_URL =
      Setting.of("db.url", "TRII_DB_URL", "",
          "JDBC URL of PostgreSQL/TimescaleDB. Unset: start embedded PostgreSQL under $TRII_HOME/postgres "
              + "(as root: run as the system user trii-postgres).");
  public static final Setting DB_USER =
      Setting.of("db.user", "TRII_DB_USER", "", "Database user (embedded default: postgres).");
  public static final Setting DB_PASSWORD =
      Setting.secret("db.password", "TRII_DB_PASSWORD", "", "Database password.");
  public static final Setting DB_POOL_SIZE =
      Setting.of("db.pool-size", "TRII_DB_POOL_SIZE", "8", "Maximum connections per process.");
  public static final Setting DB_EMBEDDED_PORT =
      Setting.of("db.embedded-port", "TRII_DB_EMBEDDED_PORT", "54329", "Port of the embedded PostgreSQL.");

  public static final Setting S3_ENDPOINT =
      Setting.of("s3.endpoint", "TRII_S3_ENDPOINT", "",
          "S3 endpoint (MinIO or any S3 API). Unset: the launcher starts S3Proxy on 127.0.0.1 with a filesystem backend.");
  public static final Setting S3_ACCESS_KEY =
      Setting.of("s3.access-key", "TRII_S3_ACCESS_KEY", "trii", "S3 access key.");
  public static final Setting S3_SECRET_KEY =
      Setting.secret("s3.secret-key", "TRII_S3_SECRET_KEY", "trii-local-secret", "S3 secret key.");
  public static final Setting S3_BUCKET =
      Setting.of("s3.bucket", "TRII_S3_BUCKET", "trii", "Bucket for model artifacts and reports (must exist on a real S3).");
  public static final Setting S3_REGION =
      Setting.of("s3.region", "TRII_S3_REGION", "us-east-1", "S3 region.");
  public static final Setting S3_LOCAL_PORT =
      Setting.of("s3.local-port", "TRII_S3_LOCAL_PORT", "0", "Port of the local S3Proxy (0: any free port).");

  public static final Setting MLFLOW_TRACKING_URI =
      Setting.of("mlflow.tracking-uri", "MLFLOW_TRACKING_URI", "",
          "MLflow tracking server. Unset: the built-in PostgreSQL model registry.");
  public static final Setting MODEL_NAME =
      Setting.of("model.name", "TRII_MODEL_NAME", "trii-direction", "Registered model name the pipeline trains and serves.");

  public static final Setting SYMBOLS =
      Setting.of("market.symbols", "TRII_SYMBOLS", "AAPL,MSFT,NVDA,AMZN,JPM", "Symbols the simulator trades.");
  public static final Setting INSTRUMENTS_FILE =
      Setting.of("instruments.file", "TRII_INSTRUMENTS_FILE", "",
          "YAML instrument reference (asset class and trading calendar per symbol) laid over the built-in instruments.yaml.");

  public static final Setting INGESTION_METRICS_PORT =
      Setting.of("ingestion.metrics-port", "TRII_INGESTION_METRICS_PORT", "9249",
          "Port of the Prometheus reporter of the ingestion job that ./trii demo --keep-running leaves running.");

  public static final Setting QUOTES_RETENTION =
      Setting.of("retention.quotes", "TRII_QUOTES_RETENTION", "",
          "How long raw quotes are kept, counted from ingestion (a PostgreSQL interval such as 5 years); unset: forever.");

  public static final Setting SCHEDULER_PORT =
      Setting.of("scheduler.port", "TRII_SCHEDULER_PORT", "8080", "HTTP port of the scheduler and its job console.");
  public static final Setting CONSOLE_ADMIN_PASSWORD =
      Setting.secret("console.admin-password", "TRII_CONSOLE_ADMIN_PASSWORD", "",
          "Password of the job console's first admin user, created when the console has no user (unset: a random one, logged once).");
  public static final Setting CONSOLE_ADMIN_TOKEN =
      Setting.secret("console.admin-token", "TRII_CONSOLE_ADMIN_TOKEN", "",
          "An API token for the console's admin user, registered at start (for automation such as ./trii demo).");
  public static final Setting PIPELINES_DIR =
      Setting.of("pipelines.dir", "TRII_PIPELINES_DIR", "",
          "Directory of pipeline YAML files laid over the built-in ones (a file named like a built-in replaces it).");
  public static final Setting ROLLOUT_MIN_REQUESTS =
      Setting.of("rollout.min-requests", "TRII_ROLLOUT_MIN_REQUESTS", "500",
          "Requests a canary challenger must answer in a stage before the stage is judged.");
  public static final Setting ROLLOUT_MIN_STAGE_SECONDS =
      Setting.of("rollout.min-stage-seconds", "TRII_ROLLOUT_MIN_STAGE_SECONDS", "300",
          "How long a canary stage (5, 25, 50, 100 % of the clients) lasts at least.");
  public static final Setting ROLLOUT_MAX_ERROR_RATE_INCREASE =
      Setting.of("rollout.max-error-rate-increase", "TRII_ROLLOUT_MAX_ERROR_RATE_INCREASE", "0.01",
          "A canary whose error rate is higher than the champion's by more than this (0.01 = one point) is rolled "
              + "back.");
  public static final Setting ROLLOUT_MAX_P99_RATIO =
      Setting.of("rollout.max-p99-ratio", "TRII_ROLLOUT_MAX_P99_RATIO", "2.0",
          "A canary whose p99 scoring latency is over this many times the champion's (plus the slack) is rolled "
              + "back.");
  public static final Setting ROLLOUT_P99_SLACK_MS =
      Setting.of("rollout.p99-slack-ms", "TRII_ROLLOUT_P99_SLACK_MS", "1",
          "Latency differences below this many milliseconds never count as a canary regression.");
  public static final Setting SCORING_DRAIN_SECONDS =
      Setting.of("scoring.drain-seconds", "TRII_SCORING_DRAIN_SECONDS", "3",
          "At shutdown, how long the scoring API answers 503 on /ready before it stops taking requests (then finishes "
              + "those in flight).");
  public static final Setting SCORING_HOST =
      Setting.of("scoring.host", "TRII_SCORING_HOST", "127.0.0.1",
          "Interface the scoring API listens on (0.0.0.0: all; behind a proxy or in a container).");
  public static final Setting SCORING_MAX_BAR_AGE_SECONDS =
      Setting.of("scoring.max-bar-age-seconds", "TRII_SCORING_MAX_BAR_AGE_SECONDS", "900",
          "A prediction by symbol whose latest bar ended longer ago than this is flagged stale (market closed, feed down).");
  public static final Setting SCORING_PREDICTION_LOG_SAMPLE =
      Setting.of("scoring.prediction-log-sample", "TRII_SCORING_PREDICTION_LOG_SAMPLE", "1.0",
          "Share of prediction requests written to the prediction log, 0.0-1.0 (chosen by a hash of the request id, "
              + "so a request is logged whole or not at all); 0: no log.");
  public static final Setting SCORING_PORT =
      Setting.of("scoring.port", "TRII_SCORING_PORT", "8081", "HTTP port of the scoring API.");
  public static final Setting SCORING_TLS_KEYSTORE =
      Setting.of("scoring.tls.keystore", "TRII_SCORING_TLS_KEYSTORE", "",
          "PKCS#12 keystore with the scoring API's certificate and key: when set, it serves HTTPS only.");
  public static final Setting SCORING_TLS_KEYSTORE_PASSWORD =
      Setting.secret("scoring.tls.keystore-password", "TRII_SCORING_TLS_KEYSTORE_PASSWORD", "",
          "Password of TRII_SCORING_TLS_KEYSTORE.");
  public static final Setting SCORING_REFRESH_SECONDS =
      Setting.of("scoring.refresh-seconds", "TRII_SCORING_REFRESH_SECONDS", "5",
          "How often the scoring API checks the champion alias and swaps to a newly promoted model.");

  public static final Setting GATES_FILE =
      Setting.of("gates.file", "TRII_GATES_FILE", "", "YAML file of promotion gates (default: the built-in gates.yaml).");

  public static final Setting QUALITY_FILE =
      Setting.of("quality.file", "TRII_QUALITY_FILE", "",
          "YAML data-quality thresholds laid over the built-in quality.yaml (only the keys it sets).");

  public static final Setting SMTP_HOST =
      Setting.of("smtp.host", "TRII_SMTP_HOST", "",
          "SMTP server the daily report is mailed through. Unset: no mail (reports are only stored).");
  public static final Setting SMTP_PORT =
      Setting.of("smtp.port", "TRII_SMTP_PORT", "587", "Port of the SMTP server (587: submission with STARTTLS).");
  public static final Setting SMTP_USER =
      Setting.of("smtp.user", "TRII_SMTP_USER", "",
          "SMTP user; set: every mail is sent with SMTP AUTH (needs TRII_SMTP_PASSWORD). Unset: no AUTH.");
  public static final Setting SMTP_PASSWORD =
      Setting.secret("smtp.password", "TRII_SMTP_PASSWORD", "", "Password of TRII_SMTP_USER.");
  public static final Setting SMTP_STARTTLS =
      Setting.of("smtp.starttls", "TRII_SMTP_STARTTLS", "true",
          "true: the connection is upgraded with STARTTLS whenever the server offers it, and must be when "
              + "TRII_SMTP_USER is set (the password never travels in clear); false: plain SMTP (a trusted relay).");
  public static final Setting SMTP_FROM =
      Setting.of("smtp.from", "TRII_SMTP_FROM", "trii-reports@localhost", "Sender address of the mailed reports.");
  public static final Setting REPORT_MAIL_TO =
      Setting.of("report.mail-to", "TRII_REPORT_MAIL_TO", "",
          "Comma-separated addresses the daily report is mailed to (HTML body, PDF attached); mail is sent only when "
              + "both this and TRII_SMTP_HOST are set.");

  private Settings() {}

  /** Every setting, in declaration order. */
  public static List<Setting> all() {
    List<Setting> all = new ArrayList<>();
    for (Field field : Settings.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
        try {
          all.add((Setting) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return List.copyOf(all);
  }
}
