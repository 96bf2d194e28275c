package org.duban;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import org.duban.auth.AuthHandlers;
import org.duban.auth.AuthService;
import org.duban.auth.LinkSignIn;
import org.duban.auth.Passwords;
import org.duban.auth.SessionGuard;
import org.duban.auth.SignInLinks;
import org.duban.auth.Tokens;
import org.duban.config.Config;
import org.duban.db.DatabaseBootstrap;
import org.duban.db.Notifications;
import org.duban.db.Pools;
import org.duban.demo.DemoData;
import org.duban.demo.DemoItems;
import org.duban.health.CalendarHealth;
import org.duban.health.DeliveryHealth;
import org.duban.health.HealthHandlers;
import org.duban.http.ApiRouter;
import org.duban.http.ClientAddress;
import org.duban.http.Contract;
import org.duban.http.HttpVerticle;
import org.duban.http.RequestIds;
import org.duban.item.Attachments;
import org.duban.item.Deadlines;
import org.duban.item.ItemHandlers;
import org.duban.item.ItemService;
import org.duban.item.Ledger;
import org.duban.live.LiveHub;
import org.duban.live.LiveSockets;
import org.duban.org.AdminBootstrap;
import org.duban.org.OrgHandlers;
import org.duban.org.OrgService;
import org.duban.org.PersonRepository;
import org.duban.org.UnitRepository;
import org.duban.remind.NextReminders;
import org.duban.remind.Policies;
import org.duban.remind.Replanner;
import org.duban.remind.ReminderEngine;
import org.duban.notify.FailedSms;
import org.duban.notify.RelayDispatcher;
import org.duban.remind.ReminderPreview;
import org.duban.time.CalendarService;
import org.duban.time.ClockService;
import org.duban.time.TimeHandlers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The composition root: one place where configuration, Vert.x, the database and every feature are
 * wired together. {@link Main} runs it as a process; tests start it in-process on port 0.
 */
public final class Server {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final Vertx vertx;
  private final Pool pool;
  private final ClockService clock;
  private final List<HttpVerticle> instances;
  private final Reminders reminders;
  private final Notifications notifications;
  private final DeliveryHealth delivery;
  private final LiveHub live;
  private final LiveSockets sockets;

  private Server(Vertx vertx, Pool pool, ClockService clock, List<HttpVerticle> instances, Reminders reminders,
                 Notifications notifications, DeliveryHealth delivery, LiveHub live, LiveSockets sockets) {
    this.live = live;
    this.sockets = sockets;
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.instances = instances;
    this.reminders = reminders;
    this.notifications = notifications;
    this.delivery = delivery;
  }

  /** The timer wheel over the planned messages and the relay that sends what fires. */
  private record Reminders(ReminderEngine engine, RelayDispatcher relay) {
    void stop() {
      engine.stop();
      relay.stop();
    }
  }

  private static Reminders startReminders(Vertx vertx, Pool pool, ClockService clock, Config config, Wiring wiring) {
    RelayDispatcher relay = wiring.relay;
    ReminderEngine engine = new ReminderEngine(vertx, pool, clock.clock(), config.nodeId(), wiring.items, wiring.smsLinks, relay::kick);
    clock.onChange(engine::timeChanged);
    engine.start();
    relay.start();
    return new Reminders(engine, relay);
  }

