package dev.trii.ingestion.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sink settings: batched inserts switched on in the URL, bad settings named. */
class JdbcIngestionSinksTest {

  @Test
  void switchesOnBatchedInsertRewriting() {
    assertThat(JdbcIngestionSinks.batchedUrl("jdbc:postgresql://db:5432/trii"))
        .isEqualTo("jdbc:postgresql://db:5432/trii?reWriteBatchedInserts=true");
    assertThat(JdbcIngestionSinks.batchedUrl("jdbc:postgresql://db/trii?ssl=true"))
        .isEqualTo("jdbc:postgresql://db/trii?ssl=true&reWriteBatchedInserts=true");
    assertThat(JdbcIngestionSinks.batchedUrl("jdbc:postgresql://db/trii?reWriteBatchedInserts=false"))
        .isEqualTo("jdbc:postgresql://db/trii?reWriteBatchedInserts=false");
  }

  @Test
  void rejectsBadSettingsNamingTheValue() {
    assertThatThrownBy(() -> new JdbcSinkSettings(0, Duration.ofMillis(200), 3)).hasMessageEndingWith("got 0");
    assertThatThrownBy(() -> new JdbcSinkSettings(10, Duration.ZERO, 3)).hasMessageContaining("flushInterval");
    assertThatThrownBy(() -> new JdbcSinkSettings(10, Duration.ofMillis(1), -1)).hasMessageEndingWith("got -1");
  }
}
