package org.duban.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import org.duban.http.Guard;
import org.duban.fault.Refusal;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs after the bearer token's signature and expiry were checked: the token's session must still be
 * open and its person active, and the person's current role must be one the operation admits.
 * The role is read from the database, so a changed role or a logout takes effect at once.
 */
public final class SessionGuard implements Guard {
  private static final String PRINCIPAL_KEY = "duban.principal";
  private final AuthService auth;

  public SessionGuard(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public Handler<RoutingContext> requiring(Set<String> roleNames, Optional<String> rule) {
    Set<Role> admitted = roleNames.stream().map(Role::fromWire).collect(Collectors.toUnmodifiableSet());
    String names = admitted.stream().map(Role::wire).sorted().collect(Collectors.joining(", "))
        + rule.map(r -> " (" + r + ")").orElse("");
    return rc -> sessionOf(rc.user())
        .map(auth::principal)
        .orElseGet(() -> Future.succeededFuture(Optional.empty()))
        .onFailure(rc::fail)
        .onSuccess(found -> {
          if (found.isEmpty()) {
            rc.fail(Refusal.unauthenticated("the session has ended; sign in again"));
          } else if (!admitted.contains(found.get().role())) {
            rc.fail(Refusal.forbidden("this operation is for: " + names));
          } else {
            rc.put(PRINCIPAL_KEY, found.get());
            rc.next();
          }
        });
  }

  /** The signed-in person this guard admitted; the operations that need one are all guarded. */
  public static Principal principal(RoutingContext rc) {
    Principal principal = rc.get(PRINCIPAL_KEY);
    if (principal == null) throw Refusal.unauthenticated("this operation needs a signed-in person");
    return principal;
  }

  static Optional<UUID> sessionOf(User user) {
    if (user == null) return Optional.empty();
    try {
      return Optional.of(UUID.fromString(user.principal().getString("sid")));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }
}
