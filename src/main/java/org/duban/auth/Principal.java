package org.duban.auth;

import java.util.Optional;
import java.util.UUID;

/** The person behind a request, as the database says now (not as the token said at login). */
public record Principal(long personId, UUID sessionId, Role role, Optional<Long> unitId, Optional<LeaderRank> rank) {
  public boolean is(Role other) {
    return role == other;
  }

  /** Liaisons see only their own unit; everyone else sees every unit. */
  public boolean canSeeUnit(long unit) {
    return role != Role.LIAISON || unitId.filter(own -> own == unit).isPresent();
  }
}
