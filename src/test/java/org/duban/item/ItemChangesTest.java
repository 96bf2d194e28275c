package org.duban.item;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A transaction's one notification names what changed, never the data, and stays far below PostgreSQL's 8,000 bytes. */
class ItemChangesTest {

  @Test
  void aFewItemsAreNamedWithTheRangeOfTheirEvents() {
    ItemChanges changes = new ItemChanges();
    changes.appended(7, List.of(41L, 42L));
    changes.appended(3, List.of(43L));
    ItemChanges.Heard heard = ItemChanges.Heard.parse(changes.payload());
    assertThat(heard.items()).contains(List.of(3L, 7L));
    assertThat(heard.firstEvent()).isEqualTo(41);
    assertThat(heard.lastEvent()).isEqualTo(43);
  }

  @Test
  void manyItemsAreCountedNotListedSoThePayloadStaysSmall() {
    ItemChanges changes = new ItemChanges();
    LongStream.rangeClosed(1, 100_000).forEach(i -> changes.appended(1_000_000_000L + i, List.of(9_000_000_000L + i)));
    String payload = changes.payload();
    assertThat(payload.length()).isLessThan(200);
    ItemChanges.Heard heard = ItemChanges.Heard.parse(payload);
    assertThat(heard.items()).isEmpty();
    assertThat(heard.firstEvent()).isEqualTo(9_000_000_001L);
    assertThat(heard.lastEvent()).isEqualTo(9_000_100_000L);
    assertThat(new JsonObject(payload).getInteger("many")).isEqualTo(100_000);
  }

  @Test
  void atTheLimitEveryItemIsStillNamedWellUnderEightThousandBytes() {
    ItemChanges changes = new ItemChanges();
    LongStream.rangeClosed(1, ItemChanges.NAMED_AT_MOST).forEach(i -> changes.appended(Long.MAX_VALUE - i, List.of(Long.MAX_VALUE - i)));
    assertThat(changes.payload().getBytes().length).isLessThan(8_000);
    assertThat(ItemChanges.Heard.parse(changes.payload()).items().orElseThrow()).hasSize(ItemChanges.NAMED_AT_MOST);
  }

  @Test
  void aTransactionThatAppendedNothingHasNothingToSay() {
    ItemChanges changes = new ItemChanges();
    changes.appended(5, List.of());
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void aPayloadNoTransactionOfOursWritesIsRefused() {
    for (String odd : List.of("", "x", "{}", "{\"first\":2,\"last\":1,\"items\":[1]}", "{\"first\":1,\"last\":2}")) {
      assertThatThrownBy(() -> ItemChanges.Heard.parse(odd)).as(odd).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(ItemChanges.Heard.parse("{\"first\":1,\"last\":1,\"many\":3}").items()).isEqualTo(Optional.empty());
  }
}
