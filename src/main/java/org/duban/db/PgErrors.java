package org.duban.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import org.duban.fault.Refusal;
import org.duban.fault.Refusal.Kind;
import org.duban.fault.FieldError;

import java.util.List;

import java.util.Map;
import java.util.function.Function;

/**
 * Turns PostgreSQL's refusals into problems a client can act on: a unique key is a 409, a missing
 * reference or a broken check a 422, and a serialization failure a 409 to retry. Repositories pass
 * the names of their constraints with the request field each one guards.
 */
public final class PgErrors {
  static final String UNIQUE_VIOLATION = "23505";
  static final String FOREIGN_KEY_VIOLATION = "23503";
  static final String CHECK_VIOLATION = "23514";
  static final String NOT_NULL_VIOLATION = "23502";
  static final String STRING_TOO_LONG = "22001";
  static final String SERIALIZATION_FAILURE = "40001";
  static final String DEADLOCK = "40P01";
  static final String UNTRANSLATABLE = "22P05";
  static final String NOT_IN_REPERTOIRE = "22021";
  static final String QUERY_CANCELED = "57014";
  static final String LOCK_NOT_AVAILABLE = "55P03";

  private PgErrors() {
  }

  /**
   * Connection trouble (08), exhausted resources (53) and a server shutting down (57P) pass with time;
   * so does any FATAL refusal, which PostgreSQL only gives while opening or ending a connection.
   */
  static boolean isUnavailable(String sqlState) {
    return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P");
  }

  public static Refusal unavailable() {
    return Refusal.unavailable("unavailable", "Temporarily unavailable", "the database did not answer; retry shortly", null);
  }

  /** For {@code future.recover(PgErrors.translate(...))}: maps known refusals, passes the rest on. */
  public static <T> Function<Throwable, Future<T>> translate(Map<String, String> constraintFields) {
    return failure -> Future.failedFuture(toRefusal(failure, constraintFields));
  }

  public static Throwable toRefusal(Throwable failure, Map<String, String> constraintFields) {
    if (!(failure instanceof PgException pg) || pg.getSqlState() == null) return failure;
    String field = constraintFields.getOrDefault(String.valueOf(pg.getConstraint()), String.valueOf(pg.getConstraint()));
    return switch (pg.getSqlState()) {
      case UNIQUE_VIOLATION -> new Refusal(Kind.CONFLICT, "duplicate", "Already exists",
          "another record already has this value", List.of(new FieldError(field, "must be unique")), null);
      case FOREIGN_KEY_VIOLATION -> Refusal.unprocessable(field, "refers to something that does not exist or is still in use");
      case CHECK_VIOLATION, NOT_NULL_VIOLATION -> Refusal.unprocessable(field, "breaks the rule " + field);
      case STRING_TOO_LONG -> Refusal.unprocessable(String.valueOf(pg.getColumn()), "is too long");
      case SERIALIZATION_FAILURE, DEADLOCK -> Refusal.conflict("a concurrent change got there first; retry");
      case UNTRANSLATABLE, NOT_IN_REPERTOIRE -> Refusal.invalid("",
          "contains a character that cannot be stored, such as \\u0000");
      case QUERY_CANCELED, LOCK_NOT_AVAILABLE -> unavailable();
      default -> isUnavailable(pg.getSqlState()) || "FATAL".equals(pg.getSeverity()) ? unavailable() : failure;
    };
  }
}
