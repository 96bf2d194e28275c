package org.duban.remind;

import io.vertx.sqlclient.Row;
import org.duban.db.Rows;
import org.duban.time.Zones;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a claimed message into SMS texts and the phones they go to (R03: the unit's two responsible persons). */
final class Messages {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("M月d日 HH:mm");
  static final Map<String, String> TEXT = Map.ofEntries(
      Map.entry(Planned.BEFORE_DEADLINE, "将于%s到期，请按时反馈"),
      Map.entry(Planned.AFTER_DEADLINE, "已于%s到期，尚未反馈，请立即报送"),
      Map.entry(Planned.URGE, "已逾期（时限%s），请立即报送办理情况"),
      Map.entry(Planned.ESCALATE_SPONSOR, "承办单位逾期未反馈（时限%s），请报分管副秘书长协调"),
      Map.entry(Planned.KEY_SUPERVISION, "逾期3天（时限%s），转入重点督办"),
      Map.entry(Planned.WEEKLY, "每周提醒：请推进落实并按要求反馈（时限%s）"),
      Map.entry(Planned.MONTHLY_URGE, "上月进展尚未反馈，请立即报送（时限%s）"),
      Map.entry(Planned.MONTHLY_SPONSOR_URGE, "承办单位月度进展连续2日未反馈，请立项科室催办（时限%s）"),
      Map.entry(Planned.MONTHLY_HAND_OFF, "月度进展超过时限2日未报，移交督查室核查（时限%s）"),
      Map.entry(Planned.QUARTERLY_SUMMARY, "今日为季度小结报送日，请报送书面小结（时限%s）"),
      // R20's own due dates are not stored with the message; the item's node deadline would mislead here
      Map.entry(Planned.REPORT_DUE, "限期报告提醒：请在规定期限内报告贯彻落实情况"),
      Map.entry(Planned.QUARTERLY_REPORT_DUE, "季度报告提醒：请在规定日期前报告前一季度工作进展情况"),
      Map.entry(Planned.REPLY_DUE, "建议提案答复提醒：请在交办后规定期限内答复建议提案人"),
      Map.entry(Planned.REPORT_REASON_EARLY, "报告期限将至，如期限内不能办结，请提前向交办单位报告原因和进展情况"));

  private Messages() {
  }

  /**
   * One SMS to one phone, before its link is known: each phone's SMS gets a sign-in link of its own.
   *
   * @param unitId the unit whose person the phone most likely belongs to: the unit reminded, or the sponsor
   *               office; none for the supervision office, whose phones are its people's own
   */
  record Sms(FiringRepository.Claimed message, String phone, Optional<Long> unitId, String number, String title, String texts) {
    FiringRepository.Outgoing outgoing(Optional<String> link, Optional<String> secret) {
      return new FiringRepository.Outgoing(message.key(), message.itemId(), phone, SmsText.of(number, title, texts, link),
          message.rules(), secret);
    }
  }

  static List<Sms> of(FiringRepository.Claimed c, FiringRepository.Context context) {
    Row item = context.items().get(c.itemId());
    Map<Long, Row> units = context.units().getOrDefault(c.itemId(), Map.of());
    String texts = texts(c, deadline(c, units));
    Optional<Long> unit = switch (c.recipient()) {
      case "unit_responsible" -> Optional.ofNullable(c.unitId());
      case "sponsor_office" -> Optional.of(item.getLong("sponsor_unit_id"));
      default -> Optional.empty();
    };
    List<Sms> out = new ArrayList<>();
    for (String phone : phones(c, item, units, context.supervisionPhones())) {
      out.add(new Sms(c, phone, unit, item.getString("number"), item.getString("title"), texts));
    }
    return out;
  }

  private static String texts(FiringRepository.Claimed c, String deadline) {
    return String.join("；", c.kinds().stream().map(k -> TEXT.getOrDefault(k, "请关注（时限%s）").formatted(deadline)).toList());
  }

  private static String deadline(FiringRepository.Claimed c, Map<Long, Row> units) {
    Row unit = c.unitId() == null ? null : units.get(c.unitId());
    Instant deadline = unit == null ? null : Rows.instant(unit, "deadline");
    return deadline == null ? "见系统" : LOCAL.format(deadline.atZone(Zones.SHANGHAI));
  }

  private static Set<String> phones(FiringRepository.Claimed c, Row item, Map<Long, Row> units, List<String> supervision) {
    Set<String> phones = new LinkedHashSet<>();
    switch (c.recipient()) {
      case "unit_responsible" -> {
        Row unit = units.get(c.unitId());
        if (unit != null) {
          add(phones, unit.getString("first_responsible_phone"));
          add(phones, unit.getString("specific_responsible_phone"));
        }
      }
      case "sponsor_office" -> add(phones, item.getString("sponsor_phone"));
      default -> supervision.forEach(p -> add(phones, p));
    }
    return phones;
  }

  private static void add(Set<String> phones, String phone) {
    if (phone != null && !phone.isBlank()) phones.add(phone);
  }
}
