package dev.trii.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The expand/contract rule of zero-downtime releases, on every Flyway migration: during a blue-green or canary
 * rollout the previous release's code runs against the new schema, so a migration may only add (tables, nullable or
 * defaulted columns, indexes, wider constraints). What would break the previous release — dropping or renaming a
 * table or column, changing a column's type, making a column NOT NULL, adding a NOT NULL column without a default,
 * truncating — belongs in a contract migration ({@code V<n>__contract_<what>.sql}), shipped one release after the
 * code stopped using what it removes. Migrations written before the rule are listed with what they did.
 */
class MigrationLintTest {

  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

  /** Destructive statements, by what they break. */
  private static final Map<String, Pattern> DESTRUCTIVE = Map.of(
      "drops a table or view", Pattern.compile("\\bdrop\\s+(table|view|materialized\\s+view)\\b"),
      "drops a column", Pattern.compile("\\bdrop\\s+column\\b"),
      "renames", Pattern.compile("\\brename\\s+(column\\s+|constraint\\s+)?\\w+\\s+to\\b|\\brename\\s+to\\b"),
      "changes a column's type", Pattern.compile("\\balter\\s+column\\s+\\w+\\s+(set\\s+data\\s+)?type\\b"),
      "makes a column NOT NULL", Pattern.compile("\\bset\\s+not\\s+null\\b"),
      "adds a NOT NULL column without a default",
      Pattern.compile("\\badd\\s+column\\s+(if\\s+not\\s+exists\\s+)?\\w+\\s+[^,;]*?\\bnot\\s+null\\b(?![^,;]*\\bdefault\\b)"),
      "truncates", Pattern.compile("\\btruncate\\b"));

  /** Migrations before the rule (V1–V20), and the destructive statements each holds. */
  private static final Map<String, List<String>> BEFORE_THE_RULE = Map.of(
      "V9__real_feeds.sql", List.of("changes a column's type"),
      "V10__promotion_outcome.sql", List.of("makes a column NOT NULL"));

  @Test
  void onlyContractMigrationsBreakThePreviousRelease() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path migration : migrations()) {
      String name = migration.getFileName().toString();
      if (name.matches("V\\d+__contract_.*\\.sql")) {
        continue;
      }
      List<String> found = destructiveStatements(Files.readString(migration));
      if (!found.equals(BEFORE_THE_RULE.getOrDefault(name, List.of()))) {
        violations.add(name + " " + found + " (move it to a V<n>__contract_*.sql one release later)");
      }
    }
    assertThat(violations).as("migrations that would break the previous release's code").isEmpty();
  }

  @Test
  void recognisesWhatWouldBreakThePreviousRelease() {
    assertThat(destructiveStatements("alter table quotes drop column venue;")).containsExactly("drops a column");
    assertThat(destructiveStatements("ALTER TABLE bars_1m RENAME COLUMN volume TO qty;")).containsExactly("renames");
    assertThat(destructiveStatements("alter table t alter column c type bigint;"))
        .containsExactly("changes a column's type");
    assertThat(destructiveStatements("alter table t add column c text not null;"))
        .containsExactly("adds a NOT NULL column without a default");
    assertThat(destructiveStatements("drop table if exists old_quotes;")).containsExactly("drops a table or view");
    assertThat(destructiveStatements("-- drop table x (a comment)\nalter table t add column c text not null default '';"
        + "\ncreate index on t (c);\nalter table t drop constraint t_check;")).isEmpty();
  }

  /** What a migration does that would break the previous release, comments left out, in a fixed order. */
  static List<String> destructiveStatements(String sql) {
    String code = sql.replaceAll("--[^\\n]*", " ").replaceAll("(?s)/\\*.*?\\*/", " ").toLowerCase(Locale.ROOT);
    return DESTRUCTIVE.entrySet().stream().filter(rule -> {
      Matcher matcher = rule.getValue().matcher(code);
      return matcher.find();
    }).map(Map.Entry::getKey).sorted().toList();
  }

  private static List<Path> migrations() throws IOException {
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      List<Path> sql = files.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
      assertThat(sql).as("migrations in %s", MIGRATIONS).hasSizeGreaterThanOrEqualTo(20);
      return sql;
    }
  }
}
