package dev.trii.launcher.apikeys;

import dev.trii.core.apikeys.ApiKeys;
import dev.trii.core.apikeys.ApiScope;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trii api-keys create NAME --scopes predict[,read-models]}: issues a key and prints it alone on the last line. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Issue a key. The key is printed once, alone on the last line; only its hash is stored.")
final class ApiKeysCreateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "Who the key is for (letters, digits, _ . -).")
  String name;

  @Option(names = "--scopes", split = ",", required = true, paramLabel = "SCOPE",
      description = "predict, read-models and/or admin, comma-separated.")
  List<String> scopes;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "" + ApiKeys.DEFAULT_RATE_PER_SECOND,
      description = "Requests per second the key may make (default: ${DEFAULT-VALUE}).")
  int rate;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ApiKeys.Issued issued = ApiKeysCommand.withKeys(keys -> {
      Set<ApiScope> parsed = EnumSet.noneOf(ApiScope.class);
      scopes.forEach(scope -> parsed.add(ApiScope.of(scope)));
      return keys.create(name, parsed, rate);
    });
    PrintWriter out = spec.commandLine().getOut();
    out.println("created " + ApiKeysCommand.describe(issued.record(), Instant.now()));
    out.println("the key (shown only now; send it as 'Authorization: Bearer <key>'):");
    out.println(issued.key());
    out.flush();
    return 0;
  }
}
