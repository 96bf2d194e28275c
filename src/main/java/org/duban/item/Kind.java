package org.duban.item;

/** What sort of matter an item is; it decides the default board (R01) and rectification rules (R36). */
public enum Kind {
  MEETING_DECISION, LEADER_INSTRUCTION, KEY_TASK, MAJOR_REFORM, RECTIFICATION, OTHER;

  Board defaultBoard() {
    return isBoardTwo() ? Board.KEY : Board.DAILY;
  }

  /** Key tasks and major reforms are board "2" items wherever they stand, continuous follow-up included. */
  public boolean isBoardTwo() {
    return this == KEY_TASK || this == MAJOR_REFORM;
  }

  /** R01: a board "2" kind on board "2" or continuous follow-up; any other kind on board "1" or continuous. */
  boolean fits(Board board) {
    return board == Board.CONTINUOUS || board == defaultBoard();
  }
}
