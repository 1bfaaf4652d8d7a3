package dev.trii.scoring.predictionlog;

import dev.trii.core.digest.Sha256;
import java.nio.ByteBuffer;

/**
 * The fingerprint of a feature vector in the prediction log: the SHA-256 (lower-case hex) of the float32 values the
 * model scored, in the model's feature order, each as its 4 IEEE 754 bytes, big-endian; every missing value (NaN) as
 * the one canonical NaN. Equal vectors have equal hashes whichever way they were sent.
 */
public final class FeatureHash {

  private FeatureHash() {}

  public static String sha256(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * vector.length);
    for (float value : vector) {
      bytes.putInt(Float.floatToIntBits(value));
    }
    return Sha256.hex(bytes.array());
  }
}
