package org.duban.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.duban.db.PgErrors;
import org.duban.fault.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The one way out for every failure: whatever went wrong, the client gets
 * {@code application/problem+json} with a stable type, and never a stack trace. Unknown failures are
 * logged with the request id so an operator can find them from the id the client saw.
 */
public final class ErrorFunnel implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorFunnel.class);
  public static final String PROBLEM_JSON = "application/problem+json";
  private final long bodyLimit;
  private final long fileLimit;

  public ErrorFunnel(long bodyLimit, long fileLimit) {
    this.bodyLimit = bodyLimit;
    this.fileLimit = fileLimit;
  }

  @Override
  public void handle(RoutingContext rc) {
    Problem problem = toProblem(rc.failure(), rc.statusCode());
    if (isUnreadableToken(rc, problem)) problem = Problem.of(Refusal.unauthenticated("the bearer token cannot be read"));
    if (problem.status() == 413 && problem.type().equals("/problems/too-large")) problem = tooLarge();
    if (problem.status() == 500) {
      LOG.error("{} {} failed: {}", rc.request().method(), rc.request().path(), problem.detail(), rc.failure());
    } else if (problem.status() > 500) {
      LOG.warn("{} {} answered {}: {}", rc.request().method(), rc.request().path(), problem.status(), problem.detail());
    }
    send(rc, problem);
  }

  private Problem tooLarge() {
    return new Problem(413, "too-large", "Request body too large", "a file upload may be at most " + fileLimit
        + " bytes, any other request body " + bodyLimit + " bytes", List.of(),
        new JsonObject().put("fileLimitBytes", fileLimit).put("bodyLimitBytes", bodyLimit));
  }

  /** The token handler answers 400 for a token it cannot parse; to the client that is a bad token, 401. */
  private static boolean isUnreadableToken(RoutingContext rc, Problem problem) {
    return problem.status() == 400 && rc.failure() instanceof HttpException && rc.user() == null
        && rc.request().getHeader("Authorization") != null && !(rc.failure().getCause() instanceof ValidatorException);
  }

  static void send(RoutingContext rc, Problem problem) {
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      if (!response.ended()) response.reset();
      return;
    }
    if (problem.status() == 401) response.putHeader("WWW-Authenticate", "Bearer");
    problem.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", Long.toString(seconds)));
    response.setStatusCode(problem.status())
        .putHeader("Content-Type", PROBLEM_JSON)
        .end(problem.toJson(rc.request().path(), RequestIds.of(rc)).encode());
  }

  static Problem toProblem(Throwable failure, int status) {
    if (failure instanceof Refusal r) return Problem.of(r);
    if (failure instanceof HttpException http) return fromHttpException(http);
    if (failure instanceof ValidatorException v) return Problem.of(ValidationProblems.from(v));
    if (failure instanceof DecodeException) return Problem.of(Refusal.invalid("", "the body is not well-formed JSON"));
    if (PgErrors.toRefusal(failure, Map.of()) instanceof Refusal mapped) return Problem.of(mapped);
    if (isUnavailable(failure)) return Problem.of(PgErrors.unavailable());
    if (failure == null && status > 0) return fromStatus(status, null);
    return new Problem(500, "internal", "Internal error", "an unexpected error occurred; quote the request id when reporting it", List.of(), null);
  }

  private static Problem fromHttpException(HttpException http) {
    if (http.getCause() instanceof ValidatorException v) return Problem.of(ValidationProblems.from(v));
    if (http.getCause() instanceof Refusal r) return Problem.of(r);
    return fromStatus(http.getStatusCode(), http.getPayload());
  }

  static Problem fromStatus(int status, String detail) {
    return switch (status) {
      case 400 -> Problem.of(Refusal.invalid("", detail == null ? "the request is malformed" : detail));
      case 401 -> Problem.of(Refusal.unauthenticated("a valid, unexpired bearer token is required"));
      case 403 -> Problem.of(Refusal.forbidden(detail == null ? "your role may not do this" : detail));
      case 404 -> new Problem(404, "not-found", "Not found", "no such resource", List.of(), null);
      case 405 -> new Problem(405, "method-not-allowed", "Method not allowed", "this resource does not accept that method", List.of(), null);
      case 413 -> new Problem(413, "too-large", "Request body too large", "the body is larger than the server accepts", List.of(), null);
      case 415 -> new Problem(415, "unsupported-media-type", "Unsupported media type", "send application/json", List.of(), null);
      case 503 -> new Problem(503, "unavailable", "Temporarily unavailable", "the server is busy or shutting down; retry shortly", List.of(), null);
      default -> new Problem(status, "http-" + status, HttpResponseStatus.valueOf(status).reasonPhrase(),
          detail == null ? HttpResponseStatus.valueOf(status).reasonPhrase() : detail, List.of(), null);
    };
  }

  private static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketException || t instanceof TimeoutException
          || t instanceof ClosedConnectionException
          || t.getClass().getSimpleName().contains("Timeout") || t.getClass().getSimpleName().contains("PoolTooBusy")) {
        return true;
      }
    }
    return false;
  }
}
