package dev.trii.launcher.apikeys;

import dev.trii.core.apikeys.ApiKey;
import dev.trii.core.apikeys.ApiKeys;
import dev.trii.core.apikeys.ApiScope;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code trii api-keys}: the keys apps call the scoring API with. A new key is printed once, alone on the last line
 * of the output (so {@code $(./trii api-keys create app --scopes predict | tail -1)} captures it); only its hash is
 * stored.
 */
@Command(name = "api-keys", mixinStandardHelpOptions = true,
    description = {"Create, list, rotate and revoke the scoring API's keys (stored hashed, shown once).",
        "Scopes: predict (prediction routes, the model's lineage), read-models (models with storage paths and "
            + "parameters), admin (metrics, rollouts; includes the others)."},
    subcommands = {ApiKeysCreateCommand.class, ApiKeysListCommand.class, ApiKeysRotateCommand.class,
        ApiKeysRevokeCommand.class})
public final class ApiKeysCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs {@code work} on the configured database's key table (migrated first: the command may be the first use). */
  static <T> T withKeys(Function<ApiKeys, T> work) {
    try (Database database = Database.open(TriiConfig.load())) {
      database.migrate();
      return work.apply(new ApiKeys(database.dataSource(), Clock.systemUTC()));
    } catch (IllegalArgumentException | NoSuchElementException e) {
      throw new TriiException(e.getMessage(), e);
    }
  }

  /** One key as the commands print it: prefix, name, scopes, rate, state. */
  static String describe(ApiKey key, Instant now) {
    return String.format(Locale.ROOT, "%-12s  %-20s  %-26s  %5d/s  %s", key.prefix(), key.name(),
        key.scopes().stream().sorted().map(ApiScope::label).collect(Collectors.joining(",")), key.ratePerSecond(),
        key.stateAt(now) + (key.expiresAt() != null && key.revokedAt() == null ? " " + key.expiresAt() : ""));
  }
}
