package org.consentgateway.supervision;

import java.time.Duration;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * Settings of supervision. The follower's pace is fixed ({@link #FOLLOW_INTERVAL}, {@link #CHUNK_ENTRIES}).
 *
 * @param smallCellThreshold a distinct-subject count under it is shown as {@code "< threshold"},
 *     never as a number, so no cell singles out a citizen (5 by default)
 */
public record SupervisionConfig(int smallCellThreshold) {

  public static final int DEFAULT_SMALL_CELL_THRESHOLD = 5;
  /** How often the follower looks for new entries; it then folds until it has caught up. */
  public static final Duration FOLLOW_INTERVAL = Duration.ofMillis(500);
  /** The most entries one fold transaction reads. */
  public static final int CHUNK_ENTRIES = 20_000;
  /**
   * How many of the entries its appender committed last a gateway keeps in memory for the follower
   * (their outlines, a few hundred bytes each): two chunks, so a follower a tick behind still finds its next chunk there.
   */
  public static final int RECENT_ENTRIES = 2 * CHUNK_ENTRIES;

  public SupervisionConfig {
    if (smallCellThreshold < 1) {
      throw new IllegalArgumentException("smallCellThreshold must be at least 1, got " + smallCellThreshold);
    }
  }

  public static SupervisionConfig defaults() {
    return new SupervisionConfig(DEFAULT_SMALL_CELL_THRESHOLD);
  }

  public static SupervisionConfig from(Settings settings) {
    return new SupervisionConfig(settings.integer(ConfigKeys.SUPERVISION_SMALL_CELL_THRESHOLD, DEFAULT_SMALL_CELL_THRESHOLD, 1, 1000));
  }
}
