package org.consentgateway.repair;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * @param dueAfter how long a data provider has to decide a repair application after it is filed
 *     (20 calendar days by default, {@code repair.due-days})
 */
public record RepairConfig(Duration dueAfter) {

  public static final int DEFAULT_DUE_DAYS = 20;

  public RepairConfig {
    requireNonNull(dueAfter, "dueAfter is null");
  }

  public static RepairConfig from(Settings settings) {
    return new RepairConfig(Duration.ofDays(settings.integer(ConfigKeys.REPAIR_DUE_DAYS, DEFAULT_DUE_DAYS, 1, 365)));
  }
}
