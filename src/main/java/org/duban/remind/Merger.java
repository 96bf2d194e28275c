package org.duban.remind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.duban.remind.ReminderPolicy.QuietHours;

/**
 * Turns drafts into messages: quiet hours hold them back (R21), then those for one person that go
 * out close together become one (R15 Reading).
 *
 * <p>The merge is greedy: the earliest message to a person opens a group, and every later one
 * whose send time is within the window of that first one joins it. It runs over the whole plan
 * from the item's start, never over a time slice, so that a window never splits a group
 * differently and the keys stay the same whatever window is asked for.
 */
final class Merger {
  /** Rule IDs by number, so that R9 would sort before R13. */
  static final Comparator<String> BY_RULE_NUMBER = Comparator.comparingInt(String::length).thenComparing(s -> s);
  private static final Comparator<Held> BY_TIME =
      Comparator.comparing(Held::sendAt).thenComparing(h -> h.draft().dueAt()).thenComparing(h -> h.draft().kind());

  private record Held(Draft draft, Instant sendAt) {}

  /**
   * Who reads a message: a unit's responsible persons are that unit's; the sponsor office and the
   * supervision office are one reader whatever unit the message is about, so two units' escalations
   * due together reach the sponsor as one message.
   */
  private record Person(Optional<Long> unitId, Recipient recipient) {
    static Person of(Draft d) {
      return new Person(d.recipient().readsPerUnit() ? d.unitId() : Optional.empty(), d.recipient());
    }
  }

  private final Optional<QuietHours> quiet;
  private final Duration window;
  private final int version;

  Merger(ReminderPolicy policy) {
    this.quiet = policy.quietHours();
    this.window = policy.mergeWindow().fixedLength().orElseThrow();
    this.version = policy.version();
  }

  List<Planned> merge(long itemId, List<Draft> drafts) {
    Map<Person, List<Held>> byPerson = new LinkedHashMap<>();
    drafts.forEach(d -> byPerson.computeIfAbsent(Person.of(d), p -> new ArrayList<>())
        .add(new Held(d, sendAt(d.dueAt()))));
    List<Planned> out = new ArrayList<>();
    byPerson.values().forEach(held -> groups(held).forEach(g -> out.add(planned(itemId, g))));
    return out;
  }

  /** R21: a message due in the quiet hours goes out when they end, on the same or the next day. */
  Instant sendAt(Instant dueAt) {
    return quiet.map(q -> q.release(dueAt)).orElse(dueAt);
  }

  private List<List<Held>> groups(List<Held> held) {
    held.sort(BY_TIME);
    List<List<Held>> groups = new ArrayList<>();
    List<Held> current = null;
    for (Held h : held) {
      if (current == null || Duration.between(current.get(0).sendAt(), h.sendAt()).compareTo(window) > 0) {
        current = new ArrayList<>();
        groups.add(current);
      }
      current.add(h);
    }
    return groups;
  }

  private Planned planned(long itemId, List<Held> group) {
    Held first = group.get(0);
    Draft d = first.draft();
    Instant dueAt = group.stream().map(h -> h.draft().dueAt()).min(Instant::compareTo).orElseThrow();
    List<String> kinds = List.copyOf(group.stream().map(h -> h.draft().kind())
        .collect(Collectors.toCollection(TreeSet::new)));
    TreeSet<String> rules = group.stream().map(h -> h.draft().rule())
        .collect(Collectors.toCollection(() -> new TreeSet<>(BY_RULE_NUMBER)));
    if (group.stream().anyMatch(h -> h.sendAt().isAfter(h.draft().dueAt()))) {
      rules.add("R21");
    }
    return new Planned(dueAt, first.sendAt(), itemId, d.unitId(), d.recipient(), kinds, List.copyOf(rules), version,
        key(itemId, d, dueAt, kinds));
  }

  /**
   * Readable and stable: within one person's messages the earliest due time tells groups apart
   * (equal due times always share a send time, hence a group); the kinds make a message whose
   * content changed on re-planning a new one. A message to an office names the item, not the unit,
   * as the office reads one message whichever unit it is about.
   */
  static String key(long itemId, Draft d, Instant dueAt, List<String> kinds) {
    String unit = Person.of(d).unitId().map(String::valueOf).orElse("item");
    return itemId + "/" + unit + "/" + d.recipient() + "/" + dueAt + "/" + String.join("+", kinds);
  }
}
