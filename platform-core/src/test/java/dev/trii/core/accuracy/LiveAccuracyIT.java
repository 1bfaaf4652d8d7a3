package dev.trii.core.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.testing.TestDatabase;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveAccuracyIT {

  private final TestDatabase db = TestDatabase.create();
  private final LiveAccuracy accuracy = new LiveAccuracy(db.dataSource());

  @AfterEach
  void drop() {
    db.close();
  }

  @Test
  void aDayWithoutALabelHasNoHitRateNotZero() {
    db.jdbc().update("insert into live_accuracy (model_name, model_version, trading_date, predictions, labelled, hits, "
        + "unlabellable, pending, refreshed_at) values ('m', 1, '2026-03-04', 8, 0, 0, 8, 0, now()), "
        + "('m', 1, '2026-03-05', 20, 10, 7, 6, 4, now())");

    assertThat(accuracy.days("m", 1, 5)).extracting(LiveAccuracy.Tally::firstDay, LiveAccuracy.Tally::hitRate)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 5), 0.7),
            org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 4), null));
    LiveAccuracy.Tally total = accuracy.version("m", 1).orElseThrow();
    assertThat(total.hitRate()).isEqualTo(0.7);
    assertThat(total.predictions()).isEqualTo(28);
    assertThat(total.pending()).isEqualTo(4);
    assertThat(accuracy.version("m", 2)).isEmpty();
  }
}
