package dev.skywarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Drives Debian's headless Chromium ({@value #BINARY}) over the DevTools protocol for the report
 * tests. Chromium listens on a random loopback port ({@code --remote-debugging-port=0}) and writes
 * it to {@code DevToolsActivePort} in a new profile folder; the client speaks the protocol over the
 * JDK's {@link WebSocket}. Every event is recorded, so tests can read console errors and network
 * requests. Not thread-safe; one test uses one instance.
 */
final class Chromium implements AutoCloseable {

  /** The Chromium binary of Debian's {@code chromium} package. */
  static final String BINARY = "/usr/bin/chromium";

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path profile;
  private final Process process;
  private final WebSocket socket;
  private final String sessionId;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();

  /** Tells whether the Chromium binary is installed. */
  static boolean installed() {
    return Files.isExecutable(Path.of(BINARY));
  }

  /** Starts Chromium with a page of the given viewport size in CSS pixels. */
  Chromium(int width, int height) throws IOException, InterruptedException {
    profile = Files.createTempDirectory("skywarden-chromium");
    process =
        new ProcessBuilder(
                BINARY,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    socket = connect(browserEndpoint());

    JsonNode target =
        send(null, "Target.createTarget", MAPPER.createObjectNode().put("url", "about:blank"));
    JsonNode attached =
        send(
            null,
            "Target.attachToTarget",
            MAPPER
                .createObjectNode()
                .put("targetId", target.get("targetId").asText())
                .put("flatten", true));
    sessionId = attached.get("sessionId").asText();
    for (String domain : List.of("Page", "Runtime", "Network", "Log")) {
      call(domain + ".enable", MAPPER.createObjectNode());
    }
    call(
        "Emulation.setDeviceMetricsOverride",
        MAPPER
            .createObjectNode()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }

  /** Navigates to a URL and waits for its load event. */
  void open(String url) throws IOException, InterruptedException {
    call("Page.navigate", MAPPER.createObjectNode().put("url", url));
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (eventsNamed("Page.loadEventFired").isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("timed out waiting for the load event of " + url);
      }
      Thread.sleep(50);
    }
  }

  /** Evaluates a JavaScript expression in the page and returns its value as JSON. */
  JsonNode evaluate(String expression) throws IOException, InterruptedException {
    JsonNode result =
        call(
            "Runtime.evaluate",
            MAPPER
                .createObjectNode()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IOException("script failed: " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Emulates a CSS media type, such as {@code print}; an empty string returns to the default. */
  void emulateMedia(String media) throws IOException, InterruptedException {
    call("Emulation.setEmulatedMedia", MAPPER.createObjectNode().put("media", media));
  }

  /** Sets the viewport size in CSS pixels, as a window resize does. */
  void resize(int width, int height) throws IOException, InterruptedException {
    call(
        "Emulation.setDeviceMetricsOverride",
        MAPPER
            .createObjectNode()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }

  /** Captures the viewport as PNG bytes. */
  byte[] screenshot() throws IOException, InterruptedException {
    JsonNode result =
        call("Page.captureScreenshot", MAPPER.createObjectNode().put("format", "png"));
    return Base64.getDecoder().decode(result.get("data").asText());
  }

  /** Returns the URLs of every request the page started, in order. */
  List<String> requestedUrls() {
    return eventsNamed("Network.requestWillBeSent").stream()
        .map(event -> event.path("params").path("request").path("url").asText())
        .toList();
  }

  /** Returns uncaught exceptions, console errors and warnings, and browser log errors as text. */
  List<String> errors() {
    List<String> errors = new ArrayList<>();
    for (JsonNode event : eventsNamed("Runtime.exceptionThrown")) {
      errors.add("exception: " + event.path("params").path("exceptionDetails"));
    }
    for (JsonNode event : eventsNamed("Runtime.consoleAPICalled")) {
      String type = event.path("params").path("type").asText();
      if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
        errors.add("console " + type + ": " + event.path("params").path("args"));
      }
    }
    for (JsonNode event : eventsNamed("Log.entryAdded")) {
      String level = event.path("params").path("entry").path("level").asText();
      if (level.equals("error") || level.equals("warning")) {
        errors.add("log " + level + ": " + event.path("params").path("entry").path("text"));
      }
    }
    return errors;
  }

  private List<JsonNode> eventsNamed(String method) {
    synchronized (events) {
      return events.stream().filter(e -> e.path("method").asText().equals(method)).toList();
    }
  }

  private JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
    return send(sessionId, method, params);
  }

  private JsonNode send(String session, String method, ObjectNode params)
      throws IOException, InterruptedException {
    int id = ids.incrementAndGet();
    ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> response = new CompletableFuture<>();
    pending.put(id, response);
    socket.sendText(MAPPER.writeValueAsString(message), true).join();
    try {
      JsonNode reply = response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new IOException("DevTools " + method + " failed: " + reply.get("error"));
      }
      return reply.path("result");
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("DevTools " + method + " got no answer: " + e, e);
    }
  }

  /** Reads the browser's WebSocket URL from {@code DevToolsActivePort} once Chromium wrote it. */
  private String browserEndpoint() throws IOException, InterruptedException {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      if (Files.isRegularFile(portFile)) {
        List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
        if (lines.size() >= 2) {
          return "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim();
        }
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException(
            "Chromium did not open its DevTools port; log: "
                + Files.readString(profile.resolve("chromium.log"), StandardCharsets.UTF_8));
      }
      Thread.sleep(50);
    }
  }

  private WebSocket connect(String endpoint) {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .connectTimeout(TIMEOUT)
        .buildAsync(URI.create(endpoint), new Listener())
        .join();
  }

  /** Joins message parts and hands replies to their callers and events to the event list. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        try {
          JsonNode message = MAPPER.readTree(text);
          if (message.has("id")) {
            CompletableFuture<JsonNode> waiting = pending.remove(message.get("id").asInt());
            if (waiting != null) {
              waiting.complete(message);
            }
          } else {
            synchronized (events) {
              events.add(message);
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException("invalid DevTools message: " + text, e);
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // Chromium's helper processes may still add or remove files while they exit: the walk then
      // fails (as UncheckedIOException) and a file may stay behind in the temp folder.
    }
  }
}
