package dev.trii.scoring.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CanaryBucketsTest {

  @Test
  void aClientKeepsItsBucketSoItStaysInTheCanaryAsTheShareGrows() {
    for (int i = 0; i < 1000; i++) {
      String client = "client-" + i;
      int bucket = LiveRollout.bucketOf(client, 7);
      assertThat(LiveRollout.bucketOf(client, 7)).isEqualTo(bucket);
      if (bucket < 5) {
        assertThat(bucket).isLessThan(25).isLessThan(50).isLessThan(100);
      }
    }
  }

  @Test
  void theSharesOfManyClientsAreCloseToThePlannedOnes() {
    int clients = 20_000;
    for (int share : new int[] {5, 25, 50}) {
      long inCanary = IntStream.range(0, clients).filter(i -> LiveRollout.bucketOf("app-" + i, 42) < share).count();
      assertThat(100.0 * inCanary / clients).as("share %d %%", share).isCloseTo(share, offset(1.0));
    }
  }

  @Test
  void anotherRolloutDrawsOtherClients() {
    long same = IntStream.range(0, 10_000)
        .filter(i -> (LiveRollout.bucketOf("c" + i, 1) < 5) && (LiveRollout.bucketOf("c" + i, 2) < 5)).count();
    assertThat(same).as("independent draws: about 0.25 % of 10,000").isLessThan(100);
  }
}
