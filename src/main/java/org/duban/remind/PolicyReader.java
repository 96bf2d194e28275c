package org.duban.remind;

import org.duban.fault.DocumentFormatException;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.duban.item.Board;
import org.duban.item.Kind;
import org.duban.fault.FieldError;
import org.duban.remind.ReminderPolicy.DayTime;
import org.duban.remind.ReminderPolicy.Deadline;
import org.duban.remind.ReminderPolicy.Escalation;
import org.duban.remind.ReminderPolicy.Monthly;
import org.duban.remind.ReminderPolicy.Profile;
import org.duban.remind.ReminderPolicy.Quarterly;
import org.duban.remind.ReminderPolicy.QuietHours;
import org.duban.remind.ReminderPolicy.Reporting;
import org.duban.remind.ReminderPolicy.UrgeBand;
import org.duban.remind.ReminderPolicy.Weekly;

/**
 * Reads a policy document and collects every problem with its JSON path, as the calendar reader
 * does. A value that fails is read as null, and whatever is built from it is skipped, so one bad
 * field is reported once, not again by every check that depends on it.
 */
final class PolicyReader {
  /** Monthly moments must exist in every month, February included. */
  static final int MAX_DAY_OF_MONTH = 28;
  /** R02: the item sources, as the API spells them; R20 profiles match items by these. */
  static final List<String> SOURCES = List.of("province_13710", "meeting_decision", "leader_instruction",
      "work_report_task", "reform_task", "npc_cppcc_proposal", "inspection_finding", "audit_finding", "media_message",
      "complaint");
  /** R20: how a profile's due date is given; exactly one of these. */
  private static final List<String> DUE_FIELDS = List.of("within", "quarterlyBy", "replyWithin");
  private static final Pattern HH_MM = Pattern.compile("\\d{2}:\\d{2}");
  private static final Pattern MM_DD = Pattern.compile("\\d{2}-\\d{2}");
  private static final Comparator<DayTime> IN_MONTH =
      Comparator.comparingInt(DayTime::day).thenComparing(DayTime::time);

  private final List<FieldError> errors = new ArrayList<>();

  ReminderPolicy read(JsonObject json) {
    known("", json, Set.of("version", "deadline", "urge", "merge", "escalation", "weekly", "monthly", "quarterly",
        "reporting", "quietHours"));
    Integer version = integer("/version", json.getValue("version"), 1, Integer.MAX_VALUE);
    Deadline deadline = deadline(section(json, "", "deadline", Set.of("before", "after")));
    List<UrgeBand> bands = bands(section(json, "", "urge", Set.of("bands")));
    Span merge = mergeWindow(section(json, "", "merge", Set.of("window")));
    Escalation escalation = escalation(section(json, "", "escalation", Set.of("sponsor", "keySupervision")));
    Weekly weekly = weekly(section(json, "", "weekly", Set.of("every", "boards", "longBoards", "longAtLeast")));
    Monthly monthly = monthly(section(json, "", "monthly",
        Set.of("kinds", "boards", "urgeDays", "urgeTimes", "sponsorUrge", "handOff")));
    Quarterly quarterly = quarterly(section(json, "", "quarterly", Set.of("kinds", "boards", "time", "fourthQuarterAdvance")));
    Optional<Reporting> reporting = reporting(json);
    Optional<QuietHours> quiet = quietHours(json);
    if (!errors.isEmpty()) {
      throw new DocumentFormatException("reminder policy", errors);
    }
    return new ReminderPolicy(version, deadline, bands, merge, escalation, weekly, monthly, quarterly, reporting, quiet);
  }

  // ---- sections ----

  private Deadline deadline(JsonObject o) {
    if (o == null) {
      return null;
    }
    List<Span> before = array("/deadline/before", o.getValue("before"), this::span);
    List<Span> after = array("/deadline/after", o.getValue("after"), this::span);
    return before == null || after == null ? null : new Deadline(before, after);
  }

  private List<UrgeBand> bands(JsonObject o) {
    if (o == null) {
      return null;
    }
    List<UrgeBand> bands = array("/urge/bands", o.getValue("bands"), this::band);
    if (bands != null) {
      increasing(bands);
    }
    return bands;
  }

  private UrgeBand band(String path, Object value) {
    JsonObject o = object(path, value, Set.of("until", "every"));
    if (o == null) {
      return null;
    }
    Span until = positive(path + "/until", fixed(path + "/until", o.getValue("until")));
    Span every = positive(path + "/every", fixed(path + "/every", o.getValue("every")));
    return until == null || every == null ? null : new UrgeBand(until, every);
  }

