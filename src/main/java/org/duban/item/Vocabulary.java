package org.duban.item;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The item's small vocabularies, each spelled on the wire in lower case, and the words people read for
 * them: the Chinese of the regulations (seed 001 §7-8, §13, §16-19; R01, R02, R10, R33) and English.
 */
final class Vocabulary {
  /** The language of labels in exports for people (R04): Chinese by default. */
  enum Lang {
    ZH, EN;

    static Lang fromWire(String value) {
      return value == null ? ZH : Vocabulary.parse(Lang.class, value);
    }
  }

  /** One coded value's words: Chinese, English. */
  record Words(String zh, String en) {
    String in(Lang lang) {
      return lang == Lang.ZH ? zh : en;
    }
  }

  // R01: the "1+2" boards of 001 §8, board "2" holding both key tasks and major reforms; 持续跟进 from 001 §16
  static final Map<String, Words> BOARDS = words(
      "daily", "日常管理事项", "Daily management items",
      "key", "重点工作任务/重大改革事项", "Key tasks and major reforms",
      "continuous", "持续跟进", "Continuous follow-up");
  // 001 §7: meetings' agreed matters (议定事项), leaders' instructions (批示、指示事项); R36 rectifications
  static final Map<String, Words> KINDS = words(
      "meeting_decision", "会议议定事项", "Meeting decision",
      "leader_instruction", "领导批示、指示事项", "Leader's instruction",
      "key_task", "重点工作任务", "Key task",
      "major_reform", "重大改革事项", "Major reform",
      "rectification", "问题整改", "Rectification",
      "other", "其他事项", "Other");
  // R02: 001 §7, §10; 002 §1(2) (人大代表建议、政协提案); 003 §5 (网民留言, 审计整改); 004 §6(4) (投诉举报)
  static final Map<String, Words> SOURCES = words(
      "province_13710", "省政府交办“13710”督办事项", "Province 13710 item",
      "meeting_decision", "会议议定事项", "Meeting decision",
      "leader_instruction", "领导批示、指示事项", "Leader's instruction",
      "work_report_task", "政府工作报告重点工作任务", "Government work report task",
      "reform_task", "重大改革事项", "Reform task",
      "npc_cppcc_proposal", "人大代表建议、政协提案", "NPC suggestion or CPPCC proposal",
      "inspection_finding", "督查发现问题", "Inspection finding",
      "audit_finding", "审计发现问题", "Audit finding",
      "media_message", "媒体反映及网民留言", "Media or online message",
      "complaint", "投诉举报", "Complaint");
  // R05, R31, R33, R34: 001 §12 (draft until approved), §15 办结申请, §17 评估意见 审定, §18 审核 审定, §19 办结销号
  static final Map<String, Words> STATUSES = words(
      "draft", "草稿", "Draft",
      "active", "办理中", "In progress",
      "completion_requested", "已申请办结", "Completion requested",
      "graded", "已评估待审定", "Graded",
      "grade_approved", "评估已审定", "Grade approved",
      "sign_off_requested", "已提请审核", "Sign-off requested",
      "sign_off_checked", "已审核待审定", "Sign-off checked",
      "closed", "已办结", "Closed");
  // R10: the 13710 nodes of 001 §13(1)
  static final Map<String, Words> NODES = words(
      "1d", "1天", "1 day",
      "3d", "3天", "3 days",
      "7d", "7天", "7 days",
      "1m", "1个月", "1 month");
  // R33: 001 §17's four grades (Ankang's 003 §12 says 较差 for the lowest; the Shuozhou measure governs items)
  static final Map<String, Words> GRADES = words(
      "excellent", "优秀", "Excellent",
      "good", "良好", "Good",
      "pass", "合格", "Pass",
      "fail", "不合格", "Fail");
  private static final Words YES = new Words("是", "Yes");
  private static final Words NO = new Words("否", "No");

  private Vocabulary() {
  }

  static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
  }

  /** A coded value's words; an empty value stays empty, and a code without words is shown as it is, not lost. */
  static String label(Map<String, Words> vocabulary, String wire, Lang lang) {
    if (wire == null) return null;
    Words words = vocabulary.get(wire);
    return words == null ? wire : words.in(lang);
  }

  static String yesNo(boolean value, Lang lang) {
    return (value ? YES : NO).in(lang);
  }

  private static Map<String, Words> words(String... triples) {
    Map<String, Words> map = new LinkedHashMap<>();
    for (int i = 0; i < triples.length; i += 3) map.put(triples[i], new Words(triples[i + 1], triples[i + 2]));
    return Map.copyOf(map);
  }
}
