package org.duban.remind;

import org.duban.remind.ReminderPolicy.QuietHours;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What becomes of a batch of claimed messages, decided from the messages alone and the time: the plan
 * was made for messages that go out on time, and a message claimed late (the server was down, a burst
 * held it up) can find the world moved on. Pure.
 *
 * <ul>
 *   <li>R13: a "before the deadline" part is dropped once the unit's deadline has passed; it would
 *       tell the unit something false. A message with nothing left to say is skipped, not sent.
 *   <li>R21: a message more than {@link #LATE_GRACE} late whose late moment falls in the quiet hours
 *       waits for them to end, as a message planned for then would have. Within the grace it goes:
 *       one due at 21:59 and sent at 22:00:05 in a burst is not held for nine hours.
 *   <li>R15 Reading: messages of one batch more than {@link #LATE_GRACE} late to the same person
 *       about the same item and unit are one message, as the 30-minute merge makes them when on
 *       time; after a restart that is every urge the downtime missed, which would otherwise arrive
 *       together, one SMS each.
 * </ul>
 */
final class LateFiring {
  static final Duration LATE_GRACE = Duration.ofMinutes(5);

  private LateFiring() {
  }

  /** A message to send, possibly standing for others of the batch ({@code carried}, their keys). */
  record Send(FiringRepository.Claimed message, List<String> carried) {
  }

  /**
   * @param send what goes out now
   * @param hold keys to put back in the schedule, with when they may go out
   * @param skip keys that go nowhere, with why
   */
  record Outcome(List<Send> send, Map<String, Instant> hold, Map<String, String> skip) {
  }

  /**
   * @param quietHours the quiet hours of a policy version
   * @param deadline a unit's deadline on an item, if it has one
   */
  static Outcome sort(List<FiringRepository.Claimed> claimed, Instant now, Function<Integer, Optional<QuietHours>> quietHours,
                      Deadlines deadline) {
    Map<String, Instant> hold = new LinkedHashMap<>();
    Map<String, String> skip = new LinkedHashMap<>();
    Map<List<Object>, List<FiringRepository.Claimed>> byPerson = new LinkedHashMap<>();
    for (FiringRepository.Claimed c : claimed) {
      Optional<Instant> release = held(c, now, quietHours.apply(c.policyVersion()));
      if (release.isPresent()) {
        hold.put(c.key(), release.get());
        continue;
      }
      FiringRepository.Claimed truthful = withoutPassedDeadline(c, now, deadline);
      if (truthful.kinds().isEmpty()) {
        skip.put(c.key(), "stale: the deadline had passed before it could be sent");
        continue;
      }
      // the reader as the plan's merge knows it (Merger)
      Optional<Long> unit = Recipient.stored(c.recipient()).readsPerUnit() ? Optional.ofNullable(c.unitId()) : Optional.empty();
      byPerson.computeIfAbsent(List.of(c.itemId(), unit, c.recipient()), k -> new ArrayList<>()).add(truthful);
    }
    // on time, each message goes as planned (the plan already merged what was close); where the downtime
    // piled messages up for a person, they and whatever else the batch has for that person are one
    List<Send> send = new ArrayList<>();
    byPerson.values().forEach(group -> {
      if (group.stream().anyMatch(c -> late(c, now))) send.add(merge(group));
      else group.forEach(c -> send.add(new Send(c, List.of())));
    });
    return new Outcome(send, hold, skip);
  }

  /** A unit's deadline on an item, read where the batch is claimed. */
  @FunctionalInterface
  interface Deadlines {
    Optional<Instant> of(long itemId, Long unitId);
  }

  /** Late enough that the world may have moved on: a restart, not a busy second. */
  private static boolean late(FiringRepository.Claimed c, Instant now) {
    return now.isAfter(c.plannedAt().plus(LATE_GRACE));
  }

  private static Optional<Instant> held(FiringRepository.Claimed c, Instant now, Optional<QuietHours> quiet) {
    if (quiet.isEmpty() || !now.isAfter(c.sendAt().plus(LATE_GRACE))) return Optional.empty();
    Instant release = quiet.get().release(now);
    return release.equals(now) ? Optional.empty() : Optional.of(release);
  }

  private static FiringRepository.Claimed withoutPassedDeadline(FiringRepository.Claimed c, Instant now, Deadlines deadline) {
    if (!c.kinds().contains(Planned.BEFORE_DEADLINE)) return c;
    boolean passed = deadline.of(c.itemId(), c.unitId()).map(d -> !now.isBefore(d)).orElse(false);
    if (!passed) return c;
    List<String> kinds = c.kinds().stream().filter(k -> !k.equals(Planned.BEFORE_DEADLINE)).toList();
    return c.withKinds(kinds, c.rules());
  }

  /** The latest message speaks for the group: its key carries the SMS, its parts are everyone's. */
  private static Send merge(List<FiringRepository.Claimed> group) {
    if (group.size() == 1) return new Send(group.get(0), List.of());
    List<FiringRepository.Claimed> sorted = group.stream()
        .sorted(Comparator.comparing(FiringRepository.Claimed::sendAt).thenComparing(FiringRepository.Claimed::key)).toList();
    FiringRepository.Claimed last = sorted.get(sorted.size() - 1);
    TreeSet<String> kinds = new TreeSet<>();
    TreeSet<String> rules = new TreeSet<>(Merger.BY_RULE_NUMBER);
    sorted.forEach(c -> {
      kinds.addAll(c.kinds());
      rules.addAll(c.rules());
    });
    List<String> carried = sorted.subList(0, sorted.size() - 1).stream().map(FiringRepository.Claimed::key).toList();
    return new Send(last.withKinds(List.copyOf(kinds), List.copyOf(rules)), carried);
  }
}
