package org.duban.remind;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.duban.fault.DocumentFormatException;
import org.duban.fault.FieldError;
import org.duban.item.Board;
import org.duban.item.Kind;
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
 * Reads a policy document whose shape the contract has checked ({@code ReminderPolicy} in
 * {@code openapi/duban.yaml}: every field, type, enum, range and string form), and checks what lies
 * between fields, which a schema cannot say: orders, overlaps and choices (R15, R18, R20, R21).
 * Every such problem is collected with its JSON pointer, so a document is refused once with all of
 * them. Reasons name fields and limits, never the client's values.
 */
final class PolicyReader {
  /** R20: how a profile's due date is given; exactly one of these. */
  private static final List<String> DUE_FIELDS = List.of("within", "quarterlyBy", "replyWithin");
  private static final Comparator<DayTime> IN_MONTH =
      Comparator.comparingInt(DayTime::day).thenComparing(DayTime::time);

  private final List<FieldError> errors = new ArrayList<>();

  /**
   * @throws DocumentFormatException listing each field that breaks a rule between fields
   * @throws IllegalArgumentException if the document does not have the contract's shape: its caller
   *     skipped the schema
   */
  ReminderPolicy read(JsonObject json) {
    ReminderPolicy policy;
    try {
      policy = build(json);
    } catch (ClassCastException | NullPointerException | DateTimeException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the document does not have the contract's ReminderPolicy shape", e);
    }
    if (!errors.isEmpty()) {
      throw new DocumentFormatException("reminder policy", errors);
    }
    return policy;
  }

  private ReminderPolicy build(JsonObject json) {
    List<UrgeBand> bands = bands(json.getJsonObject("urge").getJsonArray("bands"));
    Monthly monthly = monthly(json.getJsonObject("monthly"));
    Optional<Reporting> reporting = Optional.ofNullable(json.getJsonObject("reporting")).map(this::reporting);
    Optional<QuietHours> quiet = Optional.ofNullable(json.getJsonObject("quietHours")).map(this::quietHours);
    return new ReminderPolicy(json.getInteger("version"), deadline(json.getJsonObject("deadline")), bands,
        span(json.getJsonObject("merge").getString("window")), escalation(json.getJsonObject("escalation")),
        weekly(json.getJsonObject("weekly")), monthly, quarterly(json.getJsonObject("quarterly")), reporting, quiet);
  }

  // ---- sections ----

  private static Deadline deadline(JsonObject o) {
    return new Deadline(spans(o.getJsonArray("before")), spans(o.getJsonArray("after")));
  }

  private List<UrgeBand> bands(JsonArray array) {
    List<UrgeBand> bands = list(array, v -> {
      JsonObject band = (JsonObject) v;
      return new UrgeBand(span(band.getString("until")), span(band.getString("every")));
    });
    increasing(bands);
    return bands;
  }

  // R15: each band starts where the one before ends, so the ends must climb
  private void increasing(List<UrgeBand> bands) {
    for (int i = 1; i < bands.size(); i++) {
      Duration previous = bands.get(i - 1).until().fixedLength().orElseThrow();
      if (bands.get(i).until().fixedLength().orElseThrow().compareTo(previous) <= 0) {
        error("/urge/bands/" + i + "/until", "must be longer than /urge/bands/" + (i - 1) + "/until");
      }
    }
  }

  private static Escalation escalation(JsonObject o) {
    return new Escalation(span(o.getString("sponsor")), span(o.getString("keySupervision")));
  }

  private static Weekly weekly(JsonObject o) {
    return new Weekly(span(o.getString("every")), wire(o.getJsonArray("boards"), Board.class),
        wire(o.getJsonArray("longBoards"), Board.class), span(o.getString("longAtLeast")));
  }

