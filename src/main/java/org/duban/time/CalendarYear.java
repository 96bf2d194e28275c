package org.duban.time;

import org.duban.fault.DocumentFormatException;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.duban.fault.FieldError;

/**
 * One year of the PRC work calendar as published by the State Council (R12): public holidays
 * (inclusive date ranges off work) and make-up working days (调休, weekend days that are
 * worked). Every other weekend day is off and every other weekday is worked; that part is not
 * stored. The JSON form is the one of the shared {@code calendar/prc-YYYY.json} files.
 *
 * <p>Construction validates everything and throws {@link DocumentFormatException} listing all
 * problems, so an instance is always consistent; the nested records are plain carriers.
 */
public record CalendarYear(
    int year, String source, List<Holiday> holidays, List<MakeUpDay> makeUpWorkdays) {

  public static final int MIN_YEAR = 2000;
  public static final int MAX_YEAR = 2100;
  public static final int MAX_NAME_LENGTH = 100;
  /** A Spring Festival break that starts late in December may run into January, never further. */
  public static final int MAX_HOLIDAY_SPAN_DAYS = 31;

  /** Days off from {@code from} to {@code to}, both inclusive. */
  public record Holiday(String name, LocalDate from, LocalDate to) {
    public boolean contains(LocalDate date) {
      return !date.isBefore(from) && !date.isAfter(to);
    }
  }

  /** A Saturday or Sunday that is a working day, named after the holiday it pays for. */
  public record MakeUpDay(String name, LocalDate date) {}

  public CalendarYear {
    List<FieldError> errors = new Rules(year).check(source, holidays, makeUpWorkdays);
    if (!errors.isEmpty()) {
      throw new DocumentFormatException("calendar year", errors);
    }
    holidays = List.copyOf(holidays);
    makeUpWorkdays = List.copyOf(makeUpWorkdays);
  }

  /**
   * Reads the shared file format, reporting every problem at once.
   *
   * @throws DocumentFormatException listing each bad field by its JSON path
   */
  public static CalendarYear fromJson(JsonObject json) {
    Objects.requireNonNull(json, "json");
    Reader reader = new Reader();
    reader.rejectUnknown("", json, TOP_LEVEL_FIELDS);
    int year = reader.year(json);
    String source = reader.text("/source", json.getValue("source"));
    List<Holiday> holidays = reader.array("/holidays", json.getValue("holidays"), reader::holiday);
    List<MakeUpDay> makeUps =
        reader.array("/makeUpWorkdays", json.getValue("makeUpWorkdays"), reader::makeUp);
    List<FieldError> errors = reader.merge(new Rules(year).check(source, holidays, makeUps));
    if (!errors.isEmpty()) {
      throw new DocumentFormatException("calendar year", errors);
    }
    return new CalendarYear(year, source, holidays, makeUps);
  }

  /** The shared file format; {@code fromJson(y.toJson())} equals {@code y}. */
  public JsonObject toJson() {
    JsonArray hs = new JsonArray();
    holidays.forEach(h -> hs.add(new JsonObject()
        .put("name", h.name()).put("from", h.from().toString()).put("to", h.to().toString())));
    JsonArray ms = new JsonArray();
    makeUpWorkdays.forEach(m ->
        ms.add(new JsonObject().put("name", m.name()).put("date", m.date().toString())));
    return new JsonObject()
        .put("year", year).put("source", source).put("holidays", hs).put("makeUpWorkdays", ms);
  }

  private static final Set<String> TOP_LEVEL_FIELDS =
      Set.of("year", "source", "holidays", "makeUpWorkdays");
  private static final Set<String> HOLIDAY_FIELDS = Set.of("name", "from", "to");
  private static final Set<String> MAKE_UP_FIELDS = Set.of("name", "date");
  // tells a malformed date apart from an impossible one (2025-02-30), so the reason says which
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /**
   * JSON-level problems (types, syntax, unknown fields). Missing values become null and are
   * left to {@link Rules}, which then reports them once, as "is required".
   */
  private static final class Reader {
    private final List<FieldError> errors = new ArrayList<>();

    int year(JsonObject json) {
      Object value = json.getValue("year");
      // an int cannot carry "missing" on to Rules, so it is reported here
      if (value == null) {
        errors.add(new FieldError("/year", "is required"));
        return 0;
      }
      if (!(value instanceof Integer || value instanceof Long)) {
        errors.add(new FieldError("/year", "must be a whole number"));
        return 0;
      }
      // a huge number must still fail the range check, not wrap into it
      long y = ((Number) value).longValue();
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, y));
    }

    String text(String path, Object value) {
      if (value == null || value instanceof String) {
        return (String) value;
      }
      errors.add(new FieldError(path, "must be a string"));
      return null;
    }

    LocalDate date(String path, Object value) {
      String s = text(path, value);
      if (s == null) {
        return null;
      }
      if (!ISO_DATE.matcher(s).matches()) {
        errors.add(new FieldError(path, "must be a date in yyyy-MM-dd form, not \"" + s + "\""));
        return null;
      }
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        errors.add(new FieldError(path, "is not a calendar date: " + s));
        return null;
      }
    }

    <T> List<T> array(String path, Object value, BiFunction<String, JsonObject, T> entry) {
      if (value == null) {
        return null;
      }
      if (!(value instanceof JsonArray array)) {
        errors.add(new FieldError(path, "must be an array"));
        return null;
      }
      List<T> out = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        out.add(element(path + "/" + i, array.getValue(i), entry));
      }
      return out;
    }

    // a non-object still takes its slot, so later indexes stay those of the input
    private <T> T element(String path, Object value, BiFunction<String, JsonObject, T> entry) {
      if (value instanceof JsonObject object) {
        return entry.apply(path, object);
      }
      errors.add(new FieldError(path, "must be an object"));
      return null;
    }

    Holiday holiday(String path, JsonObject o) {
      rejectUnknown(path, o, HOLIDAY_FIELDS);
      return new Holiday(text(path + "/name", o.getValue("name")),
          date(path + "/from", o.getValue("from")), date(path + "/to", o.getValue("to")));
    }

    MakeUpDay makeUp(String path, JsonObject o) {
      rejectUnknown(path, o, MAKE_UP_FIELDS);
      return new MakeUpDay(
          text(path + "/name", o.getValue("name")), date(path + "/date", o.getValue("date")));
    }

    // unknown fields would be dropped silently and break the round trip
    void rejectUnknown(String path, JsonObject o, Set<String> known) {
      o.fieldNames().stream().filter(f -> !known.contains(f)).sorted()
          .forEach(f -> errors.add(new FieldError(path + "/" + f, "is not a known field")));
    }

    /** Drops rule errors on (or under) a field that already failed here: one cause, one error. */
    List<FieldError> merge(List<FieldError> ruleErrors) {
      List<FieldError> all = new ArrayList<>(errors);
      ruleErrors.stream().filter(r -> errors.stream().noneMatch(e -> covers(e, r))).forEach(all::add);
      return all;
    }

    private static boolean covers(FieldError outer, FieldError inner) {
      return inner.field().equals(outer.field()) || inner.field().startsWith(outer.field() + "/");
    }
  }

  /** The calendar's own rules, on already-typed values that may still be missing (null). */
  private static final class Rules {
    private final int year;
    private final boolean yearKnown;
    private final List<FieldError> errors = new ArrayList<>();

    Rules(int year) {
      this.year = year;
      this.yearKnown = year >= MIN_YEAR && year <= MAX_YEAR;
    }

    List<FieldError> check(String source, List<Holiday> holidays, List<MakeUpDay> makeUps) {
      if (!yearKnown) {
        error("/year", "must be between " + MIN_YEAR + " and " + MAX_YEAR);
      }
      checkSource(source);
      checkList("/holidays", holidays, this::checkHoliday);
      checkList("/makeUpWorkdays", makeUps, this::checkMakeUp);
      if (holidays != null && makeUps != null) {
        checkOverlaps(holidays);
        checkMakeUpsAgainst(holidays, makeUps);
      }
      return errors;
    }

    private void checkSource(String source) {
      if (source == null) {
        error("/source", "is required");
      } else if (source.isBlank()) {
        error("/source", "must not be blank");
      }
    }

    private <T> void checkList(String path, List<T> list, BiConsumer<String, T> entry) {
      if (list == null) {
        error(path, "is required");
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          error(path + "/" + i, "is required");
        } else {
          entry.accept(path + "/" + i, list.get(i));
        }
      }
    }

    private void checkHoliday(String path, Holiday h) {
      checkName(path + "/name", h.name());
      if (required(path + "/from", h.from()) && yearKnown && h.from().getYear() != year) {
        error(path + "/from", "must be within " + year);
      }
      if (required(path + "/to", h.to()) && h.from() != null) {
        checkEnd(path + "/to", h.from(), h.to());
      }
    }

    private void checkEnd(String path, LocalDate from, LocalDate to) {
      if (to.isBefore(from)) {
        error(path, "must not be before from (" + from + ")");
      } else if (ChronoUnit.DAYS.between(from, to) > MAX_HOLIDAY_SPAN_DAYS) {
        error(path, "must be at most " + MAX_HOLIDAY_SPAN_DAYS + " days after from (" + from + ")");
      }
    }

    private void checkMakeUp(String path, MakeUpDay m) {
      checkName(path + "/name", m.name());
      LocalDate d = m.date();
      if (!required(path + "/date", d)) {
        return;
      }
      if (yearKnown && d.getYear() != year) {
        error(path + "/date", "must be within " + year);
      }
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        error(path + "/date", "must be a Saturday or Sunday, but " + d + " is a "
            + display(d.getDayOfWeek()));
      }
    }

    private void checkName(String path, String name) {
      if (!required(path, name)) {
        return;
      }
      if (name.isBlank()) {
        error(path, "must not be blank");
      } else if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
        error(path, "must be at most " + MAX_NAME_LENGTH + " characters");
      }
    }

    private void checkOverlaps(List<Holiday> holidays) {
      for (int j = 0; j < holidays.size(); j++) {
        for (int i = 0; i < j; i++) {
          if (usable(holidays.get(i)) && usable(holidays.get(j))
              && overlap(holidays.get(i), holidays.get(j))) {
            error("/holidays/" + j + "/from", "overlaps " + describe(i, holidays.get(i)));
          }
        }
      }
    }

    private void checkMakeUpsAgainst(List<Holiday> holidays, List<MakeUpDay> makeUps) {
      for (int k = 0; k < makeUps.size(); k++) {
        MakeUpDay m = makeUps.get(k);
        if (m == null || m.date() == null) {
          continue;
        }
        for (int i = 0; i < holidays.size(); i++) {
          if (usable(holidays.get(i)) && holidays.get(i).contains(m.date())) {
            error("/makeUpWorkdays/" + k + "/date", "falls inside " + describe(i, holidays.get(i)));
          }
        }
        checkRepeated(makeUps, k);
      }
    }

    private void checkRepeated(List<MakeUpDay> makeUps, int k) {
      for (int i = 0; i < k; i++) {
        MakeUpDay earlier = makeUps.get(i);
        if (earlier != null && makeUps.get(k).date().equals(earlier.date())) {
          error("/makeUpWorkdays/" + k + "/date", "repeats /makeUpWorkdays/" + i);
          return;
        }
      }
    }

    private boolean required(String path, Object value) {
      if (value == null) {
        error(path, "is required");
      }
      return value != null;
    }

    private void error(String path, String reason) {
      errors.add(new FieldError(path, reason));
    }

    // entries with a missing or reversed range already have their own error
    private static boolean usable(Holiday h) {
      return h != null && h.from() != null && h.to() != null && !h.to().isBefore(h.from());
    }

    private static boolean overlap(Holiday a, Holiday b) {
      return !a.from().isAfter(b.to()) && !b.from().isAfter(a.to());
    }

    private static String describe(int index, Holiday h) {
      return "/holidays/" + index + " (" + h.name() + " " + h.from() + ".." + h.to() + ")";
    }

    private static String display(DayOfWeek day) {
      String n = day.name();
      return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }
  }
}
