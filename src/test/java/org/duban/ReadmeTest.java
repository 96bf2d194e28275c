package org.duban;

import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.RelayReceiver;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's shell blocks, run with bash and curl against the real server, so that a reader who pastes
 * them into one terminal gets what the README says. Which block runs where is marked in the README by an
 * HTML comment on the line above its fence (invisible when rendered):
 * <ul>
 *   <li>no mark: run, in order, in one bash with {@code set -euo pipefail}, against a server with the demo on
 *   a fresh database; every curl there uses {@code -f}, so an error status stops the script and fails this test;</li>
 *   <li>{@code <!-- readme-test: expect 400 -->}: a deliberate refusal, shown with {@code curl -si}; its status
 *   line must carry that status;</li>
 *   <li>{@code <!-- readme-test: drill -->}: run against a second server on its own fresh database, on a
 *   simulated clock starting where the README's drill start says, its SMS going to a relay;</li>
 *   <li>{@code <!-- readme-test: skip, why -->}: not run. These start the server with {@code java -jar} (the jar
 *   is built after the tests, and the test starts the same server in-process instead, on a random port that
 *   replaces {@code localhost:8080}), start the relay (it runs until stopped; the test has its own receiver), or
 *   run the test suite itself.</li>
 * </ul>
 * Needs {@code bash}, {@code curl} and {@code sed} on the machine.
 */
class ReadmeTest {
  private static final Path README = Path.of("README.md");
  private static final Pattern MARK = Pattern.compile("^<!-- readme-test: (.+?) -->$");
  private static final Pattern EXPECT = Pattern.compile("expect (\\d{3})");
  private static final Pattern CLOCK_START = Pattern.compile("DUBAN_CLOCK_START=(\\S+)");
  /** What a reader runs by hand in another terminal, and no test can. */
  private static final Pattern UNRUNNABLE = Pattern.compile("java -jar|\\bmvn |python3 |dropdb |createdb ");

  record Block(int line, String mark, String code) {
    boolean skipped() {
      return mark.startsWith("skip");
    }

    boolean drill() {
      return mark.equals("drill");
    }

    Optional<Integer> expected() {
      Matcher m = EXPECT.matcher(mark);
      return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
  }

  @Test
  void theWalkThroughRunsVerbatimFromRegistrationToCloseOut_R05_R10_R22_R30_R31_R33_R34(@TempDir Path dir) throws Exception {
    List<Block> walk = blocks().stream().filter(b -> !b.skipped() && !b.drill()).toList();
    assertThat(walk).as("the walk-through's blocks").hasSizeGreaterThan(10);
    assertThat(walk.stream().filter(b -> b.expected().isPresent())).as("the deliberate refusals").hasSize(2);
    try (TestServer server = TestServer.start(ReadmeTest.class)) {
      Run run = bash(dir, script(walk, server.port()));
      assertThat(run.exit()).as("the walk-through, as bash ran it:%n%s", tail(run.output())).isZero();
      assertThat(run.output()).contains("\"status\":\"closed\"");
      assertThat(dir.resolve("ledger.xlsx")).isNotEmptyFile();
      assertThat(Files.readAllBytes(dir.resolve("plan-back.pdf"))).isEqualTo(Files.readAllBytes(dir.resolve("plan.pdf")));
    }
  }

  @Test
  void theDrillOnAFreshDatabaseSendsTheRemindersItSpeaksOf_R13_R15(@TempDir Path dir) throws Exception {
    List<Block> drill = blocks().stream().filter(Block::drill).toList();
    assertThat(drill).as("the drill's blocks").isNotEmpty();
    try (RelayReceiver relay = new RelayReceiver();
         TestServer server = TestServer.start(ReadmeTest.class, Map.of("clock.simulated", "true", "clock.start", drillStart(),
             "relay.smsUrl", relay.url()))) {
      Run run = bash(dir, script(drill, server.port()));
      assertThat(run.exit()).as("the drill, as bash ran it:%n%s", tail(run.output())).isZero();
      // "the urges for item 1 and the deadline reminder for item 2"
      Await.until("SMS about items 1 and 2 at the relay", () -> relay.received().stream().map(m -> m.getLong("itemId")).toList()
          .containsAll(List.of(1L, 2L)), Duration.ofSeconds(20));
      assertThat(relay.received()).filteredOn(m -> m.getLong("itemId") == 1L)
          .anySatisfy(m -> assertThat(m.getJsonArray("rules").getList()).contains("R15"));
      assertThat(relay.received()).filteredOn(m -> m.getLong("itemId") == 2L)
          .anySatisfy(m -> assertThat(m.getJsonArray("rules").getList()).contains("R13"));
      assertThat(relay.received()).allSatisfy(ReadmeTest::isAnSms);
    }
  }

