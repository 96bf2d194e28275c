package org.duban.item;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.duban.db.Rows;
import org.duban.fault.Refusal;
import org.duban.time.WorkCalendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Keyset pages over the urgency order: the cursor is the last row's (urgency, id), opaque to clients,
 * so a page never skips or repeats an item while others are added.
 */
final class Paging {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  private static final String NO_DEADLINE = "none";

  private Paging() {
  }

  /** {@code rows} holds one row more than the page when there is a next page. */
  static JsonObject page(List<Row> rows, int limit, Instant now, WorkCalendar calendar) {
    List<Row> page = rows.subList(0, Math.min(limit, rows.size()));
    JsonObject result = new JsonObject().put("items",
        new JsonArray(page.stream().map(r -> ItemQueries.summaryJson(r, now, calendar)).toList()));
    if (rows.size() > limit) result.put("nextCursor", encode(page.get(page.size() - 1)));
    return result;
  }

  static String encode(Row last) {
    Instant urgency = Rows.instant(last, "next_deadline");
    String text = (urgency == null ? NO_DEADLINE : urgency.toString()) + "|" + last.getLong("id");
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static Optional<ItemQueries.Cursor> decode(Optional<String> cursor) {
    return cursor.map(Paging::decode);
  }

  private static ItemQueries.Cursor decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
      OffsetDateTime urgency = NO_DEADLINE.equals(parts[0]) ? OffsetDateTime.MAX : Instant.parse(parts[0]).atOffset(ZoneOffset.UTC);
      if (urgency != OffsetDateTime.MAX && (urgency.getYear() < 1970 || urgency.getYear() > 2200)) throw new IllegalArgumentException();
      return new ItemQueries.Cursor(urgency, Long.parseLong(parts[1]));
    } catch (RuntimeException e) {
      throw Refusal.invalid("cursor", "is not a cursor this server gave out");
    }
  }
}
