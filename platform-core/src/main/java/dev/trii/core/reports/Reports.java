package dev.trii.core.reports;

import dev.trii.core.config.TriiException;
import dev.trii.core.digest.Sha256;
import dev.trii.core.storage.ArtifactStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reports for analysts: files in object storage under a stable key ({@code reports/<yyyy>/<mm>/<dd>/<kind>.<ext>}),
 * indexed in {@code reports} with their checksum, size and the window of data they cover. Storing a day's report
 * again replaces the file and its index row: a rerun is idempotent. Reading checks the file against its checksum.
 */
public final class Reports {

  /** The daily report: one per trading day. */
  public static final String DAILY = "daily";

  private static final String UPSERT = """
      insert into reports (report_date, kind, format, object_key, sha256, size_bytes, window_start, window_end,
                           created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, now(), now())
      on conflict (report_date, kind, format) do update
        set object_key = excluded.object_key, sha256 = excluded.sha256, size_bytes = excluded.size_bytes,
            window_start = excluded.window_start, window_end = excluded.window_end, updated_at = now()
      """;

  private static final String SELECT = """
      select report_date, kind, format, object_key, sha256, size_bytes, window_start, window_end, updated_at
      from reports
      where sha256 is not null %s
      order by report_date desc, kind, format
      """;

  private final JdbcTemplate jdbc;
  private final ArtifactStore store;

  public Reports(DataSource dataSource, ArtifactStore store) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.store = store;
  }

  /**
   * A trading day as users name it ({@code 2026-12-04}).
   *
   * @param name what the value is, for the error ({@code DATE}, {@code reportFrom})
   * @throws IllegalArgumentException naming it, for anything else
   */
  public static LocalDate day(String name, String value) {
    try {
      return LocalDate.parse(value == null ? "" : value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a date like 2026-12-04, got '" + value + "'");
    }
  }

  /** The object key of a report: {@code reports/2026/12/04/daily.pdf}. */
  public static String objectKey(LocalDate date, String kind, ReportFormat format) {
    return "reports/%04d/%02d/%02d/%s.%s".formatted(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), kind,
        format.extension());
  }

  /** Writes the file to object storage, then indexes it (replacing an earlier file of the same day and format). */
  public StoredReport store(LocalDate date, String kind, ReportFormat format, byte[] content, Instant windowStart,
      Instant windowEnd) {
    String key = objectKey(date, kind, format);
    store.put(key, content, format.contentType());
    jdbc.update(UPSERT, date, kind, format.extension(), key, Sha256.hex(content), content.length,
        Timestamp.from(windowStart), Timestamp.from(windowEnd));
    return find(date, kind, format).orElseThrow();
  }

  /** Every indexed report, the latest day first. */
  public List<StoredReport> list() {
    return jdbc.query(SELECT.formatted(""), Reports::row);
  }

  /** The indexed reports of the days from {@code from} to {@code to}, both inclusive, the latest first. */
  public List<StoredReport> list(LocalDate from, LocalDate to) {
    return jdbc.query(SELECT.formatted("and report_date between ? and ?"), Reports::row, from, to);
  }

  public Optional<StoredReport> find(LocalDate date, String kind, ReportFormat format) {
    return jdbc.query(SELECT.formatted("and report_date = ? and kind = ? and format = ?"), Reports::row, date, kind,
        format.extension()).stream().findFirst();
  }

  /**
   * The report's file, as indexed.
   *
   * @throws TriiException when object storage holds another file under its key (changed or cut short)
   */
  public byte[] read(StoredReport report) {
    byte[] content = store.get(report.objectKey());
    String actual = Sha256.hex(content);
    if (!actual.equals(report.sha256())) {
      throw new TriiException("report " + store.uri(report.objectKey()) + " does not match its index: sha256 "
          + actual + " (" + content.length + " bytes), indexed " + report.sha256() + " (" + report.sizeBytes()
          + " bytes); write the day's report again");
    }
    return content;
  }

  /** Where a report lives, as a URI ({@code s3://bucket/reports/...}). */
  public String uri(StoredReport report) {
    return store.uri(report.objectKey());
  }

  private static StoredReport row(ResultSet rs, int row) throws SQLException {
    return new StoredReport(rs.getDate(1).toLocalDate(), rs.getString(2), ReportFormat.parse(rs.getString(3)),
        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getTimestamp(7).toInstant(),
        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
  }
}
