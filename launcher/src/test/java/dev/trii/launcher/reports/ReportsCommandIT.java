package dev.trii.launcher.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.BarsTable;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.launcher.testing.TriiProcess;
import dev.trii.training.testing.SyntheticBars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trii reports generate|list|get} through the launcher, on a real database and object store. */
class ReportsCommandIT {

  private static TestDatabase db;
  private static ObjectStorageSettings storage;

  @TempDir
  Path home;

  @BeforeAll
  static void market() {
    db = TestDatabase.create();
    storage = TestObjectStore.freshBucket();
    BarsTable.upsert(db.dataSource(), SyntheticBars.market(2, "AAA", "BBB").bars()); // 2024-03-04 and -05
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void generatesListsAndDownloadsTheDailyReports() throws Exception {
    Map<String, String> settings = new HashMap<>(db.coordinates().asEnvironment());
    settings.putAll(storage.asEnvironment());

    TriiProcess.Result generated = TriiProcess.run(home, settings, "reports", "generate", "--from", "2024-03-04",
        "--to", "2024-03-05");
    assertThat(generated.exitCode()).as("%s", generated).isZero();
    assertThat(generated.stdout()).contains("daily reports written for 2024-03-04,2024-03-05")
        .contains("2024-03-05  s3://" + storage.bucket() + "/reports/2024/03/05/daily.pdf")
        .contains("2024-03-04  s3://" + storage.bucket() + "/reports/2024/03/04/daily.html");

    TriiProcess.Result list = TriiProcess.run(home, settings, "reports", "list");
    assertThat(list.exitCode()).as("%s", list).isZero();
    assertThat(list.stdout().lines().toList()).as("one line per report, the latest first, its date first")
        .hasSize(2)
        .satisfiesExactly(
            line -> assertThat(line).matches("2024-03-05  daily  html [0-9.]+ KiB, pdf [0-9.]+ KiB  "
                + "data 2024-03-05 14:30 \\.\\. 21:00 UTC"),
            line -> assertThat(line).startsWith("2024-03-04  daily  html "));

    Path pdf = home.resolve("out/day.pdf");
    TriiProcess.Result get = TriiProcess.run(home, settings, "reports", "get", "2024-03-05", "-o", pdf.toString());
    assertThat(get.exitCode()).as("%s", get).isZero();
    assertThat(get.stdout()).contains(pdf.toString()).contains("sha256 ");
    assertThat(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    Path html = home.resolve("day.html");
    assertThat(TriiProcess.run(home, settings, "reports", "get", "2024-03-04", "--format", "HTML", "-o",
        html.toString()).exitCode()).isZero();
    assertThat(Files.readString(html)).contains("2024-03-04", "<svg");

    TriiProcess.Result missing = TriiProcess.run(home, settings, "reports", "get", "2024-03-06");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(String.join("\n", missing.stderr()))
        .contains("no pdf report for 2024-03-06: ./trii reports list shows the days there are");
    TriiProcess.Result badDate = TriiProcess.run(home, settings, "reports", "get", "05/03/2024");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(String.join("\n", badDate.stderr())).contains("DATE must be a date like 2026-12-04, got '05/03/2024'");
  }
}
