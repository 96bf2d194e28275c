package org.duban.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.duban.Server;
import org.duban.config.Config;
import org.duban.config.ConfigSource;
import org.duban.demo.DemoData;

import java.util.HashMap;
import java.util.Map;

/**
 * The real server, in-process on port 0 against a throwaway database with the demo organisation,
 * and a real HTTP client. Calls block the test thread until the answer arrives.
 */
public final class TestServer implements AutoCloseable {
  public static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hs256!!";
  private final TestDatabase database;
  private final Server server;
  private final Vertx clientVertx;
  private final WebClient client;

  private TestServer(TestDatabase database, Server server) {
    this.database = database;
    this.server = server;
    this.clientVertx = Vertx.vertx();
    this.client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
  }

  public static TestServer start(Class<?> owner) {
    return start(owner, Map.of());
  }

  public static TestServer start(Class<?> owner, Map<String, String> extra) {
    return startOn(TestDatabase.fresh(owner.getSimpleName()), extra);
  }

  /** Another server on a database a test already has, as a restarted process or a second node is. */
  public static TestServer startOn(TestDatabase database, Map<String, String> extra) {
    Map<String, String> overrides = new HashMap<>(Map.of(
        "db.url", database.target().url(),
        "http.port", "0",
        "http.host", "127.0.0.1",
        "http.instances", "1",
        "auth.jwtSecret", JWT_SECRET,
        "demo.enabled", "true"));
    overrides.putAll(extra);
    try {
      Config config = Config.load(ConfigSource.of(Map.of(), overrides));
      return new TestServer(database, Server.start(config).await());
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public Server server() {
    return server;
  }

  public TestDatabase database() {
    return database;
  }

  public int port() {
    return server.port();
  }

  /** Signs in as a demo person and returns the access token. */
  public String tokenOf(String login) {
    return login(login, DemoData.PASSWORD).bodyAsJsonObject().getString("accessToken");
  }

  public HttpResponse<Buffer> login(String login, String password) {
    return send(HttpMethod.POST, "/auth/login", null, new JsonObject().put("login", login).put("password", password));
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return send(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = request(method, path, token);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  /** Raw bytes with a content type of our choosing: for malformed and oversized bodies. */
  public HttpResponse<Buffer> sendRaw(HttpMethod method, String path, String token, String contentType, Buffer body) {
    return request(method, path, token).putHeader("Content-Type", contentType).sendBuffer(body).await();
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) request.bearerTokenAuthentication(token);
    return request;
  }

  /** Stops the server and leaves its database for the next one. */
  public void stop() {
    client.close();
    clientVertx.close().await();
    server.close().await();
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      database.close();
    }
  }
}
