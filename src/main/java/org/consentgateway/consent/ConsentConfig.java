package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * Settings of the consent lifecycle.
 *
 * @param expirySweepInterval how often each gateway writes down the consents and requests that
 *     have passed their end ({@link ExpirySweeper}); queries check the end themselves, so this
 *     only bounds how late the audit entry and the webhook event come
 */
public record ConsentConfig(Duration expirySweepInterval) {

  public static final Duration DEFAULT_EXPIRY_SWEEP_INTERVAL = Duration.ofMinutes(1);

  public ConsentConfig {
    requireNonNull(expirySweepInterval, "expirySweepInterval is null");
    if (expirySweepInterval.toMillis() < 1) {
      throw new IllegalArgumentException("expirySweepInterval must be at least 1 ms");
    }
  }

  public static ConsentConfig from(Settings settings) {
    return new ConsentConfig(Duration.ofMillis(settings.integer(ConfigKeys.CONSENT_EXPIRY_SWEEP_INTERVAL_MILLIS,
        (int) DEFAULT_EXPIRY_SWEEP_INTERVAL.toMillis(), 1_000, 86_400_000)));
  }
}
