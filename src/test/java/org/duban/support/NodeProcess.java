package org.duban.support;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.duban.demo.DemoData;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server as an operating-system process of its own, started from the test's class path on a free port
 * against a test's database: the second (or third) node of the multi-node tests, sharing with the others
 * nothing but PostgreSQL. Its output goes to {@code target/<name>.log}.
 */
public record NodeProcess(Process process, int port, String name) {

  /** @param env settings beyond the database, the port, one HTTP instance, the tests' JWT secret and the node id */
  public static NodeProcess start(TestDatabase database, String name, Map<String, String> env) {
    return start(database, name, env, List.of("-Xmx256m"), System.getProperty("java.class.path"));
  }

  /**
   * As {@link #start(TestDatabase, String, Map)}, with the JVM's own options (heap and the like) in place of the
   * tests' 256 MB heap, from {@code classPath}: the benchmarks' nodes.
   */
  public static NodeProcess start(TestDatabase database, String name, Map<String, String> env, List<String> jvmOptions,
                                  String classPath) {
    int port = freePort();
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, "org.duban.Main"));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> settings = new HashMap<>(Map.of(
        "DUBAN_DB_URL", database.target().url(),
        "DUBAN_HTTP_PORT", String.valueOf(port),
        "DUBAN_HTTP_HOST", "127.0.0.1",
        "DUBAN_HTTP_INSTANCES", "1",
        "DUBAN_AUTH_JWT_SECRET", TestServer.JWT_SECRET,
        "DUBAN_NODE_ID", name));
    settings.putAll(env);
    builder.environment().putAll(settings);
    builder.redirectErrorStream(true).redirectOutput(new File("target/" + name + ".log"));
    try {
      return new NodeProcess(builder.start(), port, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void awaitReady(WebClient client) {
    Await.until(name + " ready", () -> {
      try {
        // a deadline per poll: a request caught in the server's first instants can go unanswered
        return client.get(port, "127.0.0.1", "/health/ready").timeout(2_000).send().await().statusCode() == 200;
      } catch (Exception notYet) {
        return false;
      }
    }, Duration.ofSeconds(60));
  }

  /** A demo person's access token on this node. */
  public String login(WebClient client, String login) {
    return client.post(port, "127.0.0.1", "/auth/login")
        .sendJsonObject(new JsonObject().put("login", login).put("password", DemoData.PASSWORD)).await()
        .bodyAsJsonObject().getString("accessToken");
  }

  /** Killed at once, as a crash would; waits until it has gone. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
