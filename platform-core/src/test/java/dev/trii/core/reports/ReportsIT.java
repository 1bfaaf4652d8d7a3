package dev.trii.core.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.TriiException;
import dev.trii.core.digest.Sha256;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReportsIT {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
  private static final Instant OPEN = Instant.parse("2026-12-04T14:30:00Z");
  private static final Instant CLOSE = Instant.parse("2026-12-04T21:00:00Z");

  private final TestDatabase db = TestDatabase.create();
  private final ArtifactStore store = ArtifactStore.connect(TestObjectStore.freshBucket());
  private final Reports reports = new Reports(db.dataSource(), store);

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aReportIsStoredUnderItsDateAndIndexedWithChecksumSizeAndWindow() {
    byte[] pdf = "%PDF-1.7 a day".getBytes(StandardCharsets.US_ASCII);

    StoredReport stored = reports.store(DAY, Reports.DAILY, ReportFormat.PDF, pdf, OPEN, CLOSE);

    assertThat(stored.objectKey()).isEqualTo("reports/2026/12/04/daily.pdf");
    assertThat(store.get("reports/2026/12/04/daily.pdf")).isEqualTo(pdf);
    assertThat(stored.sha256()).isEqualTo(Sha256.hex(pdf));
    assertThat(stored.sizeBytes()).isEqualTo(pdf.length);
    assertThat(stored.windowStart()).isEqualTo(OPEN);
    assertThat(stored.windowEnd()).isEqualTo(CLOSE);
    assertThat(reports.read(stored)).isEqualTo(pdf);
    assertThat(reports.uri(stored)).isEqualTo("s3://" + store.bucket() + "/reports/2026/12/04/daily.pdf");
  }

  @Test
  void storingADayAgainReplacesItsFileAndIndexRow() {
    reports.store(DAY, Reports.DAILY, ReportFormat.HTML, "<p>first</p>".getBytes(StandardCharsets.UTF_8), OPEN, CLOSE);
    reports.store(DAY.minusDays(1), Reports.DAILY, ReportFormat.HTML, "<p>before</p>".getBytes(StandardCharsets.UTF_8),
        OPEN.minusSeconds(86_400), CLOSE.minusSeconds(86_400));

    byte[] second = "<p>second</p>".getBytes(StandardCharsets.UTF_8);
    reports.store(DAY, Reports.DAILY, ReportFormat.HTML, second, OPEN, CLOSE);

    assertThat(db.count("reports")).isEqualTo(2);
    assertThat(reports.list()).extracting(StoredReport::date).containsExactly(DAY, DAY.minusDays(1));
    StoredReport day = reports.find(DAY, Reports.DAILY, ReportFormat.HTML).orElseThrow();
    assertThat(reports.read(day)).isEqualTo(second);
    assertThat(reports.list(DAY, DAY)).containsExactly(day);
    assertThat(reports.find(DAY, Reports.DAILY, ReportFormat.PDF)).isEmpty();
  }

  @Test
  void aFileThatNoLongerMatchesItsIndexIsRefused() {
    StoredReport stored = reports.store(DAY, Reports.DAILY, ReportFormat.HTML,
        "<p>the day</p>".getBytes(StandardCharsets.UTF_8), OPEN, CLOSE);
    store.put(stored.objectKey(), "<p>the d".getBytes(StandardCharsets.UTF_8), "text/html");

    assertThatThrownBy(() -> reports.read(stored)).isInstanceOf(TriiException.class)
        .hasMessageContaining("does not match its index").hasMessageContaining("write the day's report again");
  }

  @Test
  void formatsAreNamedByTheirExtension() {
    assertThat(ReportFormat.parse("PDF")).isEqualTo(ReportFormat.PDF);
    assertThatThrownBy(() -> ReportFormat.parse("docx")).hasMessage("unknown report format 'docx': use one of html, pdf");
  }
}
