package org.duban.remind;

import org.duban.fault.DocumentFormatException;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.duban.item.Board;
import org.duban.item.Item;
import org.duban.item.Kind;
import org.duban.time.Zones;

/**
 * Which reminders and urges an item gets (R13-R21), as versioned data: every amount the
 * rules leave open lives here, not in the {@link Planner}. Immutable; read with {@link
 * #fromJson}, written with {@link #toJson}, and {@code fromJson(p.toJson())} equals {@code p}.
 *
 * <p>Two versions are shipped ({@link #shippedVersions()}): {@code reminders/policy-v1.json}, and
 * {@code reminders/policy-v2.json} ({@link #shipped()}), which is version 1 with the R20 section
 * {@code reporting} added. Together they carry these values and Readings:
 *
 * <ul>
 *   <li>R13: 5 hours before the deadline; 5 hours, 1 day and 2 days after it, to the unit's
 *       responsible persons (001 §6, §9). R14 is not data: a unit that has reported owes nothing,
 *       so nothing of its node is planned for it (001 §13(1) "对应提醒自动取消").
 *   <li>R15: an urge every 3 hours up to 1 day overdue, then every 2 hours up to 2 days overdue,
 *       each band's end included (so the last urges fall at exactly +1 day and +2 days, where they
 *       merge with R13's reminders); R15 Reading: messages to the same person within 30 minutes of
 *       the first of them are one message.
 *   <li>R16: the sponsor is told at 2 days overdue, once the urging is over (Reading: 001 §14 says
 *       only "经催办仍未落实", still not done after the urging); key supervision at 3 days overdue
 *       ("逾期3天的"), once per item, counted from the earliest deadline of a unit that still owes.
 *   <li>R17: weekly, counted from assignment, on the continuous board and for board "1" items
 *       whose last deadline is at least one month after assignment. The rulebook says "longer than
 *       1 month"; 001 §13(1) says "推进1个月以上", and in PRC legal drafting 以上 includes the number
 *       itself (Civil Code art. 1259), so a 1-month item counts: the regulation is followed.
 *   <li>R18 Reading: a board "2" lead unit reports by month end, from the month of assignment on;
 *       if not, urges at 08:00 and 15:00 on the 1st and 2nd of the next month (calendar days,
 *       holidays included, as 001 says "连续提醒2日", two consecutive days); the sponsor is asked
 *       to urge at 16:00 on the 2nd, an hour after the last system urge, with the afternoon left
 *       to do it; "超过时限2日" ends at 24:00 on the 2nd, so the hand-off to the supervision office
 *       is at 08:00 on the 3rd, the first office hour after it.
 *   <li>R19 Reading: a reminder to the lead unit at 09:00 on the last working day of each quarter;
 *       for the fourth quarter ("提前一周") 7 calendar days before its last working day, moved back
 *       to a working day if that is a day off.
 *   <li>R20 (version 2 only; 002 三(一)): reporting deadlines by the item's source, which the lead
 *       unit is reminded of at 09:00 three days before the due date and on the due date itself.
 *       Meeting decisions report within 30 days of assignment ("30日内"). Leaders' instructions are
 *       done and reported within 30 days, and 5 days before that the unit is asked to report now
 *       the reasons and its progress if it cannot finish in time (Reading: 002 says only "提前",
 *       in advance, and gives no amount). Government work report tasks (the annual key work, 年度重点
 *       工作) report on the quarter before by 15 July, 15 October and 15 January. NPC suggestions and
 *       CPPCC proposals are answered within 3 months of assignment. How due dates, reminder days
 *       and cancelling are read is in {@code ReportingRules}. Where the rulebook and 002 differ, 002
 *       is followed: the rulebook adds "and 15 April", which 002 does not name (it lists
 *       "7月15日、10月15日、1月15日前" only), so no first-quarter report is asked for; a policy that
 *       wants one lists {@code "04-15"} too. Version 1 has no {@code reporting} section and plans
 *       no R20 message.
 *   <li>R21 Reading: 22:00 (included) to 07:00 (excluded) Shanghai time is quiet; messages due then
 *       are held to 07:00, and the message lists R21 among its rules.
 * </ul>
 */
