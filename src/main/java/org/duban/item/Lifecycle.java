package org.duban.item;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.auth.LeaderRank;
import org.duban.auth.Role;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.duban.item.Decision.conflict;
import static org.duban.item.Decision.forbidden;
import static org.duban.item.Decision.invalid;

/**
 * The item lifecycle as a pure function: a state, a command, who asks and when, and the answer is the
 * next state with its events or a refusal that names the rule. No I/O, so every transition and every
 * refusal is tested directly against its rule ID.
 */
public final class Lifecycle {
  static final int AGREEMENT_ATTEMPTS_BEFORE_VERIFICATION = 3;
  private final WorkCalendar calendar;
  private final Deadlines.Policy policy;

  public Lifecycle(WorkCalendar calendar, Deadlines.Policy policy) {
    this.calendar = calendar;
    this.policy = policy;
  }

  /** R05, R06, R36: a sponsor registers a draft; it waits for a leader's approval. */
  public Decision register(Registration r, Actor actor, Instant now) {
    if (actor.role() != Role.SPONSOR || actor.unitId().isEmpty()) return forbidden("R05", "only sponsor office staff register items");
    Optional<Decision.Refused> refused = checkRegistration(r, now);
    if (refused.isPresent()) return refused.get();
    Map<Long, ItemUnit> units = new LinkedHashMap<>();
    units.put(r.leadUnitId(), ItemUnit.assignedLater(r.leadUnitId(), true));
    r.cooperatingUnitIds().forEach(id -> units.put(id, ItemUnit.assignedLater(id, false)));
    Item draft = new Item(0, "", Status.DRAFT, r.board().orElse(r.kind().defaultBoard()), r.kind(), r.source(),
        actor.unitId().get(), r.serviceObject(), r.node(), r.deadline(), r.severity(), Optional.empty(), 0, Optional.empty(), false, false,
        Optional.empty(), Optional.empty(), units, 1);
    return new Decision.Accepted(draft, List.of(Event.of("registered", "R06").with("confidentialityAcknowledged", true)));
  }

  private static Optional<Decision.Refused> checkRegistration(Registration r, Instant now) {
    if (!r.confidentialityAcknowledged()) {
      return Optional.of(invalid("R06", "/confidentialityAcknowledged", "confirm that no classified matter is entered"));
    }
    if (r.cooperatingUnitIds().contains(r.leadUnitId())) {
      return Optional.of(invalid("R03", "/cooperatingUnitIds", "the lead unit cannot also be a cooperating unit"));
    }
    if (r.cooperatingUnitIds().stream().distinct().count() != r.cooperatingUnitIds().size()) {
      return Optional.of(invalid("R03", "/cooperatingUnitIds", "a unit is listed twice"));
    }
    if (r.board().filter(b -> !r.kind().fits(b)).isPresent()) {
      return Optional.of(invalid("R01", "/board", "a " + wire(r.kind()) + " belongs on board " + wire(r.kind().defaultBoard())
          + " or continuous"));
    }
    if (r.node().isPresent() && r.deadline().isPresent()) {
      return Optional.of(invalid("R10", "/deadline", "give a time node or an explicit deadline, not both"));
    }
    if (r.deadline().filter(d -> !d.isAfter(now)).isPresent()) return Optional.of(invalid("R10", "/deadline", "must be in the future"));
    return r.kind() == Kind.RECTIFICATION ? checkRectification(r, now) : checkTimeLimit(r);
  }

  private static Optional<Decision.Refused> checkTimeLimit(Registration r) {
    if (r.node().isEmpty() && r.deadline().isEmpty()) return Optional.of(invalid("R10", "/node", "choose a time node (1d, 3d, 7d, 1m) or a deadline"));
    return Optional.empty();
  }

  // R36: a problem list, a plan, a severity, and a time limit within what the severity allows
  private static Optional<Decision.Refused> checkRectification(Registration r, Instant now) {
    if (r.problems().isEmpty()) return Optional.of(invalid("R36", "/problems", "a rectification lists the problems found"));
    if (r.plan().filter(p -> !p.isBlank()).isEmpty()) return Optional.of(invalid("R36", "/plan", "a rectification needs a plan"));
    if (r.severity().filter(v -> v.equals("ordinary") || v.equals("major")).isEmpty()) {
      return Optional.of(invalid("R36", "/severity", "ordinary (7 days) or major (30 days)"));
    }
    Instant cap = Deadlines.forRectification(r.severity().get().equals("major"), now);
    if (r.deadline().filter(d -> d.isAfter(cap)).isPresent()
        || r.node().filter(n -> now.atZone(Zones.SHANGHAI).plus(n.period).toInstant().isAfter(cap)).isPresent()) {
      String limit = r.severity().get().equals("major") ? "30 days" : "7 days";
      return Optional.of(invalid("R36", r.deadline().isPresent() ? "/deadline" : "/node",
          "a " + r.severity().get() + " rectification is due within " + limit + "; longer needs an extension"));
    }
    return Optional.empty();
  }