  // each band starts where the one before ends, so the ends must climb
  private void increasing(List<UrgeBand> bands) {
    for (int i = 1; i < bands.size(); i++) {
      Duration previous = bands.get(i - 1).until().fixedLength().orElseThrow();
      if (bands.get(i).until().fixedLength().orElseThrow().compareTo(previous) <= 0) {
        error("/urge/bands/" + i + "/until", "must be longer than /urge/bands/" + (i - 1) + "/until");
      }
    }
  }

  private Span mergeWindow(JsonObject o) {
    return o == null ? null : fixed("/merge/window", o.getValue("window"));
  }

  private Escalation escalation(JsonObject o) {
    if (o == null) {
      return null;
    }
    Span sponsor = span("/escalation/sponsor", o.getValue("sponsor"));
    Span key = span("/escalation/keySupervision", o.getValue("keySupervision"));
    return sponsor == null || key == null ? null : new Escalation(sponsor, key);
  }

  private Weekly weekly(JsonObject o) {
    if (o == null) {
      return null;
    }
    Span every = positive("/weekly/every", span("/weekly/every", o.getValue("every")));
    List<Board> boards = array("/weekly/boards", o.getValue("boards"), (p, v) -> wire(p, v, Board.class));
    List<Board> longBoards = array("/weekly/longBoards", o.getValue("longBoards"), (p, v) -> wire(p, v, Board.class));
    Span longAtLeast = span("/weekly/longAtLeast", o.getValue("longAtLeast"));
    if (every == null || boards == null || longBoards == null || longAtLeast == null) {
      return null;
    }
    return new Weekly(every, Set.copyOf(boards), Set.copyOf(longBoards), longAtLeast);
  }

  private Monthly monthly(JsonObject o) {
    if (o == null) {
      return null;
    }
    List<Kind> kinds = array("/monthly/kinds", o.getValue("kinds"), (p, v) -> wire(p, v, Kind.class));
    List<Board> boards = array("/monthly/boards", o.getValue("boards"), (p, v) -> wire(p, v, Board.class));
    Integer days = integer("/monthly/urgeDays", o.getValue("urgeDays"), 0, MAX_DAY_OF_MONTH);
    List<LocalTime> times = array("/monthly/urgeTimes", o.getValue("urgeTimes"), this::time);
    DayTime sponsor = dayTime("/monthly/sponsorUrge", o.getValue("sponsorUrge"));
    DayTime handOff = dayTime("/monthly/handOff", o.getValue("handOff"));
    if (kinds == null || boards == null || days == null || times == null || sponsor == null || handOff == null) {
      return null;
    }
    chain(days, times, sponsor, handOff);
    return new Monthly(Set.copyOf(kinds), Set.copyOf(boards), days, times, sponsor, handOff);
  }

  // R18's order: the system's urges, then the sponsor's, then the hand-off; a typo must not reorder them
  private void chain(int days, List<LocalTime> times, DayTime sponsor, DayTime handOff) {
    for (int i = 1; i < times.size(); i++) {
      if (!times.get(i).isAfter(times.get(i - 1))) {
        error("/monthly/urgeTimes/" + i, "must be later than /monthly/urgeTimes/" + (i - 1));
      }
    }
    if (days > 0 && !times.isEmpty() && IN_MONTH.compare(sponsor, new DayTime(days, times.get(times.size() - 1))) <= 0) {
      error("/monthly/sponsorUrge", "must come after the last urge, on day " + days + " at " + times.get(times.size() - 1));
    }
    if (IN_MONTH.compare(handOff, sponsor) <= 0) {
      error("/monthly/handOff", "must come after /monthly/sponsorUrge");
    }
  }

  private DayTime dayTime(String path, Object value) {
    JsonObject o = object(path, value, Set.of("day", "time"));
    if (o == null) {
      return null;
    }
    Integer day = integer(path + "/day", o.getValue("day"), 1, MAX_DAY_OF_MONTH);
    LocalTime time = time(path + "/time", o.getValue("time"));
    return day == null || time == null ? null : new DayTime(day, time);
  }

  private Quarterly quarterly(JsonObject o) {
    if (o == null) {
      return null;
    }
    List<Kind> kinds = array("/quarterly/kinds", o.getValue("kinds"), (p, v) -> wire(p, v, Kind.class));
    List<Board> boards = array("/quarterly/boards", o.getValue("boards"), (p, v) -> wire(p, v, Board.class));
    LocalTime time = time("/quarterly/time", o.getValue("time"));
    Span advance = span("/quarterly/fourthQuarterAdvance", o.getValue("fourthQuarterAdvance"));
    if (advance != null && !advance.wholeDays()) {
      error("/quarterly/fourthQuarterAdvance", "must be whole days, weeks, months or years, not " + advance);
      advance = null;
    }
    if (kinds == null || boards == null || time == null || advance == null) {
      return null;
    }
    return new Quarterly(Set.copyOf(kinds), Set.copyOf(boards), time, advance);
  }

