package org.duban.time;

import org.duban.fault.DocumentFormatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.duban.fault.FieldError;
import org.junit.jupiter.api.Test;

class CalendarYearTest {

  private static JsonObject holiday(String name, String from, String to) {
    return new JsonObject().put("name", name).put("from", from).put("to", to);
  }

  private static JsonObject makeUp(String name, String date) {
    return new JsonObject().put("name", name).put("date", date);
  }

  /** A valid 2026 year in the shared format, for each test to break in one place. */
  private static JsonObject valid() {
    return new JsonObject()
        .put("year", 2026)
        .put("source", "国务院办公厅关于2026年部分节假日安排的通知")
        .put("holidays", new JsonArray()
            .add(holiday("元旦", "2026-01-01", "2026-01-03"))
            .add(holiday("春节", "2026-02-15", "2026-02-23")))
        .put("makeUpWorkdays", new JsonArray()
            .add(makeUp("元旦", "2026-01-04"))
            .add(makeUp("春节", "2026-02-14")));
  }

  private static List<FieldError> errorsOf(JsonObject json) {
    DocumentFormatException e =
        catchThrowableOfType(DocumentFormatException.class, () -> CalendarYear.fromJson(json));
    assertThat(e).as("expected a format error for %s", json.encode()).isNotNull();
    return e.errors();
  }

  private static List<String> fieldsOf(JsonObject json) {
    return errorsOf(json).stream().map(FieldError::field).toList();
  }

  private static JsonObject holidayAt(JsonObject json, int i) {
    return json.getJsonArray("holidays").getJsonObject(i);
  }

  private static JsonObject makeUpAt(JsonObject json, int i) {
    return json.getJsonArray("makeUpWorkdays").getJsonObject(i);
  }

  @Test
  void validYearParsesAndRoundTrips_R12() {
    CalendarYear year = CalendarYear.fromJson(valid());
    assertThat(year.year()).isEqualTo(2026);
    assertThat(year.makeUpWorkdays().get(1).date()).isEqualTo(LocalDate.parse("2026-02-14"));
    assertThat(year.toJson()).isEqualTo(valid());
  }

