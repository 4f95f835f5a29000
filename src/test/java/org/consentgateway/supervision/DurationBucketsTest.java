package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The buckets medians are counted in: where a duration lands, and what a bucket is reported as. */
class DurationBucketsTest {

  @Test
  void zeroAndNegativeDurationsShareBucketZeroReportedAsZero() {
    assertThat(DurationBuckets.of(0)).isZero();
    assertThat(DurationBuckets.of(-5_000)).isZero();
    assertThat(DurationBuckets.of(Long.MIN_VALUE)).isZero();
    assertThat(DurationBuckets.representative(0)).isZero();
  }

  @Test
  void smallDurationsEachHaveABucketOfTheirOwn() {
    // Below 50 ms a bucket (2 % wide) is narrower than a millisecond: no two whole values share one.
    for (long millis = 1; millis < 50; millis++) {
      assertThat(DurationBuckets.of(millis)).as("%d ms", millis).isLessThan(DurationBuckets.of(millis + 1));
      assertThat(DurationBuckets.representative(DurationBuckets.of(millis))).isEqualTo(millis);
    }
    assertThat(DurationBuckets.of(1)).isEqualTo(1);
  }

  @Test
  void aBucketHoldsItsBoundsAndIsTwoPercentWide() {
    for (int bucket = 1; bucket < 1_500; bucket++) {
      double lower = DurationBuckets.lowerBound(bucket);
      double upper = DurationBuckets.lowerBound(bucket + 1);
      assertThat(upper / lower).isCloseTo(DurationBuckets.GROWTH, org.assertj.core.data.Offset.offset(1e-9));
      long first = (long) Math.ceil(lower * (1 + 1e-12));
      if (first < upper * (1 - 1e-12)) {
        assertThat(DurationBuckets.of(first)).as("bucket %d's first whole millisecond", bucket).isEqualTo(bucket);
      }
    }
  }

  @Test
  void bucketsGrowWithTheDurationAndNeverGoBack() {
    SplittableRandom random = new SplittableRandom(22);
    for (int i = 0; i < 100_000; i++) {
      long a = random.nextLong(0, 40_000_000_000L);   // up to about 15 months
      long b = a + random.nextLong(0, 1_000);
      assertThat(DurationBuckets.of(a)).isLessThanOrEqualTo(DurationBuckets.of(b));
    }
    int previous = 0;
    for (long millis = 0; millis < 1_000_000; millis++) {
      int bucket = DurationBuckets.of(millis);
      assertThat(bucket).as("%d ms", millis).isGreaterThanOrEqualTo(previous);
      // Once a bucket is wider than a millisecond (from 50 ms), whole values fill every bucket in turn.
      if (millis > 50) {
        assertThat(bucket).as("%d ms", millis).isLessThanOrEqualTo(previous + 1);
      }
      previous = bucket;
    }
  }

  @Test
  void aDurationIsReportedWithinOnePercentOfItself() {
    SplittableRandom random = new SplittableRandom(14);
    for (int i = 0; i < 100_000; i++) {
      long millis = (long) Math.exp(random.nextDouble(0, Math.log(1e13)));
      long reported = DurationBuckets.representative(DurationBuckets.of(millis));
      assertThat((double) Math.abs(reported - millis)).as("%d ms", millis).isLessThanOrEqualTo(0.01 * millis + 0.5);
    }
  }

  @Test
  void theLongestDurationFitsASmallintAndNothingLiesBeyondIt() {
    assertThat(DurationBuckets.MAX_BUCKET).isEqualTo(DurationBuckets.of(Long.MAX_VALUE)).isLessThan(Short.MAX_VALUE).isEqualTo(2206);
    assertThat(DurationBuckets.of(Long.MAX_VALUE / 2)).isLessThan(DurationBuckets.MAX_BUCKET);
    // The last bucket's middle lies past Long.MAX_VALUE: reported as the largest value there is.
    assertThat(DurationBuckets.representative(DurationBuckets.MAX_BUCKET)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> DurationBuckets.representative(DurationBuckets.MAX_BUCKET + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DurationBuckets.representative(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMedianIsTheFirstBucketByWhichHalfAreCounted() {
    // percentile_disc(0.5) of 1, 1, 2, 3 ms (buckets 1, 1, 36, 56) is 1: two of four values are counted by bucket 1.
    long[] counts = new long[57];
    counts[1] = 2;
    counts[36] = 1;
    counts[56] = 1;
    assertThat(DurationBuckets.median(counts)).isEqualTo(OptionalInt.of(1));
    counts[1] = 1;
    assertThat(DurationBuckets.median(counts)).isEqualTo(OptionalInt.of(36));
    assertThat(DurationBuckets.median(new long[] {0, 0, 5})).isEqualTo(OptionalInt.of(2));
    assertThat(DurationBuckets.median(new long[] {0, 0})).isEmpty();
    assertThat(DurationBuckets.median(new long[0])).isEmpty();
  }
}
