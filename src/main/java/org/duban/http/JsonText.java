package org.duban.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.duban.fault.FieldError;
import org.duban.fault.Refusal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every string of a JSON body, keys included, must be text PostgreSQL stores as sent. Two things are
 * not: an unpaired surrogate ({@code "\ud800"}, or its raw CESU-8 bytes), which the driver would
 * store as "?", and NUL, which PostgreSQL refuses without saying where. Both are refused here, in one
 * place for every JSON body and before any handler, naming each string by its JSON pointer.
 */
final class JsonText implements Handler<RoutingContext> {
  private static final JsonFactory JSON = new JsonFactory();
  private static final char REPLACEMENT = '\uFFFD';

  @Override
  public void handle(RoutingContext rc) {
    Buffer body = Boolean.TRUE.equals(rc.get(Bodies.JSON_BODY)) && rc.body() != null ? rc.body().buffer() : null;
    List<FieldError> found = body == null || body.length() == 0 ? List.of() : unstorable(body);
    if (found.isEmpty()) rc.next();
    else rc.fail(Refusal.invalid(found));
  }

  /** Each string that cannot be stored, up to as many as a problem lists; none for JSON that does not parse. */
  static List<FieldError> unstorable(Buffer body) {
    List<FieldError> found = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body.getBytes())) {
      for (JsonToken token = parser.nextToken(); token != null && found.size() < Problem.MAX_ERRORS; token = parser.nextToken()) {
        if (token != JsonToken.FIELD_NAME && token != JsonToken.VALUE_STRING) continue;
        String flaw = flaw(parser.getText());
        if (flaw == null) continue;
        String pointer = printable(parser.getParsingContext().pathAsPointer().toString());
        found.add(new FieldError(pointer, (token == JsonToken.FIELD_NAME ? "the key holds " : "holds ") + flaw));
      }
    } catch (IOException notJson) {
      // the contract's validator says what is wrong with it
      return List.of();
    }
    return found;
  }

  /** What makes the text unstorable, or null. */
  static String flaw(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) return "U+0000 (NUL), which cannot be stored";
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format("an unpaired surrogate (U+%04X), which is not text", (int) c);
      }
    }
    return null;
  }

  /** The pointer as a problem can carry it: what is not text shown as U+FFFD. */
  private static String printable(String pointer) {
    StringBuilder out = new StringBuilder(pointer.length());
    for (int i = 0; i < pointer.length(); i++) {
      char c = pointer.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < pointer.length() && Character.isLowSurrogate(pointer.charAt(i + 1));
      if (pair) {
        out.append(c).append(pointer.charAt(++i));
      } else {
        out.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    return out.toString();
  }
}
