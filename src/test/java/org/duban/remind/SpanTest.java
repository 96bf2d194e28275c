package org.duban.remind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.duban.time.Zones;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ISO amounts of the policy, applied in Shanghai (R11). */
class SpanTest {
  private static ZonedDateTime at(String local) {
    return LocalDateTime.parse(local).atZone(Zones.SHANGHAI);
  }

  @ParameterizedTest
  @CsvSource({
      "PT5H,    2026-03-09T10:00, 2026-03-09T15:00",
      "P1D,     2026-03-09T10:00, 2026-03-10T10:00",
      "P1DT2H,  2026-03-09T10:00, 2026-03-10T12:00",
      "P1M,     2026-01-31T10:00, 2026-02-28T10:00",
      "P1M,     2028-01-31T10:00, 2028-02-29T10:00",
      "P1M,     2026-03-31T10:00, 2026-04-30T10:00",
      "P1W,     2026-12-28T10:00, 2027-01-04T10:00"})
  void spanIsAddedOnTheShanghaiCalendar_R11(String span, String from, String to) {
    assertThat(Span.parse(span).after(at(from))).isEqualTo(at(to));
  }

  @ParameterizedTest
  @CsvSource({"PT5H, 2026-03-09T10:00, 2026-03-09T05:00", "P7D, 2025-12-31T00:00, 2025-12-24T00:00"})
  void spanIsSubtractedOnTheShanghaiCalendar_R11(String span, String from, String to) {
    assertThat(Span.parse(span).before(at(from))).isEqualTo(at(to));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "P", "PT", "5H", "P1DT", "-PT5H", "PT-5H", "P-1D", "P1Y-1M", "1 day"})
  void spanRejectsWhatIsNotANonNegativeIsoAmount_R13(String text) {
    assertThatThrownBy(() -> Span.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
  }

  @ParameterizedTest
  @CsvSource({"PT30M, PT30M", "P2D, PT48H", "P1DT1H, PT25H"})
  void daysAndTimesHaveAFixedLength_R15(String span, String length) {
    assertThat(Span.parse(span).fixedLength()).contains(Duration.parse(length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"P1M", "P1Y", "P1MT1H"})
  void monthsAndYearsHaveNoFixedLength_R17(String span) {
    assertThat(Span.parse(span).fixedLength()).isEmpty();
  }
}