public final class ReminderPolicy {
  /** Every shipped document, oldest first; the last is the one a new installation starts with. */
  static final List<String> SHIPPED = List.of("reminders/policy-v1.json", "reminders/policy-v2.json");
  static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  static final DateTimeFormatter MM_DD = DateTimeFormatter.ofPattern("MM-dd");

  /** R13: amounts before and after a unit's deadline. */
  public record Deadline(List<Span> before, List<Span> after) {
    public Deadline {
      before = List.copyOf(before);
      after = List.copyOf(after);
    }
  }

  /** R15: while overdue by at most {@code until} (and more than the previous band's), an urge every {@code every}. */
  public record UrgeBand(Span until, Span every) {}

  /** R16: how long overdue before the sponsor is told, and before key supervision. */
  public record Escalation(Span sponsor, Span keySupervision) {}

  /**
   * R17: every {@code every} from assignment, on {@code boards}, and on {@code longBoards} when the
   * item's last deadline is at least {@code longAtLeast} after its assignment.
   */
  public record Weekly(Span every, Set<Board> boards, Set<Board> longBoards, Span longAtLeast) {
    public Weekly {
      boards = enumSet(Board.class, boards);
      longBoards = enumSet(Board.class, longBoards);
    }
  }

  /** A moment in the month after the one that lacked a report: {@code day} 1 is the 1st. */
  public record DayTime(int day, LocalTime time) {}

  /** R18: who reports monthly, and the urging chain that follows a month without a report. */
  public record Monthly(Set<Kind> kinds, Set<Board> boards, int urgeDays, List<LocalTime> urgeTimes,
                        DayTime sponsorUrge, DayTime handOff) {
    public Monthly {
      kinds = enumSet(Kind.class, kinds);
      boards = enumSet(Board.class, boards);
      urgeTimes = List.copyOf(urgeTimes);
    }

    public boolean appliesTo(Item item) {
      return kinds.contains(item.kind()) && boards.contains(item.board());
    }
  }

  /** R19: who writes quarterly summaries, at what local time, and how much earlier the fourth one is due. */
  public record Quarterly(Set<Kind> kinds, Set<Board> boards, LocalTime time, Span fourthQuarterAdvance) {
    public Quarterly {
      kinds = enumSet(Kind.class, kinds);
      boards = enumSet(Board.class, boards);
    }

    public boolean appliesTo(Item item) {
      return kinds.contains(item.kind()) && boards.contains(item.board());
    }
  }

  /** R21: local times from {@code from} (included) to {@code until} (excluded), possibly across midnight. */
  public record QuietHours(LocalTime from, LocalTime until) {
    public boolean contains(LocalTime t) {
      return from.isBefore(until)
          ? !t.isBefore(from) && t.isBefore(until)
          : !t.isBefore(from) || t.isBefore(until);
    }

    /** When a message due at {@code at} may go out: at once, or when the quiet hours it falls in end (same or next day). */
    public Instant release(Instant at) {
      LocalDateTime local = LocalDateTime.ofInstant(at, Zones.SHANGHAI);
      if (!contains(local.toLocalTime())) {
        return at;
      }
      LocalDate day = local.toLocalTime().isBefore(until) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
      return day.atTime(until).atZone(Zones.SHANGHAI).toInstant();
    }
  }

  /**
   * R20: the reporting deadline of items from {@code sources}. Exactly one of {@code within} (a
   * span from assignment), {@code quarterlyBy} (dates of the year, each about the quarter before
   * it) and {@code replyWithin} (a reply to the proposer, a span from assignment) is given; the
   * other two are empty. {@code earlyReasonBefore}, when given, is how long before each due date
   * the unit is asked, if it cannot finish in time, to report the reasons and its progress now.
   */
  public record Profile(List<String> sources, Optional<Span> within, List<MonthDay> quarterlyBy,
                        Optional<Span> replyWithin, Optional<Span> earlyReasonBefore) {
    public Profile {
      sources = List.copyOf(sources);
      quarterlyBy = List.copyOf(quarterlyBy);
      Objects.requireNonNull(within, "within");
      Objects.requireNonNull(replyWithin, "replyWithin");
      Objects.requireNonNull(earlyReasonBefore, "earlyReasonBefore");
    }
  }

  /**
   * R20: reporting deadlines by source, no source in two profiles; the lead unit is reminded at
   * {@code time} on the day each of {@code remindBefore} (whole days) before a due date.
   */
  public record Reporting(List<Profile> profiles, List<Span> remindBefore, LocalTime time) {
    public Reporting {
      profiles = List.copyOf(profiles);
      remindBefore = List.copyOf(remindBefore);
      Objects.requireNonNull(time, "time");
    }

