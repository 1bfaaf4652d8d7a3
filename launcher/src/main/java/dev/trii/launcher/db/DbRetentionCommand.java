package dev.trii.launcher.db;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.core.db.QuoteRetention;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trii db retention}: how many raw quotes a retention would delete, counted from ingestion time (a dry run),
 * and with {@code --apply} the deletion itself. Off unless a span is given ({@code --keep} or
 * {@code TRII_QUOTES_RETENTION}).
 */
@Command(name = "retention", mixinStandardHelpOptions = true,
    description = "Count (dry run) or delete (--apply) raw quotes ingested longer ago than the retention span.")
final class DbRetentionCommand implements Callable<Integer> {

  @Option(names = "--keep", paramLabel = "INTERVAL",
      description = "How long quotes are kept after ingestion, a PostgreSQL interval (e.g. '5 years'); default "
          + "TRII_QUOTES_RETENTION.")
  String keep;

  @Option(names = "--apply", description = "Delete them (without it: count only).")
  boolean apply;

  @Override
  public Integer call() {
    TriiConfig config = TriiConfig.load();
    String span = keep != null ? keep : config.optional(Settings.QUOTES_RETENTION).orElseThrow(() ->
        new TriiException("quote retention is off: give --keep INTERVAL or set "
            + Settings.QUOTES_RETENTION.env() + " (e.g. '5 years'); quotes are kept forever otherwise"));
    try (Database database = Database.open(config)) {
      database.migrate();
      QuoteRetention retention = new QuoteRetention(database.dataSource());
      QuoteRetention.Plan plan = retention.plan(span);
      System.out.printf(Locale.ROOT, "keep %s after ingestion: %,d of %,d quotes were ingested before %s%s%n",
          plan.keep(), plan.rows(), plan.total(), plan.cutoff(), plan.rows() == 0 ? ""
              : " (event times " + plan.oldest() + " to " + plan.newest() + ")");
      if (!apply) {
        System.out.println(plan.rows() == 0 ? "nothing to delete" : "dry run: nothing deleted; --apply deletes them");
        return 0;
      }
      long deleted = retention.apply(plan);
      System.out.printf(Locale.ROOT, "deleted %,d quotes%n", deleted);
    }
    return 0;
  }
}