  private Monthly monthly(JsonObject o) {
    int days = o.getInteger("urgeDays");
    List<LocalTime> times = list(o.getJsonArray("urgeTimes"), v -> LocalTime.parse((String) v));
    DayTime sponsor = dayTime(o.getJsonObject("sponsorUrge"));
    DayTime handOff = dayTime(o.getJsonObject("handOff"));
    chain(days, times, sponsor, handOff);
    return new Monthly(wire(o.getJsonArray("kinds"), Kind.class), wire(o.getJsonArray("boards"), Board.class), days, times,
        sponsor, handOff);
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

  private static DayTime dayTime(JsonObject o) {
    return new DayTime(o.getInteger("day"), LocalTime.parse(o.getString("time")));
  }

  private static Quarterly quarterly(JsonObject o) {
    return new Quarterly(wire(o.getJsonArray("kinds"), Kind.class), wire(o.getJsonArray("boards"), Board.class),
        LocalTime.parse(o.getString("time")), span(o.getString("fourthQuarterAdvance")));
  }

  // absent (as in version 1) means no reporting deadline is planned (R20)
  private Reporting reporting(JsonObject o) {
    JsonArray array = o.getJsonArray("profiles");
    List<Profile> profiles = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      profiles.add(profile("/reporting/profiles/" + i, array.getJsonObject(i)));
    }
    eachSourceOnce(profiles);
    return new Reporting(profiles, spans(o.getJsonArray("remindBefore")), LocalTime.parse(o.getString("time")));
  }

  private Profile profile(String path, JsonObject o) {
    List<String> given = DUE_FIELDS.stream().filter(o::containsKey).toList();
    if (given.size() != 1) {
      error(path, given.isEmpty() ? "must give one of within, quarterlyBy or replyWithin"
          : "must give only one of within, quarterlyBy or replyWithin, not " + String.join(" and ", given));
    }
    List<MonthDay> dates = o.containsKey("quarterlyBy")
        ? list(o.getJsonArray("quarterlyBy"), v -> MonthDay.parse("--" + v)) : List.of();
    return new Profile(list(o.getJsonArray("sources"), v -> (String) v), optionalSpan(o, "within"), dates,
        optionalSpan(o, "replyWithin"), optionalSpan(o, "earlyReasonBefore"));
  }

  // R20: a source in two profiles would have two due dates
  private void eachSourceOnce(List<Profile> profiles) {
    Map<String, String> first = new HashMap<>();
    for (int i = 0; i < profiles.size(); i++) {
      List<String> sources = profiles.get(i).sources();
      for (int j = 0; j < sources.size(); j++) {
        String path = "/reporting/profiles/" + i + "/sources/" + j;
        String earlier = first.putIfAbsent(sources.get(j), path);
        if (earlier != null) {
          // a source is one of the contract's ten names, not free text
          error(path, "\"" + sources.get(j) + "\" is already listed at " + earlier);
        }
      }
    }
  }

  // absent means nothing is held back (R21: "unless the policy says otherwise")
  private QuietHours quietHours(JsonObject o) {
    LocalTime from = LocalTime.parse(o.getString("from"));
    LocalTime until = LocalTime.parse(o.getString("until"));
    if (from.equals(until)) {
      error("/quietHours/until", "must differ from /quietHours/from");
    }
    return new QuietHours(from, until);
  }

  // ---- values, in the forms the contract has already checked ----

  private static Span span(String text) {
    return Span.parse(text);
  }

  private static Optional<Span> optionalSpan(JsonObject o, String field) {
    return Optional.ofNullable(o.getString(field)).map(Span::parse);
  }

  private static List<Span> spans(JsonArray array) {
    return list(array, v -> span((String) v));
  }

  /** Boards and kinds are spelled as on the HTTP API ({@link ReminderPolicy#wire}). */
  private static <E extends Enum<E>> Set<E> wire(JsonArray array, Class<E> type) {
    return array.stream().map(v -> Enum.valueOf(type, ((String) v).toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
  }

  private static <T> List<T> list(JsonArray array, Function<Object, T> element) {
    return array.stream().map(element).toList();
  }

  private void error(String path, String reason) {
    errors.add(new FieldError(path, reason));
  }
}
