package org.duban.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarDataTest {

  private static JsonObject resource(String name) throws IOException {
    try (InputStream in = CalendarDataTest.class.getClassLoader()
        .getResourceAsStream("calendar/" + name)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void indexListsTheShippedFilesInOrder_R12() {
    assertThat(CalendarData.fileNames()).containsExactly("prc-2025.json", "prc-2026.json");
  }

  @Test
  void shippedYearsParseWithTheirHolidaysAndMakeUpDays_R12() {
    List<CalendarYear> years = CalendarData.shipped();
    assertThat(years).extracting(CalendarYear::year).containsExactly(2025, 2026);
    assertThat(years.get(0).holidays()).hasSize(6);
    assertThat(years.get(0).makeUpWorkdays()).hasSize(5);
    assertThat(years.get(1).holidays()).hasSize(7);
    assertThat(years.get(1).makeUpWorkdays()).hasSize(6);
    assertThat(years.get(1).holidays().get(1))
        .isEqualTo(new CalendarYear.Holiday("春节", LocalDate.parse("2026-02-15"),
            LocalDate.parse("2026-02-23")));
  }

  @Test
  void shippedYearsRoundTripToTheSameJson_R12() throws IOException {
    List<CalendarYear> years = CalendarData.shipped();
    assertThat(years.get(0).toJson()).isEqualTo(resource("prc-2025.json"));
    assertThat(years.get(1).toJson()).isEqualTo(resource("prc-2026.json"));
    assertThat(CalendarYear.fromJson(years.get(1).toJson())).isEqualTo(years.get(1));
  }

  @Test
  void shippedSourcesNameTheStateCouncilNotice_R12() {
    assertThat(CalendarData.shipped())
        .allSatisfy(y -> assertThat(y.source()).contains("国务院办公厅").contains(y.year() + "年"));
  }
}
