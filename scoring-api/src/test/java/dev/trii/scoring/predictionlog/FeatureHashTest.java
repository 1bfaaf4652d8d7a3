package dev.trii.scoring.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The feature vector's fingerprint in the prediction log. */
class FeatureHashTest {

  @Test
  void isTheSha256OfTheFloatsAsBigEndianIeeeBytes() throws Exception {
    float[] vector = {0.0012f, -3.5f, Float.NaN, 51.25f};

    assertThat(FeatureHash.sha256(vector)).isEqualTo(sha256OfDataOutput(vector)).hasSize(64);
    assertThat(FeatureHash.sha256(new float[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void everyMissingValueIsTheSameAndTheOrderMatters() {
    float otherNaN = Float.intBitsToFloat(0x7fc00001);

    assertThat(FeatureHash.sha256(new float[] {1f, otherNaN}))
        .isEqualTo(FeatureHash.sha256(new float[] {1f, Float.NaN}));
    assertThat(FeatureHash.sha256(new float[] {1f, 2f})).isNotEqualTo(FeatureHash.sha256(new float[] {2f, 1f}));
    assertThat(FeatureHash.sha256(new float[] {0f})).isNotEqualTo(FeatureHash.sha256(new float[] {-0f}));
  }

  /** The same fingerprint by another route: {@link DataOutputStream#writeFloat} writes the canonical IEEE bits. */
  private static String sha256OfDataOutput(float[] vector) throws IOException, NoSuchAlgorithmException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (float value : vector) {
        out.writeFloat(value);
      }
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
  }
}
