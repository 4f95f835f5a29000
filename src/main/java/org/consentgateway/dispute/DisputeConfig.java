package org.consentgateway.dispute;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * @param dueAfter how long an operator has to resolve a dispute after it is filed (20 days by
 *     default, the legal deadline for handling a credit-information dispute)
 */
public record DisputeConfig(Duration dueAfter) {

  public static final int DEFAULT_DUE_DAYS = 20;

  public DisputeConfig {
    requireNonNull(dueAfter, "dueAfter is null");
  }

  public static DisputeConfig from(Settings settings) {
    return new DisputeConfig(Duration.ofDays(settings.integer(ConfigKeys.DISPUTES_DUE_DAYS, DEFAULT_DUE_DAYS, 1, 365)));
  }
}