  public Decision decide(Item item, Command command, Actor actor, Instant now) {
    // Java 17 has no pattern switch; one instanceof per command keeps the dispatch in one place.
    if (command instanceof Command.Approve) return approve(item, actor, now);
    if (command instanceof Command.SubmitReport c) return submitReport(item, c, actor, now);
    if (command instanceof Command.ReturnReport c) return returnReport(item, c, actor);
    if (command instanceof Command.AcceptReport c) return acceptReport(item, c, actor);
    if (command instanceof Command.RequestExtension c) return requestExtension(item, c, actor, now);
    if (command instanceof Command.GrantExtension c) return decideExtension(item, c.unitId(), true, null, actor, now);
    if (command instanceof Command.RefuseExtension c) return decideExtension(item, c.unitId(), false, c.reason(), actor, now);
    if (command instanceof Command.RecordAgreement c) return recordAgreement(item, c, actor);
    if (command instanceof Command.SendToVerification c) return sendToVerification(item, c, actor);
    if (command instanceof Command.RecordVerification c) return recordVerification(item, c, actor);
    if (command instanceof Command.RequestCompletion c) return requestCompletion(item, c, actor);
    if (command instanceof Command.GradeCompletion c) return grade(item, c, actor);
    if (command instanceof Command.ApproveGrade) return approveGrade(item, actor);
    if (command instanceof Command.RequestSignOff) {
      return sponsorStep(item, actor, Status.GRADE_APPROVED, Status.SIGN_OFF_REQUESTED, "sign_off_requested", "R34");
    }
    if (command instanceof Command.CheckSignOff) return checkSignOff(item, actor);
    if (command instanceof Command.ApproveClose) return approveClose(item, actor, now);
    if (command instanceof Command.Recheck c) return recheck(item, c, actor, now);
    if (command instanceof Command.Recalendar c) return recalendar(item, c, actor);
    if (command instanceof Command.EnterKeySupervision c) return enterKeySupervision(item, c, actor);
    throw new IllegalArgumentException("unknown command " + command);
  }

  // R05, R10: approval assigns every unit and starts its clock
  private Decision approve(Item item, Actor actor, Instant now) {
    if (!actor.isLeaderAtLeast(LeaderRank.OFFICE_LEADER)) {
      return forbidden("R05", "only an office leader or deputy secretary-general or above approves registration");
    }
    if (item.status() != Status.DRAFT) return notIn(item, "R05", "approved", Status.DRAFT);
    if (item.explicitDeadline().filter(d -> !d.isAfter(now)).isPresent()) {
      return invalid("R10", "/deadline", "the draft's deadline " + item.explicitDeadline().get() + " has passed; register it again");
    }
    Instant deadline = Deadlines.initial(item, now, calendar, policy);
    Item next = item.withStatus(Status.ACTIVE).assigned(now).withEveryUnit(u -> u.withDeadline(deadline));
    List<Event> events = new ArrayList<>(List.of(Event.of("approved", "R05")));
    next.units().values().forEach(u -> events.add(Event.of("assigned", "R10").forUnit(u.unitId())
        .with("deadline", deadline.toString()).with("role", u.lead() ? "lead" : "cooperating")));
    return new Decision.Accepted(next, events);
  }

  // R22: a report on time tells the sponsor
  private Decision submitReport(Item item, Command.SubmitReport c, Actor actor, Instant now) {
    if (!actor.isLiaisonOf(c.unitId()) || !item.hasUnit(c.unitId())) return forbidden("R03", "only a liaison of a unit on this item reports for it");
    if (item.status() != Status.ACTIVE) return notIn(item, null, "reported on", Status.ACTIVE);
    ItemUnit unit = item.units().get(c.unitId());
    boolean onTime = unit.deadline().map(d -> !now.isAfter(d)).orElse(true);
    Event reported = Event.of("reported", onTime ? "R22" : null).forUnit(c.unitId())
        .with("reportId", c.reportId()).with("onTime", onTime).with("completion", c.completion());
    if (onTime) reported = reported.with("notify", new JsonObject().put("unitId", item.sponsorUnitId()).put("rule", "R22"));
    return new Decision.Accepted(item.withUnit(c.unitId(), u -> u.reported(now)), List.of(reported));
  }

