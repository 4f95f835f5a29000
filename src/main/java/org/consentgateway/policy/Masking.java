package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.consentgateway.value.ResidentIdNumber;

/**
 * The desensitisation functions a grade may apply. Pure and total: every input yields a masked
 * value or nothing, and when the input does not look as expected the result reveals less, never
 * more.
 */
public final class Masking {

  /** Upper bounds (whole yuan, inclusive) of the amount bands; above the last is {@code >1000000}. */
  public static final List<Long> BAND_LIMITS = List.of(0L, 10_000L, 50_000L, 200_000L, 1_000_000L);

  private static final int PHONE_LENGTH = 11;
  /** Longest city name accepted before 市 (乌鲁木齐 has 4; the slack covers 自治州 forms). */
  private static final int MAX_CITY_NAME = 8;
  /** Longest province-level prefix accepted (新疆维吾尔自治区 has 8). */
  private static final int MAX_PROVINCE = 10;

  private Masking() {}

  /**
   * First character, then one {@code *} per remaining character: {@code 张三} → {@code 张*},
   * {@code 欧阳娜娜} → {@code 欧***}. Counts code points, so rare characters outside the BMP stay
   * whole. A one-character name becomes {@code *}: keeping its only character would disclose it.
   */
  public static String name(String name) {
    requireNonNull(name, "name is null");
    int length = name.codePointCount(0, name.length());
    if (length <= 1) {
      return "*";
    }
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first) + "*".repeat(length - 1);
  }

  /** First 6 and last 4 characters: {@code 110105********002X}. */
  public static String idNumber(ResidentIdNumber idNumber) {
    return requireNonNull(idNumber, "idNumber is null").masked();
  }

  /**
   * First 3 + {@code ****} + last 4 of an 11-digit mobile number: {@code 138****5678}. Anything
   * shorter is starred whole, since 3 + 4 of it would be most or all of the number.
   */
  public static String phone(String phone) {
    requireNonNull(phone, "phone is null");
    if (phone.length() < PHONE_LENGTH) {
      return "*".repeat(phone.length());
    }
    return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
  }

  /**
   * The address up to its city. An optional province-level prefix ending in {@code 省} or
   * {@code 自治区} is kept, then the rest is kept through the first {@code 市} if a city name of at
   * most 8 characters precedes it: {@code 北京市朝阳区建国路88号} → {@code 北京市},
   * {@code 广东省深圳市南山区…} → {@code 广东省深圳市}. Without a recognisable city only the province
   * is kept; with neither, nothing is returned (the field is then left out).
   */
  public static Optional<String> toCity(String address) {
    requireNonNull(address, "address is null");
    int provinceEnd = provinceEnd(address);
    int city = address.indexOf('市', provinceEnd);
    if (city > provinceEnd && city - provinceEnd <= MAX_CITY_NAME) {
      return Optional.of(address.substring(0, city + 1));
    }
    return provinceEnd > 0 ? Optional.of(address.substring(0, provinceEnd)) : Optional.empty();
  }

  /**
   * The band an amount falls in: {@code 0}, {@code 1-10000}, {@code 10001-50000},
   * {@code 50001-200000}, {@code 200001-1000000}, {@code >1000000}.
   */
  public static String band(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amounts are never negative");
    }
    long lower = 0;
    for (long limit : BAND_LIMITS) {
      if (amount <= limit) {
        return lower == limit ? Long.toString(limit) : lower + "-" + limit;
      }
      lower = limit + 1;
    }
    return ">" + BAND_LIMITS.get(BAND_LIMITS.size() - 1);
  }

  /** Index just past a leading 省 / 自治区 prefix, or 0 when there is none. */
  private static int provinceEnd(String address) {
    int province = address.indexOf('省');
    if (province > 0 && province < MAX_PROVINCE) {
      return province + 1;
    }
    int region = address.indexOf("自治区");
    if (region > 0 && region + 3 <= MAX_PROVINCE) {
      return region + 3;
    }
    return 0;
  }
}