  // absent (as in version 1) means no reporting deadline is planned (R20)
  private Optional<Reporting> reporting(JsonObject json) {
    if (json.getValue("reporting") == null) {
      return Optional.empty();
    }
    JsonObject o = section(json, "", "reporting", Set.of("profiles", "remindBefore", "time"));
    if (o == null) {
      return Optional.empty();
    }
    List<Profile> profiles = array("/reporting/profiles", o.getValue("profiles"), this::profile);
    List<Span> before = array("/reporting/remindBefore", o.getValue("remindBefore"), (p, v) -> days(p, v, true));
    LocalTime time = time("/reporting/time", o.getValue("time"));
    if (profiles != null) {
      eachSourceOnce(profiles);
    }
    return profiles == null || before == null || time == null
        ? Optional.empty() : Optional.of(new Reporting(profiles, before, time));
  }

  private Profile profile(String path, Object value) {
    JsonObject o = object(path, value, Set.of("sources", "within", "quarterlyBy", "replyWithin", "earlyReasonBefore"));
    if (o == null) {
      return null;
    }
    List<String> sources = array(path + "/sources", o.getValue("sources"), this::source);
    if (sources != null && sources.isEmpty()) {
      error(path + "/sources", "must list at least one source");
      sources = null;
    }
    List<String> given = DUE_FIELDS.stream().filter(f -> o.getValue(f) != null).toList();
    if (given.size() != 1) {
      error(path, given.isEmpty() ? "must give one of within, quarterlyBy or replyWithin"
          : "must give only one of within, quarterlyBy or replyWithin, not " + String.join(" and ", given));
    }
    // every given field is read, so that its own problems are reported too
    Span within = o.getValue("within") == null ? null : days(path + "/within", o.getValue("within"), false);
    List<MonthDay> dates = o.getValue("quarterlyBy") == null ? null : monthDays(path + "/quarterlyBy", o.getValue("quarterlyBy"));
    Span reply = o.getValue("replyWithin") == null ? null : days(path + "/replyWithin", o.getValue("replyWithin"), false);
    Object early = o.getValue("earlyReasonBefore");
    Span reason = early == null ? null : days(path + "/earlyReasonBefore", early, false);
    boolean read = sources != null && given.size() == 1 && (within != null || dates != null || reply != null)
        && (early == null || reason != null);
    return read ? new Profile(sources, Optional.ofNullable(within), dates == null ? List.of() : dates,
        Optional.ofNullable(reply), Optional.ofNullable(reason)) : null;
  }

  // a source in two profiles would have two due dates
  private void eachSourceOnce(List<Profile> profiles) {
    Map<String, String> first = new HashMap<>();
    for (int i = 0; i < profiles.size(); i++) {
      List<String> sources = profiles.get(i).sources();
      for (int j = 0; j < sources.size(); j++) {
        String path = "/reporting/profiles/" + i + "/sources/" + j;
        String earlier = first.putIfAbsent(sources.get(j), path);
        if (earlier != null) {
          error(path, "\"" + sources.get(j) + "\" is already listed at " + earlier);
        }
      }
    }
  }

  private String source(String path, Object value) {
    String s = text(path, value);
    if (s != null && !SOURCES.contains(s)) {
      error(path, "must be one of " + String.join(", ", SOURCES) + ", not \"" + s + "\"");
      return null;
    }
    return s;
  }

  private List<MonthDay> monthDays(String path, Object value) {
    List<MonthDay> dates = array(path, value, this::monthDay);
    if (dates != null && dates.isEmpty()) {
      error(path, "must list at least one date");
      return null;
    }
    return dates;
  }

  private MonthDay monthDay(String path, Object value) {
    String s = text(path, value);
    if (s == null) {
      return null;
    }
    if (!MM_DD.matcher(s).matches()) {
      error(path, "must be a date in MM-dd form, not \"" + s + "\"");
      return null;
    }
    MonthDay date;
    try {
      date = MonthDay.parse("--" + s);
    } catch (DateTimeException e) {
      error(path, "is not a day of the year: " + s);
      return null;
    }
    // 29 February would have no due date three years in four
    if (!date.isValidYear(2027)) {
      error(path, "must exist in every year, not " + s);
      return null;
    }
    return date;
  }