  // R30: returned with a reason; the count feeds points later (R42)
  private Decision returnReport(Item item, Command.ReturnReport c, Actor actor) {
    if (!actor.isSponsorOf(item)) return forbidden("R30", "only the sponsor office returns a report");
    if (blank(c.reason())) return invalid("R30", "/reason", "a return needs a reason");
    Optional<Decision> refused = needsReportIn(item, c.unitId(), "returned");
    if (refused.isPresent()) return refused.get();
    Item next = item.withUnit(c.unitId(), ItemUnit::returned);
    Event returned = Event.of("returned", "R30").forUnit(c.unitId()).because(c.reason())
        .with("returns", next.units().get(c.unitId()).returns());
    return new Decision.Accepted(next, List.of(returned));
  }

  private Decision acceptReport(Item item, Command.AcceptReport c, Actor actor) {
    if (!actor.isSponsorOf(item)) return forbidden("R30", "only the sponsor office reviews a report");
    Optional<Decision> refused = needsReportIn(item, c.unitId(), "accepted");
    if (refused.isPresent()) return refused.get();
    return new Decision.Accepted(item.withUnit(c.unitId(), u -> u.withStatus(UnitStatus.ACCEPTED)),
        List.of(Event.of("accepted", null).forUnit(c.unitId())));
  }

  private Optional<Decision> needsReportIn(Item item, long unitId, String verb) {
    if (!item.hasUnit(unitId)) return Optional.of(invalid(null, "/unitId", "that unit is not on this item"));
    if (item.status() != Status.ACTIVE) return Optional.of(notIn(item, null, verb, Status.ACTIVE));
    if (item.units().get(unitId).status() != UnitStatus.REPORTED) {
      return Optional.of(conflict(null, "the unit has no report awaiting review (its state is " + wire(item.units().get(unitId).status()) + ")"));
    }
    return Optional.empty();
  }

  // R32, R36: at least 2 days ahead, a concrete plan, a later date; rectifications never beyond 60 days
  private Decision requestExtension(Item item, Command.RequestExtension c, Actor actor, Instant now) {
    if (!actor.isLiaisonOf(c.unitId()) || !item.hasUnit(c.unitId()) || !item.units().get(c.unitId()).lead()) {
      return forbidden("R32", "only the lead unit's liaison asks for an extension");
    }
    if (item.status() != Status.ACTIVE) return notIn(item, "R32", "extended", Status.ACTIVE);
    if (item.node().filter(n -> !n.extendable()).isPresent()) {
      return invalid("R32", "/newDeadline", "only items on the 7-day or 1-month node can be extended");
    }
    ItemUnit unit = item.units().get(c.unitId());
    if (unit.pendingExtension().isPresent()) return conflict("R32", "an extension request is already waiting for the sponsor");
    Instant deadline = unit.deadline().orElseThrow();
    if (now.isAfter(deadline.minus(Deadlines.EXTENSION_NOTICE))) {
      return invalid("R32", "/newDeadline", "an extension must be asked at least 2 days before the deadline " + deadline);
    }
    if (!c.newDeadline().isAfter(deadline)) return invalid("R32", "/newDeadline", "must be later than the current deadline " + deadline);
    if (blank(c.plan())) return invalid("R32", "/plan", "an extension needs a concrete plan");
    if (item.kind().isBoardTwo() && c.newDeadline().isAfter(yearEnd(now))) {
      return invalid("R35", "/newDeadline", "a board \"2\" item must be closed by the end of the year (" + yearEnd(now) + ")");
    }
    if (item.isRectification() && c.newDeadline().isAfter(item.assignedAt().orElseThrow().plus(Deadlines.RECTIFICATION_CAP))) {
      return invalid("R36", "/newDeadline", "a rectification may run at most 60 days from assignment");
    }
    Extension extension = new Extension(now, c.newDeadline(), c.plan(), c.milestones(), Extension.State.REQUESTED);
    return new Decision.Accepted(item.withUnit(c.unitId(), u -> u.withExtension(extension)),
        List.of(Event.of("extension_requested", "R32").forUnit(c.unitId()).with("newDeadline", c.newDeadline().toString())
            .with("plan", c.plan()).with("milestones", c.milestones().size())));
  }

