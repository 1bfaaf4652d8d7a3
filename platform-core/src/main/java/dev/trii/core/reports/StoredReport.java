package dev.trii.core.reports;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One report file as the index knows it.
 *
 * @param date the trading day reported on
 * @param kind what report it is ({@link Reports#DAILY})
 * @param format the file's format
 * @param objectKey where object storage holds it, e.g. {@code reports/2026/12/04/daily.pdf}
 * @param sha256 hex SHA-256 of the file, checked on every read
 * @param sizeBytes the file's size
 * @param windowStart start of the market data it covers (inclusive)
 * @param windowEnd end of the market data it covers (exclusive)
 * @param updatedAt when it was last written (a rerun of the day replaces it)
 */
public record StoredReport(LocalDate date, String kind, ReportFormat format, String objectKey, String sha256,
    long sizeBytes, Instant windowStart, Instant windowEnd, Instant updatedAt) {}
