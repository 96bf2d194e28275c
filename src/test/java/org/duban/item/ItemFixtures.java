package org.duban.item;

import org.duban.auth.LeaderRank;
import org.duban.auth.Role;
import org.duban.time.CalendarData;
import org.duban.time.WorkCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared, pure building blocks for the item tests: the shipped PRC calendar, the parties of one
 * item, a registration builder, and shortcuts that walk an item through the lifecycle with the
 * right actors, failing loudly if any step is refused.
 */
final class ItemFixtures {
  static final WorkCalendar CALENDAR = WorkCalendar.of(CalendarData.shipped());
  static final Lifecycle LIFECYCLE = new Lifecycle(CALENDAR, Deadlines.Policy.DEFAULT);

  static final long SPONSOR_UNIT = 10;
  static final long OTHER_SPONSOR_UNIT = 11;
  static final long LEAD = 21;
  static final long COOP = 22;
  static final long COOP2 = 23;
  static final long STRANGER_UNIT = 99;

  /** Monday 2026-03-02 09:00 in Shanghai: an ordinary working morning. */
  static final Instant REGISTERED_AT = Instant.parse("2026-03-02T01:00:00Z");
  /** Monday 2026-03-02 10:00 in Shanghai: the leader approves and the clocks start. */
  static final Instant APPROVED_AT = Instant.parse("2026-03-02T02:00:00Z");
  /** A 7-day node from {@link #APPROVED_AT}: Monday 2026-03-09 10:00 Shanghai, a working day. */
  static final Instant SEVEN_DAY_DEADLINE = Instant.parse("2026-03-09T02:00:00Z");

  private ItemFixtures() {
  }

  // ---- actors ----

  static Actor sponsor() {
    return new Actor(1, Role.SPONSOR, Optional.of(SPONSOR_UNIT), Optional.empty());
  }

  static Actor otherSponsor() {
    return new Actor(2, Role.SPONSOR, Optional.of(OTHER_SPONSOR_UNIT), Optional.empty());
  }

  static Actor sponsorWithoutUnit() {
    return new Actor(3, Role.SPONSOR, Optional.empty(), Optional.empty());
  }

  static Actor liaison(long unit) {
    return new Actor(100 + unit, Role.LIAISON, Optional.of(unit), Optional.empty());
  }

  static Actor leader(LeaderRank rank) {
    return new Actor(200 + rank.ordinal(), Role.LEADER, Optional.empty(), Optional.of(rank));
  }

  static Actor leaderWithoutRank() {
    return new Actor(299, Role.LEADER, Optional.empty(), Optional.empty());
  }

  static Actor supervision() {
    return new Actor(300, Role.SUPERVISION, Optional.of(1L), Optional.empty());
  }

  static Actor admin() {
    return new Actor(400, Role.ADMIN, Optional.empty(), Optional.empty());
  }

  /** Someone in a role with a rank it does not carry: a sponsor cannot borrow a mayor's rank. */
  static Actor sponsorClaimingMayorRank() {
    return new Actor(5, Role.SPONSOR, Optional.of(SPONSOR_UNIT), Optional.of(LeaderRank.MAYOR));
  }

  // ---- registrations ----

  static Reg reg() {
    return new Reg();
  }

  /** A registration form with sensible defaults: a meeting decision on the 7-day node, one cooperating unit. */
  static final class Reg {
    Kind kind = Kind.MEETING_DECISION;
    Optional<Board> board = Optional.empty();
    long lead = LEAD;
    List<Long> cooperating = new ArrayList<>(List.of(COOP));
    Optional<String> serviceObject = Optional.empty();
    Optional<Node> node = Optional.of(Node.SEVEN_DAYS);
    Optional<Instant> deadline = Optional.empty();
    Optional<String> severity = Optional.empty();
    List<String> problems = List.of();
    Optional<String> plan = Optional.empty();
    boolean acknowledged = true;