  // R32: granted moves the item to continuous follow-up with the new date for every unit still due
  // before it; refused keeps the deadlines
  private Decision decideExtension(Item item, long unitId, boolean grant, String reason, Actor actor, Instant now) {
    if (!actor.isSponsorOf(item)) return forbidden("R32", "only the sponsor office decides an extension");
    if (!item.hasUnit(unitId)) return invalid(null, "/unitId", "that unit is not on this item");
    if (item.status() != Status.ACTIVE) return notIn(item, "R32", "extended", Status.ACTIVE);
    Optional<Extension> pending = item.units().get(unitId).pendingExtension();
    if (pending.isEmpty()) return conflict("R32", "there is no extension request waiting");
    if (!grant && blank(reason)) return invalid("R32", "/reason", "a refusal needs a reason");
    if (grant && !pending.get().newDeadline().isAfter(now)) {
      return conflict("R32", "the requested date " + pending.get().newDeadline() + " has passed; refuse it and ask for a new request");
    }
    Extension decided = pending.get().withState(grant ? Extension.State.GRANTED : Extension.State.REFUSED);
    Item next = item.withUnit(unitId, u -> u.withExtension(decided));
    if (grant) next = next.withEveryUnit(u -> u.deadline().filter(d -> d.isBefore(decided.newDeadline())).isPresent()
        ? u.withDeadline(decided.newDeadline()) : u);
    if (grant && !item.isRectification()) next = next.withBoard(Board.CONTINUOUS);
    Event event = Event.of(grant ? "extension_granted" : "extension_refused", "R32").forUnit(unitId).because(reason)
        .with("deadline", (grant ? decided.newDeadline() : item.units().get(unitId).deadline().orElseThrow()).toString());
    return new Decision.Accepted(next, List.of(event));
  }

  // R31: the service object's agreement, counted when it fails
  private Decision recordAgreement(Item item, Command.RecordAgreement c, Actor actor) {
    if (!actor.isLiaisonOf(c.unitId()) || !item.hasUnit(c.unitId()) || !item.units().get(c.unitId()).lead()) {
      return forbidden("R31", "only the lead unit's liaison records the service object's answer");
    }
    if (item.serviceObject().isEmpty()) return conflict("R31", "this item has no service object");
    if (item.status() != Status.ACTIVE) return notIn(item, "R31", "asked for agreement", Status.ACTIVE);
    int failures = item.agreementFailures() + (c.agreed() ? 0 : 1);
    // the service object's latest answer counts: a "no" after a "yes" takes the agreement back
    Optional<String> verification = c.agreed() ? Optional.of("agreed") : item.verification().filter(v -> !v.equals("agreed"));
    Item next = item.withAgreement(failures, verification);
    return new Decision.Accepted(next, List.of(Event.of(c.agreed() ? "service_object_agreed" : "service_object_disagreed", "R31")
        .forUnit(c.unitId()).because(c.note()).with("failedAttempts", failures)));
  }

  private Decision sendToVerification(Item item, Command.SendToVerification c, Actor actor) {
    if (!actor.isSponsorOf(item)) return forbidden("R31", "only the sponsor office consents to verification");
    if (item.status() != Status.ACTIVE) return notIn(item, "R31", "sent to verification", Status.ACTIVE);
    if (item.agreementFailures() < AGREEMENT_ATTEMPTS_BEFORE_VERIFICATION) {
      return conflict("R31", "verification needs at least 3 failed attempts to agree; there were " + item.agreementFailures());
    }
    return new Decision.Accepted(item.withAgreement(item.agreementFailures(), Optional.of("pending:" + c.method())),
        List.of(Event.of("verification_started", "R31").with("method", c.method())));
  }

  private Decision recordVerification(Item item, Command.RecordVerification c, Actor actor) {
    if (!actor.isSponsorOf(item)) return forbidden("R31", "only the sponsor office records the verification");
    if (item.verification().filter(v -> v.startsWith("pending:")).isEmpty()) return conflict("R31", "no verification is under way");
    return new Decision.Accepted(item.withAgreement(item.agreementFailures(), Optional.of(c.passed() ? "verified" : "not_verified")),
        List.of(Event.of(c.passed() ? "verification_passed" : "verification_failed", "R31").because(c.note())));
  }

