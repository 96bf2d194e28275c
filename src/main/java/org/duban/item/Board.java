package org.duban.item;

/** R01: board "1" daily items, board "2" key tasks and major reforms, and continuous follow-up. */
public enum Board {
  /** "1" 日常管理事项 */
  DAILY,
  /** "2" 重点工作任务 / 重大改革事项 */
  KEY,
  /** 持续跟进 */
  CONTINUOUS
}
