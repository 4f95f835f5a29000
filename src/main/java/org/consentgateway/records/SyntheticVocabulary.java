package org.consentgateway.records;

import java.util.List;
import java.util.SplittableRandom;

/** Word lists that make synthetic subjects look like real ones: regions, names, lenders, authorities. */
final class SyntheticVocabulary {

  /** A county-level region: its GB/T 2260 code and its name down to the district. */
  record Region(String code, String province, String city, String district) {}

  static final List<Region> REGIONS = List.of(
      new Region("110105", "北京市", "北京市", "朝阳区"),
      new Region("110108", "北京市", "北京市", "海淀区"),
      new Region("310115", "上海市", "上海市", "浦东新区"),
      new Region("310104", "上海市", "上海市", "徐汇区"),
      new Region("440106", "广东省", "广州市", "天河区"),
      new Region("440305", "广东省", "深圳市", "南山区"),
      new Region("330106", "浙江省", "杭州市", "西湖区"),
      new Region("320102", "江苏省", "南京市", "玄武区"),
      new Region("510107", "四川省", "成都市", "武侯区"),
      new Region("420106", "湖北省", "武汉市", "武昌区"),
      new Region("350102", "福建省", "福州市", "鼓楼区"),
      new Region("610113", "陕西省", "西安市", "雁塔区"),
      new Region("370202", "山东省", "青岛市", "市南区"),
      new Region("500103", "重庆市", "重庆市", "渝中区"),
      new Region("120101", "天津市", "天津市", "和平区"),
      new Region("430104", "湖南省", "长沙市", "岳麓区"));

  static final String SURNAMES =
      "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤";
  static final String GIVEN =
      "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强文辉玉兰红梅晓东海燕丹宇浩然子涵欣怡思远雨轩嘉怡俊杰";
  private static final List<String> STREETS = List.of("人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "长江路", "黄河路", "文化路", "学府路");

  static final List<String> BANKS = List.of(
      "中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "交通银行", "招商银行", "浦发银行", "兴业银行",
      "中信银行", "平安银行", "中国民生银行", "中国光大银行", "北京银行", "上海银行", "微众银行", "网商银行");
  static final List<String> CONSUMER_FINANCE = List.of("招联消费金融有限公司", "马上消费金融股份有限公司", "兴业消费金融股份公司");

  private SyntheticVocabulary() {}

  static <T> T pick(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  static String name(SplittableRandom random) {
    StringBuilder name = new StringBuilder();
    name.append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
    int givenLength = random.nextInt(10) < 7 ? 2 : 1;
    for (int i = 0; i < givenLength; i++) {
      name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
    }
    return name.toString();
  }

  static String phone(SplittableRandom random) {
    String[] prefixes = {"130", "131", "135", "136", "138", "139", "150", "152", "158", "177", "186", "188", "199"};
    return prefixes[random.nextInt(prefixes.length)] + String.format("%08d", random.nextInt(100_000_000));
  }

  static String address(SplittableRandom random, Region region) {
    String province = region.province().equals(region.city()) ? "" : region.province();
    return province + region.city() + region.district() + pick(random, STREETS) + (1 + random.nextInt(300)) + "号";
  }

  static String court(Region region) {
    return region.city() + region.district() + "人民法院";
  }

  static String taxBureau(Region region) {
    return "国家税务总局" + region.city() + region.district() + "税务局";
  }

  static String marketRegulator(Region region) {
    return region.city() + "市场监督管理局";
  }
}