  // R31: with a service object, completion needs its agreement or a passed verification
  private Decision requestCompletion(Item item, Command.RequestCompletion c, Actor actor) {
    if (!actor.isLiaisonOf(c.unitId()) || !item.hasUnit(c.unitId()) || !item.units().get(c.unitId()).lead()) {
      return forbidden("R31", "only the lead unit's liaison applies for completion");
    }
    if (item.status() != Status.ACTIVE) return notIn(item, "R31", "applied for completion", Status.ACTIVE);
    UnitStatus lead = item.units().get(c.unitId()).status();
    if (lead != UnitStatus.REPORTED && lead != UnitStatus.ACCEPTED) {
      return conflict("R31", "report the result before applying for completion (the lead unit's state is " + wire(lead) + ")");
    }
    boolean cleared = item.serviceObject().isEmpty() || item.verification().filter(v -> v.equals("agreed") || v.equals("verified")).isPresent();
    if (!cleared) return conflict("R31", "the service object has not agreed and no verification has passed");
    return new Decision.Accepted(item.withStatus(Status.COMPLETION_REQUESTED),
        List.of(Event.of("completion_requested", "R31").forUnit(c.unitId())));
  }

  // R33: every grade, a fail included, goes to the secretariat for approval (001 §17)
  private Decision grade(Item item, Command.GradeCompletion c, Actor actor) {
    if (!actor.isSponsorOf(item)) return forbidden("R33", "only the sponsor office grades");
    if (item.status() != Status.COMPLETION_REQUESTED) return notIn(item, "R33", "graded", Status.COMPLETION_REQUESTED);
    Event graded = Event.of("graded", "R33").because(c.note()).with("grade", wire(c.grade()));
    return new Decision.Accepted(item.withStatus(Status.GRADED).withGrade(Optional.of(c.grade())), List.of(graded));
  }

  // R33: an approved fail sends the work back to the lead unit; any other grade goes on to sign-off
  private Decision approveGrade(Item item, Actor actor) {
    if (!actor.isSecretariatLeader()) return forbidden("R33", "a deputy secretary-general or office leader approves grades");
    if (item.status() != Status.GRADED) return notIn(item, "R33", "approved", Status.GRADED);
    boolean failed = item.grade().filter(g -> g == Grade.FAIL).isPresent();
    Event approved = Event.of("grade_approved", "R33").with("grade", wire(item.grade().orElseThrow()));
    if (!failed) return new Decision.Accepted(item.withStatus(Status.GRADE_APPROVED), List.of(approved));
    Item back = item.withStatus(Status.ACTIVE).withGrade(Optional.empty())
        .withUnit(item.lead().unitId(), u -> u.withStatus(UnitStatus.RETURNED));
    return new Decision.Accepted(back, List.of(approved.with("sentBack", true).forUnit(item.lead().unitId())));
  }

  // R34: the secretariat checks; the mayor or vice mayor who closes is a different level
  private Decision checkSignOff(Item item, Actor actor) {
    if (!actor.isSecretariatLeader()) return forbidden("R34", "a deputy secretary-general or office leader checks the sign-off");
    if (item.status() != Status.SIGN_OFF_REQUESTED) return notIn(item, "R34", "checked", Status.SIGN_OFF_REQUESTED);
    return new Decision.Accepted(item.withStatus(Status.SIGN_OFF_CHECKED), List.of(Event.of("sign_off_checked", "R34")));
  }

  // R34: close-out cancels the number and archives; every unit is told
  private Decision approveClose(Item item, Actor actor, Instant now) {
    if (!actor.isLeaderAtLeast(LeaderRank.VICE_MAYOR)) return forbidden("R34", "only a mayor or vice mayor approves the close-out");
    if (item.status() != Status.SIGN_OFF_CHECKED) return notIn(item, "R34", "closed", Status.SIGN_OFF_CHECKED);
    Event closed = Event.of("closed", "R34").with("numberCancelled", true).with("archived", true)
        .with("notify", new JsonArray(item.units().keySet().stream().sorted().toList()));
    return new Decision.Accepted(item.closed(now), List.of(closed));
  }

