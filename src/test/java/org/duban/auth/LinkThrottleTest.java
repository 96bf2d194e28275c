package org.duban.auth;

import org.duban.time.SimulatedClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket in front of sign-in links: so many tries a minute per client, refilled evenly. */
class LinkThrottleTest {
  final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-02T01:00:00Z"));
  final LinkThrottle throttle = new LinkThrottle(clock, 10);

  @Test
  void tenTriesAMinuteThenAWaitUntilTheNextToken() {
    IntStream.range(0, 10).forEach(i -> assertThat(throttle.take("10.0.0.1")).as("try " + i).isEmpty());
    assertThat(throttle.take("10.0.0.1")).contains(Duration.ofSeconds(6));
    clock.advance(Duration.ofSeconds(4));
    assertThat(throttle.take("10.0.0.1")).contains(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    assertThat(throttle.take("10.0.0.1")).isEmpty();
    assertThat(throttle.take("10.0.0.1")).isPresent();
  }

  @Test
  void refusedTriesDoNotPushTheNextTokenFurtherAway() {
    IntStream.range(0, 10).forEach(i -> throttle.take("10.0.0.2"));
    IntStream.range(0, 100).forEach(i -> assertThat(throttle.take("10.0.0.2")).isPresent());
    clock.advance(Duration.ofSeconds(6));
    assertThat(throttle.take("10.0.0.2")).isEmpty();
  }

  @Test
  void eachClientHasItsOwnBucket() {
    IntStream.range(0, 10).forEach(i -> throttle.take("10.0.0.3"));
    assertThat(throttle.take("10.0.0.3")).isPresent();
    assertThat(throttle.take("10.0.0.4")).isEmpty();
  }

  @Test
  void anIpv6ClientIsCountedByItsSlash64() {
    IntStream.range(0, 10).forEach(i -> throttle.take("2001:db8:1:2::" + Integer.toHexString(i + 1)));
    assertThat(throttle.take("2001:db8:1:2:ffff:ffff:ffff:ffff")).isPresent();
    assertThat(throttle.take("2001:db8:1:3::1")).isEmpty();
    assertThat(LinkThrottle.key("2001:0db8:0001:0002:0000:0000:0000:0001")).isEqualTo(LinkThrottle.key("2001:db8:1:2::9"));
  }

  @Test
  void whatIsNotAnIpAddressIsCountedAsItIsWithoutALookup() {
    assertThat(LinkThrottle.key("example.org")).isEqualTo("example.org");
    assertThat(LinkThrottle.key("abc")).isEqualTo("abc");
    assertThat(LinkThrottle.key("g::1")).isEqualTo("g::1");
  }

  @Test
  void pastItsLimitTheTableDropsFullBucketsAndThenLetsNewcomersShareOne() {
    LinkThrottle small = new LinkThrottle(clock, 1);
    for (int i = 0; i < LinkThrottle.MAX_CLIENTS; i++) assertThat(small.take("client-" + i)).isEmpty();
    // every bucket is empty and the table full: the newcomers share one
    assertThat(small.take("newcomer-1")).isEmpty();
    assertThat(small.take("newcomer-2")).isPresent();
    // a minute on, every bucket is full again and dropped: a newcomer has its own
    clock.advance(Duration.ofMinutes(1));
    assertThat(small.take("newcomer-3")).isEmpty();
    assertThat(small.take("newcomer-4")).isEqualTo(Optional.empty());
  }
}
