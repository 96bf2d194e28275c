package org.duban.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * Serves a WebJar from the classpath under its version ({@code /webjars/swagger-ui/5.27.1/...}): the
 * URL changes whenever the build pins another version, so browsers may keep its files for a year
 * without asking. Pages name the versioned URL; a test holds them to the version on the classpath.
 */
public final class WebJars {
  private WebJars() {
  }

  /** The URL path the WebJar's files are under, without a trailing slash. */
  public static String path(String group, String name) {
    return "/webjars/" + name + "/" + version(group, name);
  }

  public static Handler<RoutingContext> serve(String group, String name) {
    String root = "META-INF/resources/webjars/" + name + "/" + version(group, name);
    return StaticFiles.under(path(group, name), root, StaticFiles.IMMUTABLE, Map.of());
  }

  /**
   * Only a WebJar's production modules ({@code .js}, not under {@code development/} or {@code node/}):
   * what a browser loads through the app's import map, nothing of the package's other files.
   */
  public static Handler<RoutingContext> serveModules(String group, String name) {
    String path = path(group, name);
    Handler<RoutingContext> files = serve(group, name);
    return rc -> {
      String file = rc.normalizedPath().length() > path.length() ? rc.normalizedPath().substring(path.length() + 1) : "";
      if (file.endsWith(".js") && !file.startsWith("development/") && !file.startsWith("node/")) files.handle(rc);
      else rc.fail(404);
    };
  }

  static String version(String group, String name) {
    String resource = "META-INF/maven/" + group + "/" + name + "/pom.properties";
    try (InputStream in = WebJars.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("WebJar missing from the classpath: " + group + ":" + name);
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
