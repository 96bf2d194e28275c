package org.duban.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.Set;

/** Admits a request when its signed-in person's role is one of an operation's {@code x-roles} (their wire names). */
@FunctionalInterface
public interface Guard {
  /** @param rule the operation's {@code x-rule}, named in the refusal where there is one */
  Handler<RoutingContext> requiring(Set<String> roles, Optional<String> rule);
}
