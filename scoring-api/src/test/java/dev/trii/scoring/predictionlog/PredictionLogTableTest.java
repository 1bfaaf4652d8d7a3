package dev.trii.scoring.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PredictionLogTableTest {

  @Test
  void aPredictionBySymbolIsOneCsvLineWithItsTextQuoted() {
    StringBuilder csv = new StringBuilder();

    float[] features = {0.5f, Float.NaN};
    PredictionLogTable.append(csv, new LoggedPrediction("req-1", 0, "trii-direction", 3, "run \"7\", again",
        "v2-abc", features, 0.6125, "up", "BRK.B", Instant.parse("2026-03-05T14:31:00Z"), LocalDate.of(2026, 3, 5),
        Instant.parse("2026-03-05T14:32:00.123Z")));

    assertThat(csv).hasToString("\"req-1\",0,\"trii-direction\",3,\"run \"\"7\"\", again\",\"v2-abc\",\"" + FeatureHash.sha256(features) + "\","
        + "0.6125,\"up\",\"BRK.B\",2026-03-05T14:31:00Z,2026-03-05,2026-03-05T14:32:00.123Z\n");
  }

  @Test
  void whatAPredictionByVectorLacksIsAnEmptyUnquotedFieldWhichCopyReadsAsNull() {
    StringBuilder csv = new StringBuilder();

    PredictionLogTable.append(csv, new LoggedPrediction("req-2", 4, "m", 1, null, "v2-abc", new float[0], 1.0E-5, "down",
        null, null, null, Instant.parse("2026-03-05T14:32:00Z")));

    assertThat(csv).hasToString("\"req-2\",4,\"m\",1,,\"v2-abc\",\"" + FeatureHash.sha256(new float[0]) + "\",1.0E-5,\"down\",,,,2026-03-05T14:32:00Z\n");
  }
}