    /** The profile of items from {@code source}, if it has one. */
    public Optional<Profile> profileFor(String source) {
      return profiles.stream().filter(p -> p.sources().contains(source)).findFirst();
    }
  }

  private final int version;
  private final Deadline deadline;
  private final List<UrgeBand> urgeBands;
  private final Span mergeWindow;
  private final Escalation escalation;
  private final Weekly weekly;
  private final Monthly monthly;
  private final Quarterly quarterly;
  private final Optional<Reporting> reporting;
  private final Optional<QuietHours> quietHours;

  // only PolicyReader builds one, after checking everything
  ReminderPolicy(int version, Deadline deadline, List<UrgeBand> urgeBands, Span mergeWindow, Escalation escalation,
                 Weekly weekly, Monthly monthly, Quarterly quarterly, Optional<Reporting> reporting,
                 Optional<QuietHours> quietHours) {
    this.version = version;
    this.deadline = Objects.requireNonNull(deadline);
    this.urgeBands = List.copyOf(urgeBands);
    this.mergeWindow = Objects.requireNonNull(mergeWindow);
    this.escalation = Objects.requireNonNull(escalation);
    this.weekly = Objects.requireNonNull(weekly);
    this.monthly = Objects.requireNonNull(monthly);
    this.quarterly = Objects.requireNonNull(quarterly);
    this.reporting = Objects.requireNonNull(reporting);
    this.quietHours = Objects.requireNonNull(quietHours);
  }

  /**
   * Reads a policy document of the contract's shape ({@code ReminderPolicy} in {@code
   * openapi/duban.yaml}), reporting at once every problem between its fields. The shape is checked
   * before: by the router for a document sent over HTTP, by {@code PolicySchemaTest} for the shipped
   * documents; a stored version was written by {@link #toJson} from one read here.
   *
   * @throws DocumentFormatException listing each bad field by its JSON pointer
   * @throws IllegalArgumentException if the document does not have the contract's shape
   */
  public static ReminderPolicy fromJson(JsonObject json) {
    return new PolicyReader().read(Objects.requireNonNull(json, "json"));
  }

  /**
   * The latest policy shipped with the server, {@code reminders/policy-v2.json}.
   *
   * @throws IllegalStateException if a shipped document is missing or invalid: the build is broken
   */
  public static ReminderPolicy shipped() {
    List<ReminderPolicy> all = shippedVersions();
    return all.get(all.size() - 1);
  }

