package org.duban.item;

import org.duban.auth.LeaderRank;
import org.duban.auth.Role;

import java.util.Optional;

/** Who issues a command: their role, the unit they act for, and a leader's rank. */
public record Actor(long personId, Role role, Optional<Long> unitId, Optional<LeaderRank> rank) {

  boolean isSponsorOf(Item item) {
    return role == Role.SPONSOR && unitId.filter(u -> u == item.sponsorUnitId()).isPresent();
  }

  boolean isLiaisonOf(long unit) {
    return role == Role.LIAISON && unitId.filter(u -> u == unit).isPresent();
  }

  boolean isSecretariatLeader() {
    return role == Role.LEADER && rank.filter(LeaderRank::isSecretariat).isPresent();
  }

  boolean isLeaderAtLeast(LeaderRank level) {
    return role == Role.LEADER && rank.filter(r -> r.atLeast(level)).isPresent();
  }
}