  // absent means nothing is held back (R21: "unless the policy says otherwise")
  private Optional<QuietHours> quietHours(JsonObject json) {
    if (json.getValue("quietHours") == null) {
      return Optional.empty();
    }
    JsonObject o = section(json, "", "quietHours", Set.of("from", "until"));
    if (o == null) {
      return Optional.empty();
    }
    LocalTime from = time("/quietHours/from", o.getValue("from"));
    LocalTime until = time("/quietHours/until", o.getValue("until"));
    if (from != null && from.equals(until)) {
      error("/quietHours/until", "must differ from /quietHours/from");
    }
    return from == null || until == null ? Optional.empty() : Optional.of(new QuietHours(from, until));
  }

  // ---- values ----

  private JsonObject section(JsonObject parent, String parentPath, String name, Set<String> fields) {
    return object(parentPath + "/" + name, parent.getValue(name), fields);
  }

  private JsonObject object(String path, Object value, Set<String> fields) {
    if (value == null) {
      error(path, "is required");
      return null;
    }
    if (!(value instanceof JsonObject o)) {
      error(path, "must be an object");
      return null;
    }
    known(path, o, fields);
    return o;
  }

  private void known(String path, JsonObject o, Set<String> fields) {
    o.fieldNames().stream().filter(f -> !fields.contains(f)).sorted()
        .forEach(f -> error(path + "/" + f, "is not a known field"));
  }

  private String text(String path, Object value) {
    if (value == null) {
      error(path, "is required");
      return null;
    }
    if (!(value instanceof String s)) {
      error(path, "must be a string");
      return null;
    }
    return s;
  }

  private Span span(String path, Object value) {
    String s = text(path, value);
    if (s == null) {
      return null;
    }
    try {
      return Span.parse(s);
    } catch (IllegalArgumentException e) {
      error(path, e.getMessage());
      return null;
    }
  }

  private Span fixed(String path, Object value) {
    Span s = span(path, value);
    if (s != null && s.fixedLength().isEmpty()) {
      error(path, "must be in days, hours, minutes or seconds, without months or years, not " + s);
      return null;
    }
    return s;
  }

  /** A span of whole days, weeks, months or years; longer than zero unless {@code zero} is allowed. */
  private Span days(String path, Object value, boolean zero) {
    Span s = span(path, value);
    if (s != null && !s.wholeDays()) {
      error(path, "must be whole days, weeks, months or years, not " + s);
      return null;
    }
    return zero ? s : positive(path, s);
  }

  // takes an already read span, so that a bad one is reported once
  private Span positive(String path, Span s) {
    if (s != null && s.isZero()) {
      error(path, "must be longer than zero");
      return null;
    }
    return s;
  }

  private LocalTime time(String path, Object value) {
    String s = text(path, value);
    if (s == null) {
      return null;
    }
    if (!HH_MM.matcher(s).matches()) {
      error(path, "must be a local time in HH:mm form, not \"" + s + "\"");
      return null;
    }
    try {
      return LocalTime.parse(s);
    } catch (DateTimeParseException e) {
      error(path, "is not a time of day: " + s);
      return null;
    }
  }

  private Integer integer(String path, Object value, int min, int max) {
    if (value == null) {
      error(path, "is required");
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      error(path, "must be a whole number");
      return null;
    }
    long n = ((Number) value).longValue();
    if (n < min || n > max) {
      error(path, max == Integer.MAX_VALUE ? "must be at least " + min : "must be from " + min + " to " + max);
      return null;
    }
    return (int) n;
  }

  private <E extends Enum<E>> E wire(String path, Object value, Class<E> type) {
    String s = text(path, value);
    if (s == null) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (ReminderPolicy.wire(e).equals(s)) {
        return e;
      }
    }
    error(path, "must be one of " + Arrays.stream(type.getEnumConstants()).map(ReminderPolicy::wire)
        .collect(Collectors.joining(", ")) + ", not \"" + s + "\"");
    return null;
  }

  /** A list whose every element was read, or null (with the reasons recorded) if any was not. */
  private <T> List<T> array(String path, Object value, BiFunction<String, Object, T> element) {
    if (value == null) {
      error(path, "is required");
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      error(path, "must be an array");
      return null;
    }
    List<T> out = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < array.size(); i++) {
      T t = element.apply(path + "/" + i, array.getValue(i));
      complete &= t != null;
      out.add(t);
    }
    return complete ? out : null;
  }

  private void error(String path, String reason) {
    errors.add(new FieldError(path, reason));
  }
}