  @Test
  void emptyListsAreAllowed_R12() {
    JsonObject json = valid().put("holidays", new JsonArray()).put("makeUpWorkdays", new JsonArray());
    assertThat(CalendarYear.fromJson(json).holidays()).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPath_R12() {
    JsonObject json = valid().put("year", 1999).put("source", " ").put("note", "x");
    holidayAt(json, 0).put("name", "");
    holidayAt(json, 1).put("from", "2026-2-15");
    makeUpAt(json, 1).put("date", "2026-03-02");
    assertThat(fieldsOf(json)).containsExactlyInAnyOrder(
        "/note", "/year", "/source", "/holidays/0/name", "/holidays/1/from",
        "/makeUpWorkdays/1/date");
  }

  @Test
  void missingFieldsAreRequired_R12() {
    JsonObject json = new JsonObject().put("holidays", new JsonArray().add(new JsonObject()));
    assertThat(errorsOf(json)).containsExactlyInAnyOrder(
        new FieldError("/year", "is required"),
        new FieldError("/source", "is required"),
        new FieldError("/holidays/0/name", "is required"),
        new FieldError("/holidays/0/from", "is required"),
        new FieldError("/holidays/0/to", "is required"),
        new FieldError("/makeUpWorkdays", "is required"));
  }

  @Test
  void wrongJsonTypesAreReportedOncePerField_R12() {
    JsonObject json = valid().put("year", "2026").put("source", 7).put("holidays", "none");
    json.getJsonArray("makeUpWorkdays").add("2026-02-28");
    assertThat(errorsOf(json)).containsExactlyInAnyOrder(
        new FieldError("/year", "must be a whole number"),
        new FieldError("/source", "must be a string"),
        new FieldError("/holidays", "must be an array"),
        new FieldError("/makeUpWorkdays/2", "must be an object"));
  }

  @Test
  void yearOutsideTwoThousandToTwentyOneHundredIsRejected_R12() {
    assertThat(fieldsOf(valid().put("year", 2101))).contains("/year");
    assertThat(fieldsOf(valid().put("year", 10_000_000_000L))).contains("/year");
  }

  @Test
  void impossibleDateIsRejected_R12() {
    JsonObject json = valid();
    holidayAt(json, 1).put("to", "2026-02-30");
    assertThat(errorsOf(json))
        .containsExactly(new FieldError("/holidays/1/to", "is not a calendar date: 2026-02-30"));
  }

  @Test
  void nonIsoDateFormsAreRejected_R12() {
    JsonObject json = valid();
    holidayAt(json, 0).put("from", "2026/01/01").put("to", "+2026-01-03");
    assertThat(errorsOf(json)).extracting(FieldError::field)
        .containsExactly("/holidays/0/from", "/holidays/0/to");
    assertThat(errorsOf(json)).allSatisfy(e -> assertThat(e.reason()).contains("yyyy-MM-dd"));
  }

  @Test
  void holidayEndingBeforeItStartsIsRejected_R12() {
    JsonObject json = valid();
    holidayAt(json, 1).put("to", "2026-02-14");
    assertThat(fieldsOf(json)).containsExactly("/holidays/1/to");
  }

  @Test
  void holidayStartingOutsideTheYearIsRejected_R12() {
    JsonObject json = valid();
    holidayAt(json, 0).put("from", "2025-12-31");
    assertThat(fieldsOf(json)).containsExactly("/holidays/0/from");
  }

  @Test
  void holidayMayRunIntoTheNextYear_R12() {
    JsonObject json = valid();
    json.getJsonArray("holidays").add(holiday("元旦", "2026-12-31", "2027-01-02"));
    assertThat(CalendarYear.fromJson(json).holidays()).hasSize(3);
  }

  @Test
  void holidayLongerThanThirtyOneDaysAfterItsStartIsRejected_R12() {
    JsonObject json = valid();
    json.getJsonArray("holidays").add(holiday("长假", "2026-12-01", "2027-01-02"));
    assertThat(fieldsOf(json)).containsExactly("/holidays/2/to");
  }

  @Test
  void overlappingHolidaysAreRejectedOnTheLaterOne_R12() {
    JsonObject json = valid();
    json.getJsonArray("holidays").add(holiday("重复", "2026-02-23", "2026-02-24"));
    assertThat(errorsOf(json)).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("/holidays/2/from");
      assertThat(e.reason()).contains("/holidays/1").contains("春节");
    });
  }

  @Test
  void holidaysListedOutOfDateOrderAreNotOverlaps_R12() {
    JsonObject json = valid();
    JsonArray reversed = new JsonArray().add(holidayAt(json, 1)).add(holidayAt(json, 0));
    assertThat(CalendarYear.fromJson(json.put("holidays", reversed)).holidays()).hasSize(2);
  }

  @Test
  void makeUpDayOnAWeekdayIsRejected_R12() {
    JsonObject json = valid();
    makeUpAt(json, 0).put("date", "2026-01-05");
    assertThat(errorsOf(json)).containsExactly(new FieldError("/makeUpWorkdays/0/date",
        "must be a Saturday or Sunday, but 2026-01-05 is a Monday"));
  }

  @Test
  void makeUpDayOutsideTheYearIsRejected_R12() {
    JsonObject json = valid();
    makeUpAt(json, 0).put("date", "2027-01-02");
    assertThat(fieldsOf(json)).containsExactly("/makeUpWorkdays/0/date");
  }

  @Test
  void makeUpDayInsideAHolidayIsRejected_R12() {
    JsonObject json = valid();
    makeUpAt(json, 1).put("date", "2026-02-21");
    assertThat(errorsOf(json)).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("/makeUpWorkdays/1/date");
      assertThat(e.reason()).contains("/holidays/1");
    });
  }

  @Test
  void repeatedMakeUpDayIsRejected_R12() {
    JsonObject json = valid();
    json.getJsonArray("makeUpWorkdays").add(makeUp("春节", "2026-02-14"));
    assertThat(fieldsOf(json)).containsExactly("/makeUpWorkdays/2/date");
  }

  @Test
  void namesMustBeNonBlankAndAtMostOneHundredCharacters_R12() {
    JsonObject json = valid();
    holidayAt(json, 0).put("name", "节".repeat(100));
    holidayAt(json, 1).put("name", "节".repeat(101));
    makeUpAt(json, 0).put("name", "\t");
    assertThat(fieldsOf(json)).containsExactly("/holidays/1/name", "/makeUpWorkdays/0/name");
  }

  @Test
  void unknownFieldsInsideEntriesAreRejected_R12() {
    JsonObject json = valid();
    holidayAt(json, 0).put("days", 3);
    assertThat(fieldsOf(json)).containsExactly("/holidays/0/days");
  }

  @Test
  void messageListsEveryProblem_R12() {
    JsonObject json = valid().put("year", 1999).put("source", "");
    assertThatThrownBy(() -> CalendarYear.fromJson(json))
        .hasMessageContaining("/year: must be between 2000 and 2100")
        .hasMessageContaining("/source: must not be blank");
  }

  @Test
  void constructorAppliesTheSameRules_R12() {
    LocalDate monday = LocalDate.parse("2026-01-05");
    DocumentFormatException e = catchThrowableOfType(DocumentFormatException.class,
        () -> new CalendarYear(2026, "x", List.of(), List.of(new CalendarYear.MakeUpDay("a", monday))));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("/makeUpWorkdays/0/date");
  }

  @Test
  void listsAreCopiedAndUnmodifiable_R12() {
    CalendarYear year = CalendarYear.fromJson(valid());
    assertThatThrownBy(() -> year.holidays().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
