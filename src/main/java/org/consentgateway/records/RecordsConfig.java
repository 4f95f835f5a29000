package org.consentgateway.records;

import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/** @param importBatchSize subjects written per JDBC batch during {@code records import} */
public record RecordsConfig(int importBatchSize) {

  public static final int DEFAULT_IMPORT_BATCH_SIZE = 500;

  public static RecordsConfig from(Settings settings) {
    return new RecordsConfig(settings.integer(ConfigKeys.RECORDS_IMPORT_BATCH_SIZE, DEFAULT_IMPORT_BATCH_SIZE, 1, 100_000));
  }
}