  // R37: a failed re-check reopens the rectification with a new deadline
  private Decision recheck(Item item, Command.Recheck c, Actor actor, Instant now) {
    boolean allowed = actor.isSponsorOf(item) || actor.role() == Role.SUPERVISION;
    if (!allowed) return forbidden("R37", "only the sponsor office or the supervision office re-checks");
    if (!item.isRectification()) return conflict("R37", "only rectification items are re-checked");
    if (item.status() != Status.CLOSED) return notIn(item, "R37", "re-checked", Status.CLOSED);
    if (c.passed()) return new Decision.Accepted(item, List.of(Event.of("recheck_passed", "R37").because(c.reason())));
    if (blank(c.reason())) return invalid("R37", "/reason", "a failed re-check needs a reason");
    if (c.newDeadline() == null || !c.newDeadline().isAfter(now)) return invalid("R37", "/newDeadline", "a reopened item needs a future deadline");
    if (c.newDeadline().isAfter(now.plus(Deadlines.RECTIFICATION_CAP))) {
      return invalid("R36", "/newDeadline", "a rectification may run at most 60 days");
    }
    Item reopened = item.reopened(now).withEveryUnit(u -> u.withStatus(UnitStatus.ASSIGNED).withDeadline(c.newDeadline()));
    return new Decision.Accepted(reopened, List.of(Event.of("reopened", "R37").because(c.reason()).with("deadline", c.newDeadline().toString())));
  }

  // R10, R12: after a year's notice is imported, a node-derived deadline that fell on a day off moves to
  // where the node now ends. Reading: only LATER; a make-up working day never shortens a time a unit was
  // told (Deadlines.recalendared). Only the system asks this; the unit and the sponsor see why in the timeline.
  private Decision recalendar(Item item, Command.Recalendar c, Actor actor) {
    if (!actor.isSystem()) return forbidden("R12", "only the system moves a deadline after a calendar import");
    if (item.status() != Status.ACTIVE) return notIn(item, "R12", "given a new deadline", Status.ACTIVE);
    if (!item.hasUnit(c.unitId())) return invalid(null, "/unitId", "that unit is not on this item");
    Optional<Instant> current = item.units().get(c.unitId()).deadline();
    if (current.isEmpty() || item.assignedAt().isEmpty()) return conflict("R12", "the unit has no deadline to move");
    if (!c.newDeadline().isAfter(current.get())) {
      return conflict("R12", "a deadline moves only later: " + c.newDeadline() + " is not after " + current.get());
    }
    Instant recounted = Deadlines.initial(item, item.assignedAt().get(), calendar, policy);
    if (!c.newDeadline().equals(recounted)) {
      return invalid("R12", "/newDeadline", "the node ends at " + recounted + " on the calendar as it stands, not " + c.newDeadline());
    }
    Event moved = Event.of("deadline_moved", "R12").forUnit(c.unitId())
        .with("from", current.get().toString()).with("to", c.newDeadline().toString()).with("year", c.year());
    return new Decision.Accepted(item.withUnit(c.unitId(), u -> u.withDeadline(c.newDeadline())), List.of(moved));
  }

  // R16, R18: an escalation that falls due puts the item under key supervision, once; only the system does it,
  // as the reminder engine fires the message. A closed item is past escalating; one already under key
  // supervision (an R18 hand-off, then R16's three days) stays as it is, and the timeline says it once.
  private Decision enterKeySupervision(Item item, Command.EnterKeySupervision c, Actor actor) {
    if (!"R16".equals(c.rule()) && !"R18".equals(c.rule())) throw new IllegalArgumentException("key supervision follows R16 or R18, not " + c.rule());
    if (!actor.isSystem()) return forbidden(c.rule(), "only the system puts an item under key supervision, when its escalation falls due");
    if (item.status() == Status.CLOSED) return conflict(c.rule(), "a closed item is not put under key supervision");
    if (item.keySupervision()) return conflict(c.rule(), "the item is already under key supervision");
    Event entered = Event.of("key_supervision", c.rule()).with("message", c.messageKey());
    return new Decision.Accepted(item.underKeySupervision(), List.of(entered));
  }

  private Decision sponsorStep(Item item, Actor actor, Status from, Status to, String event, String rule) {
    if (!actor.isSponsorOf(item)) return forbidden(rule, "only the sponsor office does this");
    if (item.status() != from) return notIn(item, rule, "moved on", from);
    return new Decision.Accepted(item.withStatus(to), List.of(Event.of(event, rule)));
  }

  /** The last instant of the current year in Asia/Shanghai (R35). */
  static Instant yearEnd(Instant now) {
    int year = now.atZone(Zones.SHANGHAI).getYear();
    return LocalDate.of(year + 1, 1, 1).atStartOfDay(Zones.SHANGHAI).toInstant().minusSeconds(1);
  }

  private static Decision.Refused notIn(Item item, String rule, String verb, Status needed) {
    return conflict(rule, "an item in state " + wire(item.status()) + " cannot be " + verb + "; it must be " + wire(needed));
  }

  static String wire(Enum<?> value) {
    return Vocabulary.wire(value);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
