package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuditConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    AuditConfig defaults = AuditConfig.defaults();

    assertThat(defaults.batchMaxEntries()).isEqualTo(512);
    assertThat(defaults.batchMaxWait()).isEqualTo(Duration.ofMillis(2));
    assertThat(defaults.queueCapacity()).isEqualTo(65_536);
    assertThat(defaults.origin()).isEqualTo("consent-gateway.local/audit");
    assertThat(defaults.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refusesSettingsThatCannotWork() {
    Duration wait = Duration.ofMillis(2);
    Duration second = Duration.ofSeconds(1);
    String origin = AuditConfig.DEFAULT_ORIGIN;

    assertThatThrownBy(() -> new AuditConfig(0, wait, 10, origin, second)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditConfig(10_001, wait, 10, origin, second)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditConfig(1, Duration.ofMillis(-1), 10, origin, second)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditConfig(1, wait, 0, origin, second)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditConfig(1, wait, 10, "", second)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditConfig(1, wait, 10, "two\nlines", second)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditConfig(1, wait, 10, origin, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new AuditConfig(1, Duration.ZERO, 1, "example.org/log", Duration.ofMillis(1)).batchMaxWait()).isZero();
  }
}