  /**
   * Every policy shipped with the server, in version order, so that each can be stored.
   *
   * @throws IllegalStateException if a shipped document is missing or invalid, or the versions do
   *     not climb: the build is broken
   */
  public static List<ReminderPolicy> shippedVersions() {
    List<ReminderPolicy> all = SHIPPED.stream().map(ReminderPolicy::load).toList();
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i).version() <= all.get(i - 1).version()) {
        throw new IllegalStateException("shipped policy " + SHIPPED.get(i) + " must have a version above "
            + all.get(i - 1).version());
      }
    }
    return all;
  }

  private static ReminderPolicy load(String resource) {
    try (InputStream in = ReminderPolicy.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return fromJson(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    } catch (DecodeException | DocumentFormatException | IllegalArgumentException e) {
      // The shipped files are not checked against the schema here: they are part of the build, and
      // PolicySchemaTest checks each of them against the contract's own schema at every build, so the
      // file and the schema cannot drift apart unnoticed. Should one be broken anyway, start-up stops
      // here, naming it, rather than planning under half a policy.
      throw new IllegalStateException("shipped policy " + resource + " is invalid: " + e.getMessage(), e);
    }
  }

  public int version() {
    return version;
  }

  public Deadline deadline() {
    return deadline;
  }

  public List<UrgeBand> urgeBands() {
    return urgeBands;
  }

  public Span mergeWindow() {
    return mergeWindow;
  }

  public Escalation escalation() {
    return escalation;
  }

  public Weekly weekly() {
    return weekly;
  }

  public Monthly monthly() {
    return monthly;
  }

  public Quarterly quarterly() {
    return quarterly;
  }

  /** R20; empty when the policy plans no reporting deadlines, as version 1 does not. */
  public Optional<Reporting> reporting() {
    return reporting;
  }

  /** Empty when the policy holds nothing back. */
  public Optional<QuietHours> quietHours() {
    return quietHours;
  }

  /** The document form {@link #fromJson} reads. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("version", version)
        .put("deadline", new JsonObject().put("before", spans(deadline.before())).put("after", spans(deadline.after())))
        .put("urge", new JsonObject().put("bands", bands()))
        .put("merge", new JsonObject().put("window", mergeWindow.toString()))
        .put("escalation", new JsonObject().put("sponsor", escalation.sponsor().toString())
            .put("keySupervision", escalation.keySupervision().toString()))
        .put("weekly", weeklyJson())
        .put("monthly", monthlyJson())
        .put("quarterly", quarterlyJson());
    reporting.ifPresent(r -> json.put("reporting", reportingJson(r)));
    quietHours.ifPresent(q -> json.put("quietHours",
        new JsonObject().put("from", q.from().format(HH_MM)).put("until", q.until().format(HH_MM))));
    return json;
  }

  private JsonArray bands() {
    JsonArray out = new JsonArray();
    urgeBands.forEach(b -> out.add(new JsonObject().put("until", b.until().toString()).put("every", b.every().toString())));
    return out;
  }

  private JsonObject weeklyJson() {
    return new JsonObject().put("every", weekly.every().toString()).put("boards", wire(weekly.boards()))
        .put("longBoards", wire(weekly.longBoards())).put("longAtLeast", weekly.longAtLeast().toString());
  }

  private JsonObject monthlyJson() {
    JsonArray times = new JsonArray();
    monthly.urgeTimes().forEach(t -> times.add(t.format(HH_MM)));
    return new JsonObject().put("kinds", wire(monthly.kinds())).put("boards", wire(monthly.boards()))
        .put("urgeDays", monthly.urgeDays()).put("urgeTimes", times)
        .put("sponsorUrge", dayTime(monthly.sponsorUrge())).put("handOff", dayTime(monthly.handOff()));
  }

  private JsonObject quarterlyJson() {
    return new JsonObject().put("kinds", wire(quarterly.kinds())).put("boards", wire(quarterly.boards()))
        .put("time", quarterly.time().format(HH_MM))
        .put("fourthQuarterAdvance", quarterly.fourthQuarterAdvance().toString());
  }

  private static JsonObject reportingJson(Reporting r) {
    JsonArray profiles = new JsonArray();
    r.profiles().forEach(p -> profiles.add(profileJson(p)));
    return new JsonObject().put("profiles", profiles).put("remindBefore", spans(r.remindBefore()))
        .put("time", r.time().format(HH_MM));
  }

  private static JsonObject profileJson(Profile p) {
    JsonObject json = new JsonObject().put("sources", new JsonArray(p.sources()));
    p.within().ifPresent(s -> json.put("within", s.toString()));
    if (!p.quarterlyBy().isEmpty()) {
      JsonArray dates = new JsonArray();
      p.quarterlyBy().forEach(d -> dates.add(d.format(MM_DD)));
      json.put("quarterlyBy", dates);
    }
    p.replyWithin().ifPresent(s -> json.put("replyWithin", s.toString()));
    p.earlyReasonBefore().ifPresent(s -> json.put("earlyReasonBefore", s.toString()));
    return json;
  }

  private static JsonObject dayTime(DayTime d) {
    return new JsonObject().put("day", d.day()).put("time", d.time().format(HH_MM));
  }

  private static JsonArray spans(List<Span> spans) {
    JsonArray out = new JsonArray();
    spans.forEach(s -> out.add(s.toString()));
    return out;
  }

  // enum sets iterate in declaration order, so the document comes out the same every time
  private static JsonArray wire(Set<? extends Enum<?>> values) {
    JsonArray out = new JsonArray();
    values.forEach(v -> out.add(wire(v)));
    return out;
  }

  /** Boards and kinds are spelled in lower case, as on the HTTP API. */
  static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> Set<E> enumSet(Class<E> type, Collection<E> values) {
    EnumSet<E> set = EnumSet.noneOf(type);
    set.addAll(values);
    return Collections.unmodifiableSet(set);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReminderPolicy p && p.toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "ReminderPolicy v" + version;
  }
}