  /** Blocks the calling thread while the database is readied, then starts everything. */
  public static Future<Server> start(Config config) {
    RequestIds.register();
    DatabaseBootstrap.prepare(config.db());
    PrometheusMeterRegistry registry = metricsRegistry();
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    Pool pool = Pools.create(vertx, config.db(), config.dbPoolSize(), statementTimeout(config));
    ClockService clock = config.simulatedClock()
        ? ClockService.simulated(config.clockStart().orElse(Clock.systemUTC().instant()))
        : ClockService.system();
    Wiring wiring = new Wiring(vertx, config, pool, clock, registry);
    List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
    return Contract.read(vertx).onSuccess(wiring::useContract)
        .compose(v -> wiring.calendar.start(vertx, wiring.notifications))
        .compose(v -> wiring.notifications.start())
        .compose(v -> wiring.policies.storeShipped(clock.clock().instant()))
        .compose(v -> config.demoEnabled() ? seedDemo(wiring) : Future.succeededFuture())
        .compose(v -> AdminBootstrap.ensure(pool, wiring.passwords, clock.clock(), config.adminBootstrapPassword()))
        .compose(v -> vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(wiring::router, wiring.sockets, LiveSockets.PROTOCOLS, config.httpHost(), config.httpPort(), config.shutdownGrace());
          instances.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.httpInstances())))
        .map(id -> new Server(vertx, pool, clock, instances, startReminders(vertx, pool, clock, config, wiring),
            wiring.notifications, wiring.delivery, wiring.live, wiring.sockets))
        .onSuccess(s -> LOG.info("Duban listening on http://{}:{} ({})", config.httpHost(), s.port(), config))
        .onFailure(e -> vertx.close());
  }

  /** A second under the request deadline, so the database gives up before the client is told 503. */
  private static Duration statementTimeout(Config config) {
    Duration timeout = config.requestTimeout().minusSeconds(1);
    return timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout;
  }

  /** The demo organisation into an empty database, then demo items through the item service. */
  private static Future<Void> seedDemo(Wiring wiring) {
    return new DemoData(wiring.pool, wiring.passwords, wiring.clock.clock()).seedIfEmpty()
        .compose(seeded -> seeded ? new DemoItems(wiring.pool, wiring.items, wiring.calendar,
            new Deadlines.Policy(wiring.config.rollDeadlinesToWorkingDay()), wiring.clock.clock()).seed() : Future.succeededFuture());
  }

  public int port() {
    return instances.get(0).actualPort();
  }

  public ClockService clock() {
    return clock;
  }

  /** This node's hub of live item changes, committed here or on any other node. */
  public LiveHub live() {
    return live;
  }

  /** This node's {@code /live} sockets. */
  public LiveSockets sockets() {
    return sockets;
  }

  /** Graceful: servers stop accepting and finish in-flight requests, then the pool and Vert.x close. */
  public Future<Void> close() {
    reminders.stop();
    delivery.stop();
    // the listener first: a connection closed under it would only start it reconnecting
    return notifications.stop().otherwiseEmpty()
        .compose(v -> Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()))
        .eventually(pool::close)
        .eventually(vertx::close)
        .mapEmpty();
  }

  private static PrometheusMeterRegistry metricsRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }

  /** The services every HTTP instance shares, and how each instance builds its router from them. */
  private static final class Wiring {
    final Vertx vertx;
    final Config config;
    final Pool pool;
    final PrometheusMeterRegistry registry;
    final ClockService clock;
    final Passwords passwords;
    final Tokens tokens;
    final AuthService auth;
    final SessionGuard guard;
    final RelayDispatcher relay;
    final SignInLinks smsLinks;
    final LinkSignIn links;
    final ClientAddress clients;
    final OrgService org;
    final CalendarService calendar;
    final ItemService items;
    final Attachments attachments;
    final Ledger ledger;
    final ReminderPreview reminders;
    final Policies policies;
    final Notifications notifications;
    final Replanner replanner;
    final DeliveryHealth delivery;
    final CalendarHealth calendarHealth;
    final LiveHub live;
    final LiveSockets sockets;
    JsonObject contract;

    Wiring(Vertx vertx, Config config, Pool pool, ClockService clock, PrometheusMeterRegistry registry) {
      this.vertx = vertx;
      this.config = config;
      this.pool = pool;
      this.registry = registry;
      this.clock = clock;
      this.passwords = new Passwords(vertx);
      this.tokens = new Tokens(vertx, config.jwtSecret().orElseGet(Server::randomSecretWithWarning), config.accessTokenTtl());
      this.auth = new AuthService(pool, passwords, tokens, Clock.systemUTC(), config.refreshTokenTtl(),
          config.maxFailedLogins(), config.lockout());
      this.guard = new SessionGuard(auth);
      // created here, started with the reminder engine: a link's one-time code is handed to it as well
      this.relay = new RelayDispatcher(vertx, pool, Clock.systemUTC(), config.relaySmsUrl(), config.relayRetryBase(), config.relayLease());
      this.smsLinks = new SignInLinks(config.publicUrl(), config.linkTtl(), Clock.systemUTC());
      this.links = new LinkSignIn(pool, auth, Clock.systemUTC(), LinkSignIn.Mode.fromWire(config.linkSignIn()),
          config.linkTriesPerMinute(), relay::kick);
      this.clients = new ClientAddress(config.clientAddressHeader());
      vertx.setPeriodic(Duration.ofHours(24).toMillis(), id -> links.purge()
          .onFailure(e -> LOG.warn("old sign-in links could not be deleted: {}", e.getMessage())));
      this.org = new OrgService(new UnitRepository(pool), new PersonRepository(pool), passwords, clock.clock());
      this.calendar = new CalendarService(pool, clock.clock());
      this.policies = new Policies(pool);
      this.notifications = new Notifications(vertx, Pools.connectOptions(config.db(), statementTimeout(config)));
      this.replanner = new Replanner(calendar, policies);
      this.items = new ItemService(pool, clock.clock(), calendar, new Deadlines.Policy(config.rollDeadlinesToWorkingDay()), replanner);
      // every node hears every committed item change, wherever it was made, before the listener connects
      NextReminders next = NextReminders.from(pool, clock.clock());
      this.live = new LiveHub(vertx, items, next).listen(notifications);
      this.sockets = new LiveSockets(vertx, tokens.provider(), auth, items, next, live, clock, Clock.systemUTC(),
          new LiveSockets.Settings(config.liveAuthTimeout(), config.liveSessionCheck(), config.liveSocketsPerPerson(),
              config.liveWriteQueueBytes()));
      this.attachments = new Attachments(items, config.attachmentMaxBytes());
      this.ledger = new Ledger(items, pool, vertx);
      // R10, R12: on the importing node only, deadlines from a node move off the new days off, then reminders re-plan
      calendar.afterImport(items::recalendarActive);
      // the durable schedule reaches 400 days ahead; re-planning active items daily keeps it there
      vertx.setPeriodic(Duration.ofHours(24).toMillis(), id -> items.rewatchActive()
          .onFailure(e -> LOG.warn("the daily re-plan failed: {}", e.getMessage())));
      this.reminders = new ReminderPreview(items, calendar, clock.clock(), policies, pool);
      this.delivery = new DeliveryHealth(pool, clock.clock(), config.relaySmsUrl().isPresent());
      delivery.start(vertx, registry);
      this.calendarHealth = new CalendarHealth(calendar, clock.clock());
      calendarHealth.start(registry);
    }

    void useContract(JsonObject document) {
      this.contract = document;
    }

    Future<Router> router() {
      return ApiRouter.build(vertx, contract,
          new ApiRouter.Settings(config.bodyLimitBytes(), config.attachmentMaxBytes(), config.requestTimeout().toMillis()),
          tokens.provider(),
          guard,
          api -> {
            HealthHandlers.mount(api, pool, registry, delivery, calendarHealth);
            AuthHandlers.mount(api, auth, links, clients);
            OrgHandlers.mount(api, org);
            TimeHandlers.mount(api, clock, calendar);
            ItemHandlers.mount(api, items);
            Attachments.mount(api, attachments);
            Ledger.mount(api, ledger);
            ReminderPreview.mount(api, reminders);
            FailedSms.mount(api, pool);
          });
    }
  }

  private static String randomSecretWithWarning() {
    LOG.warn("auth.jwtSecret is not set: using a random secret, so tokens will not survive a restart");
    return Tokens.randomSecret();
  }
}
