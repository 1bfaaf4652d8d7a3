package dev.trii.launcher.apikeys;

import dev.trii.core.apikeys.ApiKey;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trii api-keys list}: every key (never the key itself): prefix, name, scopes, rate, state, last use. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys (prefixes and hashes only).")
final class ApiKeysListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<ApiKey> keys = ApiKeysCommand.withKeys(k -> k.list());
    PrintWriter out = spec.commandLine().getOut();
    Instant now = Instant.now();
    if (keys.isEmpty()) {
      out.println("no API keys yet: ./trii api-keys create NAME --scopes predict");
    } else {
      out.printf("%-12s  %-20s  %-26s  %7s  %s%n", "PREFIX", "NAME", "SCOPES", "RATE", "STATE (LAST USED)");
      for (ApiKey key : keys) {
        out.println(ApiKeysCommand.describe(key, now) + "  (" + (key.lastUsedAt() == null ? "never used"
            : "used " + key.lastUsedAt()) + ")");
      }
    }
    out.flush();
    return 0;
  }
}
