package dev.trii.launcher.apikeys;

import dev.trii.core.apikeys.ApiKeys;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trii api-keys rotate NAME [--overlap 24h]}: a new key with the same scopes and rate; the old one keeps
 * working for the overlap, so both are valid while clients switch.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = "Issue a replacement key; the current one stays valid for the overlap. New key on the last line.")
final class ApiKeysRotateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "The name of the key to rotate.")
  String name;

  @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "PT24H",
      description = "How long the old key stays valid, ISO-8601 (PT24H, PT15M, P7D; default: ${DEFAULT-VALUE}).")
  Duration overlap;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ApiKeys.Issued issued = ApiKeysCommand.withKeys(keys -> keys.rotate(name, overlap));
    PrintWriter out = spec.commandLine().getOut();
    out.println("rotated " + name + ": the previous key(s) expire at " + Instant.now().plus(overlap));
    out.println("created " + ApiKeysCommand.describe(issued.record(), Instant.now()));
    out.println("the new key (shown only now):");
    out.println(issued.key());
    out.flush();
    return 0;
  }
}
