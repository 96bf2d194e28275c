package org.duban.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

  private static Config load(Map<String, String> env) {
    return Config.load(ConfigSource.of(env, Map.of()));
  }

  @Test
  void defaultsServeOnPort8080AgainstTheLocalDubanDatabase() {
    Config config = load(Map.of());
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.db().toString()).isEqualTo("postgresql://postgres@127.0.0.1:5432/duban");
    assertThat(config.simulatedClock()).isFalse();
  }

  @Test
  void environmentOverridesTheFileWhichOverridesDefaults(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file = dir.resolve("duban.json");
    Files.writeString(file, "{\"http\":{\"port\":9000,\"bodyLimitBytes\":4096},\"auth.accessTokenTtl\":\"5m\"}");
    Config config = load(Map.of("DUBAN_CONFIG", file.toString(), "DUBAN_HTTP_PORT", "9100"));
    assertThat(config.httpPort()).isEqualTo(9100);
    assertThat(config.bodyLimitBytes()).isEqualTo(4096);
    assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aBadValueNamesTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> load(Map.of("DUBAN_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config http.port=eighty is not allowed: a whole number from 0 to 65535");
    assertThatThrownBy(() -> load(Map.of("DUBAN_CLOCK_SIMULATED", "maybe")))
        .hasMessageContaining("clock.simulated=maybe").hasMessageContaining("true or false");
    assertThatThrownBy(() -> load(Map.of("DUBAN_AUTH_ACCESS_TOKEN_TTL", "-5m")))
        .hasMessageContaining("auth.accessTokenTtl=-5m");
  }

  @Test
  void anUnknownKeyInTheFileIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file = dir.resolve("duban.json");
    Files.writeString(file, "{\"http\":{\"prot\":9000}}");
    assertThatThrownBy(() -> load(Map.of("DUBAN_CONFIG", file.toString())))
        .hasMessageContaining("http.prot=(hidden)").hasMessageContaining("a known key");
  }

  @Test
  void secretsNeverAppearInMessagesOrDescriptions() {
    String secret = "short-secret";
    assertThatThrownBy(() -> load(Map.of("DUBAN_AUTH_JWT_SECRET", secret)))
        .hasMessageNotContaining(secret).hasMessageContaining("auth.jwtSecret");
    Config config = load(Map.of("DUBAN_AUTH_JWT_SECRET", "a-secret-that-is-long-enough-to-be-accepted",
        "DUBAN_DB_URL", "postgresql://duban:hunter2hunter2@db.example:5433/duban"));
    assertThat(config.toString()).doesNotContain("a-secret-that-is-long-enough").doesNotContain("hunter2");
    assertThat(config.db().toString()).isEqualTo("postgresql://duban:***@db.example:5433/duban");
    assertThatThrownBy(() -> load(Map.of("DUBAN_DB_URL", "mysql://root:hunter2@x/y")))
        .hasMessageNotContaining("hunter2").hasMessageContaining("db.url");
  }

  @Test
  void aMisspeltSecretKeyDoesNotPrintTheSecret(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file = dir.resolve("duban.json");
    Files.writeString(file, "{\"auth\":{\"jwtSecrett\":\"my-very-secret-production-signing-key\"}}");
    assertThatThrownBy(() -> load(Map.of("DUBAN_CONFIG", file.toString())))
        .hasMessageContaining("auth.jwtSecrett").hasMessageNotContaining("my-very-secret");
  }

  @Test
  void aBrokenConfigFileIsReportedOnOneLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file = dir.resolve("duban.json");
    Files.writeString(file, "{\"http\": {\n  \"port\": \n}");
    assertThatThrownBy(() -> load(Map.of("DUBAN_CONFIG", file.toString())))
        .hasMessageContaining("DUBAN_CONFIG").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void durationsOutsideTheirBoundsAreRefused() {
    assertThatThrownBy(() -> load(Map.of("DUBAN_AUTH_ACCESS_TOKEN_TTL", "500ms"))).hasMessageContaining("auth.accessTokenTtl=500ms");
    assertThatThrownBy(() -> load(Map.of("DUBAN_AUTH_ACCESS_TOKEN_TTL", "30000d"))).hasMessageContaining("PT24H");
  }

  @Test
  void standardPgVariablesReplaceThePartsOfTheDefaultUrl() {
    Config config = load(Map.of("PGHOST", "db.internal", "PGPORT", "6543", "PGDATABASE", "supervision", "PGUSER", "app",
        "PGPASSWORD", "pw"));
    assertThat(config.db()).isEqualTo(new DbTarget("db.internal", 6543, "supervision", "app", java.util.Optional.of("pw")));
  }

  @Test
  void anExplicitDatabaseUrlWinsOverPgVariables() {
    Config config = load(Map.of("PGHOST", "ignored", "DUBAN_DB_URL", "postgresql://me@10.0.0.5/other"));
    assertThat(config.db().host()).isEqualTo("10.0.0.5");
    assertThat(config.db().port()).isEqualTo(5432);
    assertThat(config.db().database()).isEqualTo("other");
  }

  @Test
  void theUrlOfATargetParsesBackToTheSameTarget() {
    DbTarget target = new DbTarget("h", 5432, "d b", "u@x", java.util.Optional.of("p:w/d"));
    assertThat(DbTarget.parse(target.url())).isEqualTo(target);
  }

  @Test
  void withoutAPublicAddressSmsCarryNoLinkAndLinksSignInDirectlyForADay() {
    Config config = load(Map.of());
    assertThat(config.publicUrl()).isEmpty();
    assertThat(config.linkTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(config.linkSignIn()).isEqualTo("direct");
    assertThat(config.linkTriesPerMinute()).isEqualTo(10);
    assertThat(config.clientAddressHeader()).isEmpty();
  }

  @Test
  void thePublicAddressIsAnOriginShortEnoughForAnSms() {
    assertThat(load(Map.of("DUBAN_APP_PUBLIC_URL", "https://duban.example.gov.cn/")).publicUrl()).contains("https://duban.example.gov.cn");
    assertThat(load(Map.of("DUBAN_APP_PUBLIC_URL", "http://10.1.2.3:8080")).publicUrl()).contains("http://10.1.2.3:8080");
    for (String bad : new String[] {"duban.example.gov.cn", "ftp://duban.example.gov.cn", "https://duban.example.gov.cn/app",
        "https://duban.example.gov.cn/?a=1", "https://duban.example.gov.cn/#x", "https://u:p@duban.example.gov.cn",
        "https://" + "d".repeat(40) + ".gov.cn"}) {
      assertThatThrownBy(() -> load(Map.of("DUBAN_APP_PUBLIC_URL", bad))).as(bad)
          .hasMessageContaining("app.publicUrl=").hasMessageContaining("at most " + Config.PUBLIC_URL_MAX + " characters");
    }
  }

  @Test
  void theLinkPolicyAndTheProxysHeaderAreChecked() {
    assertThat(load(Map.of("DUBAN_AUTH_LINK_SIGN_IN", "CODE")).linkSignIn()).isEqualTo("code");
    assertThatThrownBy(() -> load(Map.of("DUBAN_AUTH_LINK_SIGN_IN", "password"))).hasMessageContaining("one of direct, code");
    assertThat(load(Map.of("DUBAN_HTTP_CLIENT_ADDRESS_HEADER", "X-Real-IP")).clientAddressHeader()).contains("X-Real-IP");
    assertThatThrownBy(() -> load(Map.of("DUBAN_HTTP_CLIENT_ADDRESS_HEADER", "X Real IP"))).hasMessageContaining("an HTTP header name");
    assertThatThrownBy(() -> load(Map.of("DUBAN_AUTH_LINK_TTL", "5m"))).hasMessageContaining("auth.linkTtl=5m");
  }
}