    Reg kind(Kind k) { kind = k; return this; }
    Reg board(Board b) { board = Optional.of(b); return this; }
    Reg lead(long id) { lead = id; return this; }
    Reg cooperating(Long... ids) { cooperating = new ArrayList<>(List.of(ids)); return this; }
    Reg serviceObject(String who) { serviceObject = Optional.of(who); return this; }
    Reg node(Node n) { node = Optional.ofNullable(n); return this; }
    Reg noNode() { node = Optional.empty(); return this; }
    Reg deadline(Instant d) { deadline = Optional.ofNullable(d); return this; }
    Reg severity(String s) { severity = Optional.ofNullable(s); return this; }
    Reg problems(String... p) { problems = List.of(p); return this; }
    Reg plan(String p) { plan = Optional.ofNullable(p); return this; }
    Reg unacknowledged() { acknowledged = false; return this; }

    /** A rectification with problems, a plan and a severity but no node: its deadline follows the severity (R36). */
    Reg rectification(String severityValue) {
      return kind(Kind.RECTIFICATION).noNode().severity(severityValue).problems("台账不全", "整改不到位").plan("两周内补齐台账");
    }

    Registration build() {
      return new Registration(kind, board, "meeting_decision", "title", "body", lead, cooperating, "副市长", serviceObject, node,
          deadline, severity, problems, plan, acknowledged);
    }
  }

  // ---- deciding ----

  static Decision.Accepted accepted(Decision decision) {
    assertThat(decision).as("expected the command to be accepted").isInstanceOf(Decision.Accepted.class);
    return (Decision.Accepted) decision;
  }

  static Decision.Refused refused(Decision decision) {
    assertThat(decision).as("expected the command to be refused").isInstanceOf(Decision.Refused.class);
    return (Decision.Refused) decision;
  }

  static Item ok(Item item, Command command, Actor actor, Instant now) {
    return accepted(LIFECYCLE.decide(item, command, actor, now)).item();
  }

  static Event onlyEvent(Decision decision) {
    List<Event> events = accepted(decision).events();
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  // ---- items at each stage, built through the lifecycle itself ----

  static Item draft(Reg reg) {
    return accepted(LIFECYCLE.register(reg.build(), sponsor(), REGISTERED_AT)).item();
  }

  static Item draft() {
    return draft(reg());
  }

  static Item active(Reg reg) {
    return ok(draft(reg), new Command.Approve(), leader(LeaderRank.OFFICE_LEADER), APPROVED_AT);
  }

  /** Lead {@link #LEAD} and cooperating {@link #COOP}, on the 7-day node, due {@link #SEVEN_DAY_DEADLINE}. */
  static Item active() {
    return active(reg());
  }

  static Instant beforeDeadline() {
    return SEVEN_DAY_DEADLINE.minus(Duration.ofDays(3));
  }

  static Item reported(Item item, long unit, Instant at) {
    return ok(item, new Command.SubmitReport(unit, 500 + unit, false), liaison(unit), at);
  }

  /** The lead reports (unless its report is already in), then applies for completion (R31). */
  static Item completionRequested(Item item) {
    UnitStatus lead = item.lead().status();
    Item reportedIn = lead == UnitStatus.REPORTED || lead == UnitStatus.ACCEPTED ? item : reported(item, LEAD, beforeDeadline());
    return ok(reportedIn, new Command.RequestCompletion(LEAD), liaison(LEAD), beforeDeadline());
  }

  static Item graded(Item item, Grade grade) {
    return ok(completionRequested(item), new Command.GradeCompletion(grade, "note"), sponsor(), beforeDeadline());
  }

  static Item gradeApproved(Item item) {
    return ok(graded(item, Grade.GOOD), new Command.ApproveGrade(), leader(LeaderRank.DEPUTY_SECRETARY_GENERAL), beforeDeadline());
  }

  static Item signOffRequested(Item item) {
    return ok(gradeApproved(item), new Command.RequestSignOff(), sponsor(), beforeDeadline());
  }

  static Item signOffChecked(Item item) {
    return ok(signOffRequested(item), new Command.CheckSignOff(), leader(LeaderRank.DEPUTY_SECRETARY_GENERAL), beforeDeadline());
  }

  static final Instant CLOSED_AT = Instant.parse("2026-03-07T02:00:00Z");

  static Item closed(Item item) {
    return ok(signOffChecked(item), new Command.ApproveClose(), leader(LeaderRank.VICE_MAYOR), CLOSED_AT);
  }
}
