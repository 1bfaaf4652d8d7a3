package dev.trii.batch.report;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * The trading days a report run writes, one item each, in date order. The list is decided when the step opens; the
 * count of days read is saved with each chunk, so a restarted run goes on from the first day it had not written.
 */
class ReportDaysReader extends AbstractItemCountingItemStreamItemReader<LocalDate> {

  private final Supplier<List<LocalDate>> days;
  private List<LocalDate> toWrite = List.of();

  ReportDaysReader(Supplier<List<LocalDate>> days) {
    this.days = days;
    setName("reportDaysReader");
  }

  @Override
  protected void doOpen() {
    toWrite = days.get();
  }

  @Override
  protected LocalDate doRead() {
    int next = getCurrentItemCount() - 1;
    return next < toWrite.size() ? toWrite.get(next) : null;
  }

  @Override
  protected void doClose() {
    toWrite = List.of();
  }
}
