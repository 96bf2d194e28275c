package org.duban.remind;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A reminder SMS within two UCS-2 segments (134 characters), its number and link always whole. */
class SmsTextTest {
  static final String NUMBER = "ZH1-2026-0001";
  static final String LINK = "https://duban.example.gov.cn/m#AbCdEfGhIjKlMnOp";
  static final String BEFORE = Messages.TEXT.get(Planned.BEFORE_DEADLINE).formatted("3月3日 09:00");
  static final String AFTER = Messages.TEXT.get(Planned.AFTER_DEADLINE).formatted("3月3日 09:00");
  static final String URGE = Messages.TEXT.get(Planned.URGE).formatted("3月3日 09:00");
  static final String SPONSOR = Messages.TEXT.get(Planned.ESCALATE_SPONSOR).formatted("3月3日 09:00");
  static final String LONG_TITLE = "关于进一步加强全市城市道路积水点排查整治和汛期安全度汛保障工作的市长批示落实情况及下一步重点任务分解、责任单位和完成时限的通知";

  @Test
  void aShortMessageGoesAsItIsWithItsLinkAfterASpace_R13() {
    String sms = SmsText.of(NUMBER, "主干道积水点排查整改", BEFORE, Optional.of(LINK));
    assertThat(sms).isEqualTo("【督办】ZH1-2026-0001《主干道积水点排查整改》" + BEFORE + " " + LINK);
    assertThat(sms.length()).isLessThanOrEqualTo(SmsText.MAX);
  }

  @Test
  void aLongChineseTitleIsShortenedSoTheWholeSmsWithItsLinkFitsTwoSegments_R13() {
    String sms = SmsText.of(NUMBER, LONG_TITLE, BEFORE, Optional.of(LINK));
    assertThat(SmsText.of(NUMBER, LONG_TITLE, BEFORE, Optional.empty()).length()).as("fits without the link").isLessThanOrEqualTo(SmsText.MAX);
    assertThat(sms.length()).isEqualTo(SmsText.MAX);
    assertThat(sms).startsWith("【督办】ZH1-2026-0001《关于进一步加强").contains("…》" + BEFORE).endsWith(" " + LINK);
    String title = sms.substring(sms.indexOf('《') + 1, sms.indexOf('》'));
    assertThat(LONG_TITLE).startsWith(title.substring(0, title.length() - 1));
  }

  @Test
  void withoutAPublicAddressTheSmsCarriesNoLinkAndKeepsMoreOfTheTitle_R13() {
    String sms = SmsText.of(NUMBER, LONG_TITLE + LONG_TITLE, BEFORE, Optional.empty());
    assertThat(LONG_TITLE.length() * 2 + BEFORE.length()).as("too long for one SMS even without a link").isGreaterThan(SmsText.MAX);
    assertThat(sms).doesNotContain("http").doesNotContain("#").endsWith(BEFORE);
    assertThat(sms.length()).isEqualTo(SmsText.MAX);
    String withLink = SmsText.of(NUMBER, LONG_TITLE + LONG_TITLE, BEFORE, Optional.of(LINK));
    assertThat(sms.indexOf('》')).isGreaterThan(withLink.indexOf('》'));
  }

  @Test
  void aMergedTextKeepsItsWholeWordingWhileTheTitleCanGiveWay_R13_R15() {
    String merged = AFTER + "；" + URGE;
    String sms = SmsText.of(NUMBER, LONG_TITLE, merged, Optional.of(LINK));
    assertThat(sms.length()).isLessThanOrEqualTo(SmsText.MAX);
    assertThat(sms).contains("…》" + merged + " " + LINK);
  }

  @Test
  void aMergedTextTooLongForAnyTitleIsShortenedItselfButNeverTheNumberOrTheLink_R15() {
    String merged = String.join("；", AFTER, URGE, SPONSOR, Messages.TEXT.get(Planned.KEY_SUPERVISION).formatted("3月3日 09:00"));
    String sms = SmsText.of(NUMBER, LONG_TITLE, merged, Optional.of(LINK));
    assertThat(sms.length()).isEqualTo(SmsText.MAX);
    assertThat(sms).startsWith("【督办】" + NUMBER + "《").endsWith("… " + LINK);
    // the title keeps its first characters: the item is still recognisable
    assertThat(sms).contains("《" + LONG_TITLE.substring(0, SmsText.TITLE_FLOOR) + "…》");
    assertThat(sms).contains(AFTER);
  }

  @Test
  void aTitleShorterThanTheFloorIsNeverCut_R15() {
    String merged = String.join("；", AFTER, URGE, SPONSOR, SPONSOR, SPONSOR);
    String sms = SmsText.of(NUMBER, "积水整改", merged, Optional.of(LINK));
    assertThat(sms.length()).isEqualTo(SmsText.MAX);
    assertThat(sms).contains("《积水整改》").endsWith("… " + LINK);
  }

  @Test
  void charactersBeyondTheBmpCountTwiceAndAreNeverSplit() {
    String title = "𠀀".repeat(80); // each a surrogate pair: two UCS-2 code units on the air
    String sms = SmsText.of(NUMBER, title, BEFORE, Optional.of(LINK));
    assertThat(sms.length()).isLessThanOrEqualTo(SmsText.MAX);
    String kept = sms.substring(sms.indexOf('《') + 1, sms.indexOf('…'));
    assertThat(kept.length() % 2).isZero();
    assertThat(kept.codePoints()).allMatch(c -> c == 0x20000);
  }

  @Test
  void shorteningEndsInAnEllipsisWithinTheLimit() {
    assertThat(SmsText.shorten("一二三四五", 5)).isEqualTo("一二三四五");
    assertThat(SmsText.shorten("一二三四五", 4)).isEqualTo("一二三…");
    assertThat(SmsText.shorten("一二三四五", 1)).isEqualTo("…");
    assertThat(SmsText.shorten("一二三四五", 0)).isEmpty();
  }
}
