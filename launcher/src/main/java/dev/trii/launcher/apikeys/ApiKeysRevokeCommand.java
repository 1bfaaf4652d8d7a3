package dev.trii.launcher.apikeys;

import dev.trii.core.apikeys.ApiKey;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trii api-keys revoke PREFIX|NAME}: the key stops working within the API's key reload (5 s). */
@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke one key (by prefix) or every key of a name. Running APIs refuse it within 5 s.")
final class ApiKeysRevokeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PREFIX|NAME", description = "A key's prefix (see list), or a name.")
  String target;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<ApiKey> revoked = ApiKeysCommand.withKeys(keys -> keys.revoke(target));
    PrintWriter out = spec.commandLine().getOut();
    Instant now = Instant.now();
    if (revoked.isEmpty()) {
      out.println(target + ": already revoked; nothing changed");
    }
    revoked.forEach(key -> out.println("revoked " + ApiKeysCommand.describe(key, now)));
    out.flush();
    return 0;
  }
}
