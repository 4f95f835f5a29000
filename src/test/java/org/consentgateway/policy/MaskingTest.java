package org.consentgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

  @Test
  void aNameKeepsItsFirstCharacterOnly() {
    assertThat(Masking.name("张三")).isEqualTo("张*");
    assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
    assertThat(Masking.name("𠀋一")).isEqualTo("𠀋*"); // a character outside the BMP counts once
    assertThat(Masking.name("张")).isEqualTo("*");
  }

  @Test
  void anIdNumberKeepsItsFirstSixAndLastFour() {
    assertThat(Masking.idNumber(ResidentIdNumber.parse("11010519491231002X"))).isEqualTo("110105********002X");
  }

  @Test
  void aPhoneKeepsThreeAndFour() {
    assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
    assertThat(Masking.phone("12345")).isEqualTo("*****");
  }

  @ParameterizedTest
  @CsvSource({
      "北京市朝阳区建国路88号, 北京市",
      "广东省深圳市南山区科技园路88号, 广东省深圳市",
      "山东省青岛市市南区香港中路1号, 山东省青岛市",
      "内蒙古自治区呼和浩特市新城区1号, 内蒙古自治区呼和浩特市",
      "浙江省某某县某某镇1号, 浙江省"})
  void anAddressIsCutAfterItsCity(String address, String city) {
    assertThat(Masking.toCity(address)).contains(city);
  }

  @Test
  void anAddressWithoutProvinceOrCityYieldsNothing() {
    assertThat(Masking.toCity("某某县某某镇某某路1号")).isEmpty();
    assertThat(Masking.toCity("某某县某某镇某某村某某组某某路口超市1号")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0",
      "1, 1-10000",
      "10000, 1-10000",
      "10001, 10001-50000",
      "50000, 10001-50000",
      "50001, 50001-200000",
      "200000, 50001-200000",
      "200001, 200001-1000000",
      "1000000, 200001-1000000",
      "1000001, >1000000"})
  void amountsFallInTheirBand(long amount, String band) {
    assertThat(Masking.band(amount)).isEqualTo(band);
  }

  @Test
  void aNegativeAmountIsRefused() {
    assertThatThrownBy(() -> Masking.band(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