  /** A reader's copy of a block must fail on an error status, or a broken step would pass unnoticed. */
  @Test
  void everyCurlMeantToSucceedFailsOnAnErrorStatusAndNothingRunnableNeedsAnotherTerminal() throws IOException {
    List<Block> all = blocks();
    assertThat(all.stream().filter(Block::skipped)).as("the blocks a reader runs by hand").hasSize(4)
        .allSatisfy(b -> assertThat(b.mark()).as("why it is skipped").matches("skip, .{10,}"));
    for (Block block : all) {
      if (block.skipped()) continue;
      assertThat(UNRUNNABLE.matcher(block.code()).find()).as("README line %d runs something only a person can", block.line()).isFalse();
      for (String line : block.code().split("\n")) {
        if (!line.contains("curl ")) continue;
        if (block.expected().isPresent()) {
          assertThat(line).as("README line %d shows its status line", block.line()).contains("curl -si ");
        } else {
          assertThat(line).as("README line %d fails on an error status", block.line()).containsPattern("curl -s?f ");
        }
      }
    }
  }

  private static void isAnSms(JsonObject m) {
    assertThat(m.getString("channel")).isEqualTo("sms");
    assertThat(m.getString("to")).matches("1\\d{10}");
    assertThat(m.getString("idempotencyKey")).startsWith("duban-outbox-");
  }

  /** The blocks fenced as {@code sh}, each with the mark on the line above it, if any. */
  static List<Block> blocks() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("```sh")) continue;
      Matcher mark = MARK.matcher(i > 0 ? lines.get(i - 1) : "");
      int start = i;
      StringBuilder code = new StringBuilder();
      while (!lines.get(++i).equals("```")) code.append(lines.get(i)).append('\n');
      blocks.add(new Block(start + 1, mark.matches() ? mark.group(1) : "", code.toString()));
    }
    return blocks;
  }

  /** Where the README's drill starts its server: the test's drill server starts there too. */
  private static String drillStart() throws IOException {
    return blocks().stream().filter(Block::skipped).map(b -> CLOCK_START.matcher(b.code())).filter(Matcher::find)
        .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError("the README's drill names no DUBAN_CLOCK_START"));
  }

  /** The blocks as one script, the server's port for the README's; a refusal is checked for its status. */
  private static String script(List<Block> blocks, int port) {
    StringBuilder script = new StringBuilder("set -euo pipefail\n")
        .append("trap 'echo \"README: this failed: $BASH_COMMAND\" >&2' ERR\n");
    for (Block block : blocks) {
      String code = block.code().replace("localhost:8080", "127.0.0.1:" + port);
      script.append("echo '--- README line ").append(block.line()).append("'\n");
      if (block.expected().isEmpty()) {
        script.append(code);
        if (code.contains("/clock/advance")) script.append(untilFired(port));
        continue;
      }
      int status = block.expected().get();
      script.append("answer=$(\n").append(code).append(")\n")
          .append("echo \"$answer\"\n")
          .append("case \"$(echo \"$answer\" | head -n 1)\" in HTTP/*' ").append(status).append(" '*) ;; *) ")
          .append("echo 'README line ").append(block.line()).append(": expected ").append(status).append("' >&2; exit 1;; esac\n");
    }
    return script.toString();
  }

  /**
   * A reader watches the relay print the SMS before the next step; a script would report at once, and a
   * report made before the engine claimed the messages it speaks of would cancel them (R14). So after the
   * clock moves the script waits, as the reader does, until items 1 and 2 each have a message fired.
   */
  private static String untilFired(int port) {
    String fired = "curl -sf http://127.0.0.1:%d/items/%%d/reminders -H \"Authorization: Bearer $SPONSOR\" | grep -q '\"firedAt\":\"'"
        .formatted(port);
    return "for _ in $(seq 1 150); do " + fired.formatted(1) + " && " + fired.formatted(2) + " && break; sleep 0.2; done\n";
  }

  record Run(int exit, String output) {
  }

  private static Run bash(Path dir, String script) throws IOException, InterruptedException {
    Path file = dir.resolve("readme.sh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder("bash", file.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
    // read while it runs, so a full pipe never stalls it
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        output.append(e);
      }
    });
    reader.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      reader.join();
      return new Run(-1, output + "\n(timed out after 120 s)");
    }
    reader.join();
    return new Run(process.exitValue(), output.toString());
  }

  /** What bash printed, from the end: where it stopped is what matters. */
  private static String tail(String output) {
    return output.length() <= 6_000 ? output : "…" + output.substring(output.length() - 6_000);
  }
}
