package org.consentgateway.supervision;

import java.util.OptionalInt;

/**
 * The logarithmic buckets the follower counts durations in, so a median over any window is a
 * merge of a few histograms rather than a sort of every decision (docs/audit.md "Statistics and
 * search"). Bucket 0 holds 0 ms (and a negative duration, which only clock skew between two
 * entries can give); bucket {@code b >= 1} holds {@code [GROWTH^(b-1), GROWTH^b)} ms, each 2 %
 * wider than the last. A median is reported as its bucket's geometric middle,
 * {@code GROWTH^(b-1/2)} rounded to the millisecond, within 1 % (plus half a millisecond) of any
 * duration in the bucket.
 *
 * <p>V22's backfill computes the same bucket in SQL, {@code 1 + floor(ln(millis) / ln(1.02))}, in
 * IEEE doubles too; DurationHistogramMigrationTest checks that the two agree, value for value.
 */
final class DurationBuckets {

  /** Each bucket's upper bound over its lower bound. */
  static final double GROWTH = 1.02;

  // Declared before MAX_BUCKET, whose initialiser uses it.
  private static final double LOG_GROWTH = StrictMath.log(GROWTH);

  /** The bucket of {@link Long#MAX_VALUE} (2206): no duration lands above it, so a smallint holds any bucket. */
  static final int MAX_BUCKET = of(Long.MAX_VALUE);

  private DurationBuckets() {}

  /** The bucket {@code millis} falls in. */
  static int of(long millis) {
    if (millis <= 0) {
      return 0;
    }
    return 1 + (int) Math.floor(StrictMath.log(millis) / LOG_GROWTH);
  }

  /** The value a median in {@code bucket} is reported as: the bucket's geometric middle, in ms. */
  static long representative(int bucket) {
    if (bucket < 0 || bucket > MAX_BUCKET) {
      throw new IllegalArgumentException("no such duration bucket: " + bucket);
    }
    if (bucket == 0) {
      return 0;
    }
    // Math.round saturates at Long.MAX_VALUE for the last bucket, whose middle lies past it.
    return Math.round(StrictMath.pow(GROWTH, bucket - 0.5));
  }

  /**
   * The median's bucket of a histogram, {@code counts[b]} durations in bucket {@code b}: as
   * {@code percentile_disc(0.5)}, the first bucket by which half the durations have been counted;
   * empty when there are none.
   */
  static OptionalInt median(long[] counts) {
    long total = 0;
    for (long n : counts) {
      total += n;
    }
    long upTo = 0;
    for (int bucket = 0; bucket < counts.length && total > 0; bucket++) {
      upTo += counts[bucket];
      if (2 * upTo >= total) {
        return OptionalInt.of(bucket);
      }
    }
    return OptionalInt.empty();
  }

  /** The smallest duration in {@code bucket}, in ms (as a double: the bound is rarely whole). */
  static double lowerBound(int bucket) {
    return bucket == 0 ? 0 : StrictMath.pow(GROWTH, bucket - 1);
  }
}
