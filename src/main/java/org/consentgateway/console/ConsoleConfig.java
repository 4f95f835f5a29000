package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.consentgateway.config.ConfigException;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * Settings of the regulator console: how long its sessions live and how long a sign-in challenge
 * may be answered.
 *
 * @param sessionIdleTimeout a session unused this long is over
 * @param sessionAbsoluteTimeout a session this old is over, however busy (counted from sign-in)
 * @param challengeLifetime a challenge shown on the sign-in page is refused after this long
 */
public record ConsoleConfig(Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, Duration challengeLifetime) {

  public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(15);
  public static final Duration DEFAULT_SESSION_ABSOLUTE_TIMEOUT = Duration.ofHours(8);
  public static final Duration DEFAULT_CHALLENGE_LIFETIME = Duration.ofMinutes(5);

  public ConsoleConfig {
    requireNonNull(sessionIdleTimeout, "sessionIdleTimeout is null");
    requireNonNull(sessionAbsoluteTimeout, "sessionAbsoluteTimeout is null");
    requireNonNull(challengeLifetime, "challengeLifetime is null");
    if (sessionAbsoluteTimeout.compareTo(sessionIdleTimeout) < 0) {
      throw new ConfigException(ConfigKeys.CONSOLE_SESSION_ABSOLUTE_TIMEOUT_MINUTES + " must not be shorter than "
          + ConfigKeys.CONSOLE_SESSION_IDLE_TIMEOUT_MINUTES);
    }
  }

  public static ConsoleConfig from(Settings settings) {
    return new ConsoleConfig(
        Duration.ofMinutes(settings.integer(ConfigKeys.CONSOLE_SESSION_IDLE_TIMEOUT_MINUTES,
            (int) DEFAULT_SESSION_IDLE_TIMEOUT.toMinutes(), 1, 24 * 60)),
        Duration.ofMinutes(settings.integer(ConfigKeys.CONSOLE_SESSION_ABSOLUTE_TIMEOUT_MINUTES,
            (int) DEFAULT_SESSION_ABSOLUTE_TIMEOUT.toMinutes(), 1, 7 * 24 * 60)),
        Duration.ofSeconds(settings.integer(ConfigKeys.CONSOLE_CHALLENGE_LIFETIME_SECONDS,
            (int) DEFAULT_CHALLENGE_LIFETIME.toSeconds(), 30, 3600)));
  }
}
