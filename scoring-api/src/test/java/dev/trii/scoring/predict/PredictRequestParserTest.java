package dev.trii.scoring.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How prediction request bodies are read and which ones are refused, without a server. */
class PredictRequestParserTest {

  private final PredictRequestParser parser = new PredictRequestParser();

  private PredictRequest parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsFeaturesWithNullAsNaN() {
    PredictRequest request = parse("{\"features\": {\"ret_1m\": 0.0012, \"rsi_14\": null, \"quote_count\": 12}}");

    assertThat(request).isInstanceOf(PredictRequest.ByFeatures.class);
    PredictRequest.ByFeatures features = (PredictRequest.ByFeatures) request;
    assertThat(features.values()).containsKeys("ret_1m", "rsi_14", "quote_count");
    assertThat(features.values().get("ret_1m")).isEqualTo(0.0012);
    assertThat(features.values().get("rsi_14")).isNaN();
    assertThat(features.values().get("quote_count")).isEqualTo(12.0);
  }

  @Test
  void thePlainShapeAndAnyOtherLayoutReadTheSameValues() {
    PredictRequest plain = parse(
        "{\"features\": {\"a\": 1, \"b\": -2.5e-3, \"c\": null, \"d\": 123456789012345678901}}");
    PredictRequest trailingSpace = parse("  {\"features\" : {\"a\":1.0,\"b\":-0.0025,\"c\":null,"
        + "\"d\":1.2345678901234568E20}}  ");

    assertThat(((PredictRequest.ByFeatures) plain).values()).containsExactlyEntriesOf(
        ((PredictRequest.ByFeatures) trailingSpace).values());
    assertThat(((PredictRequest.ByFeatures) plain).values()).containsKeys("a", "b", "c", "d");
    assertThatThrownBy(() -> parse("{\"features\": {\"a\": 1}, \"extra\": 2}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown field(s) [extra]");
    assertThatThrownBy(() -> parse("{\"features\": {\"a\": 1}} {}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> parse("{\"features\": {\"a\": 1}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("malformed JSON");
  }

  @Test
  void readsASymbolTrimmed() {
    assertThat(parse("{\"symbol\": \" BRK.B \"}")).isEqualTo(new PredictRequest.BySymbol("BRK.B"));
  }

  @Test
  void rejectsAnEmptyBody() {
    assertThatThrownBy(() -> parse("  ")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty");
  }

  @Test
  void rejectsTrailingGarbage() {
    assertThatThrownBy(() -> parse("{\"symbol\": \"AAPL\"} x"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("malformed JSON");
  }

  @Test
  void rejectsDuplicateFeatureNames() {
    assertThatThrownBy(() -> parse("{\"features\": {\"ret_1m\": 1, \"ret_1m\": 2}}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Duplicate field 'ret_1m'");
  }

  @Test
  void rejectsARepeatedFeaturesField() {
    assertThatThrownBy(() -> parse("{\"features\": {\"ret_1m\": 1}, \"features\": {\"ret_5m\": 2}}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Duplicate field 'features'");
  }

  @Test
  void namesEveryFeatureOfTheWrongType() {
    assertThatThrownBy(() -> parse("{\"features\": {\"a\": true, \"b\": 1, \"c\": [1]}}"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("[a, c]")
        .satisfies(e -> assertThat(((InvalidRequestException) e).details()).containsKey("wrong_type_features"));
  }

  @Test
  void rejectsASymbolThatIsNotATicker() {
    assertThatThrownBy(() -> parse("{\"symbol\": \"\"}")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> parse("{\"symbol\": \"A/B\"}")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> parse("{\"symbol\": \"ABCDEFGHIJKLMNOPQ\"}")).isInstanceOf(InvalidRequestException.class);
  }
}
