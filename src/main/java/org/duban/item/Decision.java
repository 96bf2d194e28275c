package org.duban.item;

import java.util.List;

/** What the lifecycle answers a command: the next state and its events, or a refusal with a reason. */
public sealed interface Decision {

  record Accepted(Item item, List<Event> events) implements Decision {
  }

  /** @param rule the rule ID the refusal rests on, where one does */
  record Refused(Kind kind, String rule, String field, String reason) implements Decision {
    public enum Kind {
      /** the actor's role or unit may not do this: 403 */
      FORBIDDEN,
      /** not in the item's current state: 409 */
      CONFLICT,
      /** the command's content breaks a rule: 422 */
      INVALID
    }
  }

  static Refused forbidden(String rule, String reason) {
    return new Refused(Refused.Kind.FORBIDDEN, rule, null, reason);
  }

  static Refused conflict(String rule, String reason) {
    return new Refused(Refused.Kind.CONFLICT, rule, null, reason);
  }

  static Refused invalid(String rule, String field, String reason) {
    return new Refused(Refused.Kind.INVALID, rule, field, reason);
  }
}
