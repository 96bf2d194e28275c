package org.duban.live;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the upgrade's {@code Sec-WebSocket-Protocol} may offer, and what refuses it. */
class ProtocolOfferTest {
  static Optional<ProtocolOffer> parse(String... values) {
    return ProtocolOffer.parse(List.of(values));
  }

  @Test
  void nothingOfferedLeavesAuthenticationToTheFirstMessage() {
    assertThat(ProtocolOffer.parse(List.of())).contains(ProtocolOffer.NONE);
    assertThat(parse("duban.v1")).contains(ProtocolOffer.NONE);
  }

  @Test
  void aTokenAndAResumePointComeOutWhicheverWayTheListIsSplit() {
    assertThat(parse("duban.v1, duban.bearer.aaa.bbb.ccc")).contains(new ProtocolOffer(Optional.of("aaa.bbb.ccc"), Optional.empty()));
    assertThat(parse("duban.bearer.aaa.bbb.ccc", "duban.resume.42,duban.v1"))
        .contains(new ProtocolOffer(Optional.of("aaa.bbb.ccc"), Optional.of(42L)));
    // another protocol offered alongside ours is no concern of ours
    assertThat(parse("chat, duban.v1")).contains(ProtocolOffer.NONE);
  }

  @Test
  void whatTheServerCannotAnswerOrMakeSenseOfRefusesTheUpgrade() {
    assertThat(parse("duban.bearer.aaa.bbb.ccc")).as("without duban.v1").isEmpty();
    assertThat(parse("chat")).isEmpty();
    assertThat(parse("duban.v1, duban.bearer.a.b.c, duban.bearer.d.e.f")).as("two tokens").isEmpty();
    assertThat(parse("duban.v1, duban.bearer.")).as("an empty token").isEmpty();
    assertThat(parse("duban.v1, duban.resume.42")).as("a resume without a token").isEmpty();
    assertThat(parse("duban.v1, duban.bearer.a.b.c, duban.resume.yesterday")).isEmpty();
    assertThat(parse("duban.v1, duban.bearer.a.b.c, duban.resume.-1")).isEmpty();
  }
}
