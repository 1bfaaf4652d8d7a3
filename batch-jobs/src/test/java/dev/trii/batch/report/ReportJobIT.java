package dev.trii.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.trii.batch.BatchRunResult;
import dev.trii.batch.BatchRunner;
import dev.trii.batch.JobNames;
import dev.trii.batch.report.mail.ReceivedMail;
import dev.trii.batch.testing.BatchTestContext;
import dev.trii.core.Platform;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.reports.ReportFormat;
import dev.trii.core.reports.Reports;
import dev.trii.core.reports.StoredReport;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.BarsTable;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.training.testing.SyntheticBars;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;

/**
 * The report job as the scheduler and {@code ./trii reports generate} run it: days chosen from the parameters (or the
 * latest day with bars), both formats stored and indexed, reruns idempotent, and each written day mailed when mail
 * is configured (GreenMail on a free port).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportJobIT {

  /** Three weekday sessions from 2024-03-04. */
  private static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5),
      LocalDate.of(2024, 3, 6));

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static TestDatabase db;
  private static ObjectStorageSettings storage;
  private static Reports reports;

  @BeforeAll
  static void market() {
    db = TestDatabase.create();
    storage = TestObjectStore.freshBucket();
    reports = new Reports(db.dataSource(), ArtifactStore.connect(storage));
    BarsTable.upsert(db.dataSource(), SyntheticBars.market(3, "AAA", "BBB").bars());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  @Order(1)
  void withoutDatesItWritesTheLatestTradingDayWithBars() {
    BatchRunResult.JobRun job = run(Map.of(), false);

    assertThat(job.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(job.exitDescription()).contains("daily reports written for 2024-03-06")
        .contains("report mail off (TRII_SMTP_HOST or TRII_REPORT_MAIL_TO unset)");
    assertThat(reports.list()).extracting(StoredReport::date, StoredReport::format).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(DAYS.get(2), ReportFormat.HTML),
        org.assertj.core.groups.Tuple.tuple(DAYS.get(2), ReportFormat.PDF));
  }

  @Test
  @Order(2)
  void aRangeIsWrittenDayByDayAndMailedAsHtmlWithThePdfAttached() {
    BatchRunResult.JobRun job = run(Map.of("reportFrom", "2024-03-01", "reportTo", "2024-03-06"), true);

    assertThat(job.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(job.exitDescription()).contains("daily reports written for 2024-03-04,2024-03-05,2024-03-06")
        .contains("3 sent");
    assertThat(db.count("reports")).as("three days, two formats; 2024-03-06 replaced, not added").isEqualTo(6);
    for (LocalDate day : DAYS) {
      StoredReport html = reports.find(day, Reports.DAILY, ReportFormat.HTML).orElseThrow();
      StoredReport pdf = reports.find(day, Reports.DAILY, ReportFormat.PDF).orElseThrow();
      assertThat(html.objectKey()).isEqualTo(Reports.objectKey(day, Reports.DAILY, ReportFormat.HTML));
      assertThat(new String(reports.read(html), StandardCharsets.UTF_8)).contains(day.toString(), "AAA", "BBB");
      assertThat(new String(reports.read(pdf), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      assertThat(html.windowStart()).isBefore(html.windowEnd());
      assertThat(LocalDate.ofInstant(html.windowStart(), java.time.ZoneOffset.UTC)).isEqualTo(day);
    }
    List<ReceivedMail> mails = java.util.Arrays.stream(SMTP.getReceivedMessages()).map(ReceivedMail::of).toList();
    assertThat(mails).hasSize(3).allSatisfy(mail -> {
      assertThat(mail.to()).containsExactly("desk@example.com");
      assertThat(mail.attachments()).singleElement().satisfies(attachment -> {
        assertThat(attachment.contentType()).isEqualTo("application/pdf");
        assertThat(new String(attachment.content(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      });
    });
    assertThat(mails).extracting(ReceivedMail::subject).containsExactlyInAnyOrder("TRII daily report 2024-03-04",
        "TRII daily report 2024-03-05", "TRII daily report 2024-03-06");
    StoredReport pdf = reports.find(DAYS.get(1), Reports.DAILY, ReportFormat.PDF).orElseThrow();
    assertThat(mails).filteredOn(mail -> mail.subject().endsWith("2024-03-05")).singleElement()
        .satisfies(mail -> assertThat(mail.attachments().get(0).content()).isEqualTo(reports.read(pdf)));
  }

  @Test
  @Order(3)
  void aRerunOfADayReplacesItsFiles() {
    StoredReport before = reports.find(DAYS.get(0), Reports.DAILY, ReportFormat.PDF).orElseThrow();

    BatchRunResult.JobRun job = run(Map.of("reportFrom", "2024-03-04"), false);

    assertThat(job.exitDescription()).contains("daily reports written for 2024-03-04;");
    assertThat(db.count("reports")).isEqualTo(6);
    StoredReport after = reports.find(DAYS.get(0), Reports.DAILY, ReportFormat.PDF).orElseThrow();
    assertThat(after.updatedAt()).isAfter(before.updatedAt());
    assertThat(reports.read(after)).isNotEmpty();
  }

  @Test
  @Order(4)
  void daysWithoutBarsAndBadDatesAreSaidSo() {
    assertThat(run(Map.of("reportFrom", "2023-01-02", "reportTo", "2023-01-06"), false).exitDescription())
        .contains("no trading day with bars to report");

    BatchRunResult.JobRun bad = run(Map.of("reportFrom", "2024-03-06", "reportTo", "2024-03-04"), false);
    assertThat(bad.status()).isEqualTo(BatchStatus.FAILED);
    assertThat(bad.failures()).anySatisfy(failure -> assertThat(failure)
        .hasRootCauseMessage("reportTo 2024-03-04 is before reportFrom 2024-03-06"));
  }

  private static BatchRunResult.JobRun run(Map<String, String> parameters, boolean mail) {
    TriiConfig config = BatchTestContext.config(db, storage);
    if (mail) {
      config = config.with(Settings.SMTP_HOST, "127.0.0.1")
          .with(Settings.SMTP_PORT, Integer.toString(SMTP.getSmtp().getPort()))
          .with(Settings.REPORT_MAIL_TO, "desk@example.com");
    }
    try (Platform platform = Platform.open(config)) {
      return BatchRunner.run(platform, List.of(JobNames.REPORT), Map.of(), parameters).job(JobNames.REPORT)
          .orElseThrow();
    }
  }
}
