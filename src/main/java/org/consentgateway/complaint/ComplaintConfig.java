package org.consentgateway.complaint;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * @param dueAfter how long a regulator has to resolve a complaint after it is filed ({@code
 *     complaint.due-days}, 30 days by default)
 */
public record ComplaintConfig(Duration dueAfter) {

  public static final int DEFAULT_DUE_DAYS = 30;

  public ComplaintConfig {
    requireNonNull(dueAfter, "dueAfter is null");
  }

  public static ComplaintConfig from(Settings settings) {
    return new ComplaintConfig(Duration.ofDays(settings.integer(ConfigKeys.COMPLAINT_DUE_DAYS, DEFAULT_DUE_DAYS, 1, 365)));
  }
}
