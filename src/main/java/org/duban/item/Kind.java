package org.duban.item;

/** What sort of matter an item is; it decides the default board (R01) and rectification rules (R36). */
public enum Kind {
  MEETING_DECISION, LEADER_INSTRUCTION, KEY_TASK, MAJOR_REFORM, RECTIFICATION, OTHER;

  Board defaultBoard() {
    return this == KEY_TASK || this == MAJOR_REFORM ? Board.KEY : Board.DAILY;
  }
}
