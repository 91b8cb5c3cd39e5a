package dev.intake.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.contracts.BucketLayout;
import dev.intake.engines.AtomicFiles;
import dev.intake.handlers.IntakeHandler;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Stands in for S3 event notifications: lists {@code incoming/} of the local bucket, and for every
 * object version it has not delivered yet, builds the S3 event JSON (the shape of test-events/s3-put.json),
 * turns it into an {@link S3Event} with the Lambda runtime's own serializer and calls the intake
 * handler. Objects put by any S3 client are seen. Which objects were delivered is persisted, so a
 * restart delivers each new object once and misses none; a failed delivery is retried next round.
 */
public final class IncomingPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IncomingPoller.class);
  private static final int STATE_VERSION = 2;
  private static final PojoSerializer<S3Event> SERIALIZER =
      LambdaEventSerializers.serializerFor(S3Event.class, IncomingPoller.class.getClassLoader());

  private final S3Client s3;
  private final String bucket;
  private final IntakeHandler intake;
  private final Path stateFile;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  private final Map<String, String> delivered = new ConcurrentHashMap<>();
  private final Map<String, Instant> retryAfter = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final java.util.Set<String> inFlight = ConcurrentHashMap.newKeySet();
  // Separate locks: a listing waits for its deliveries, which save the state on worker threads.
  private final Object pollLock = new Object();
  private final Object saveLock = new Object();
  private Instant legacyCutoff;

  public IncomingPoller(S3Client s3, String bucket, IntakeHandler intake, Path stateFile, Clock clock,
      int workers) {
    this.s3 = s3;
    this.bucket = bucket;
    this.intake = intake;
    this.stateFile = stateFile;
    this.clock = clock;
    load();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("s3-events"));
    this.workers = Executors.newFixedThreadPool(workers, daemon("intake"));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  public void start(long intervalMillis) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        pollOnce();
      } catch (RuntimeException e) {
        LOG.warn("Polling the local bucket failed; retrying: {}", e.toString());
      }
    }, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * The S3 server announces a new object (as S3 event notifications would): deliver it now, without
   * waiting for the next listing. The periodic listing stays as the safety net for anything missed.
   */
  public void announce(String key) {
    if (!key.startsWith(BucketLayout.INCOMING) || key.endsWith("/")) {
      return;
    }
    workers.submit(() -> {
      try {
        var head = s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
        S3Object o = S3Object.builder().key(key).eTag(head.eTag()).size(head.contentLength())
            .lastModified(head.lastModified()).build();
        if (!isDelivered(o) && deliver(o)) {
          save();
        }
      } catch (RuntimeException e) {
        LOG.warn("Announced object {} not delivered now ({}); the next listing will", key, e.toString());
      }
      return null;
    });
  }

  /** One round: deliver every new object under incoming/, in listing order; returns how many were delivered. */
  public int pollOnce() {
    synchronized (pollLock) {
      return listAndDeliver();
    }
  }

  private int listAndDeliver() {
    List<S3Object> fresh = new ArrayList<>();
    Instant now = clock.instant();
    for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
        .prefix(BucketLayout.INCOMING).build()).contents()) {
      if (o.key().endsWith("/") || o.eTag() == null) {
        continue;
      }
      String id = identity(o);
      if (!isDelivered(o) && !inFlight.contains(id)
          && !retryAfter.getOrDefault(id, Instant.MIN).isAfter(now)) {
        fresh.add(o);
      }
    }
    List<Future<Boolean>> results = new ArrayList<>();
    for (S3Object o : fresh) {
      results.add(workers.submit(() -> deliver(o)));
    }
    int ok = 0;
    for (Future<Boolean> f : results) {
      try {
        ok += f.get() ? 1 : 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.warn("Delivery failed: {}", e.getCause().toString());
      }
    }
    if (!fresh.isEmpty()) {
      save();
    }
    return ok;
  }

  private boolean deliver(S3Object o) {
    String id = identity(o);
    if (!inFlight.add(id)) {
      // Announced and listed at once: the other delivery is under way.
      return false;
    }
    try {
      if (isDelivered(o)) {
        // The other delivery finished between this one's listing and now.
        return false;
      }
      S3Event event = SERIALIZER.fromJson(eventJson(o).toString());
      intake.handleRequest(event, null);
      delivered.put(id, o.eTag());
      retryAfter.remove(id);
      failures.remove(id);
      return true;
    } catch (RuntimeException e) {
      // Like Lambda's asynchronous retries, but without giving up: nothing uploaded is dropped.
      int n = failures.merge(id, 1, Integer::sum);
      long backoff = Math.min(30_000L, 500L << Math.min(n, 6));
      retryAfter.put(id, clock.instant().plusMillis(backoff));
      LOG.warn("Intake of {} failed (attempt {}), retrying in {} ms: {}", o.key(), n, backoff, e.toString());
      return false;
    } finally {
      inFlight.remove(id);
    }
  }

  /**
   * One put of one key: the same bytes uploaded again later are a new put (a new modification time),
   * so they are evaluated again, as S3 would announce them again.
   */
  private static String identity(S3Object o) {
    return o.key() + "#" + o.eTag().replace("\"", "") + "#" + modified(o).getEpochSecond();
  }

  // The file server keeps whole seconds in its HTTP headers and more in its listings: use seconds.
  private static Instant modified(S3Object o) {
    return o.lastModified() == null ? Instant.EPOCH : o.lastModified().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * The event's sequencer, from the put's modification time rather than a counter, so an object
   * announced and listed, or delivered again after a restart, carries the same sequencer: the
   * submission id is derived from it, and a repeat is then a duplicate, not a second evaluation.
   * Two puts of one key within the same second share a sequencer, so their order in the history is
   * not defined; S3 itself never reuses one, and locally that order only matters to the history view.
   */
  static String sequencer(S3Object o) {
    return String.format("%016X", modified(o).getEpochSecond());
  }

  /** The S3 event notification JSON for one object, in the shape of test-events/s3-put.json. */
  ObjectNode eventJson(S3Object o) {
    String sequencer = sequencer(o);
    ObjectNode root = PipelineJson.mapper().createObjectNode();
    ArrayNode records = root.putArray("Records");
    ObjectNode r = records.addObject();
    r.put("eventVersion", "2.1");
    r.put("eventSource", "aws:s3");
    r.put("awsRegion", "us-east-1");
    r.put("eventTime", (o.lastModified() == null ? clock.instant() : modified(o)).toString());
    r.put("eventName", "ObjectCreated:Put");
    r.putObject("userIdentity").put("principalId", "local");
    r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    r.putObject("responseElements").put("x-amz-request-id", sequencer);
    ObjectNode s3Node = r.putObject("s3");
    s3Node.put("s3SchemaVersion", "1.0");
    s3Node.put("configurationId", "local-poller");
    ObjectNode b = s3Node.putObject("bucket");
    b.put("name", bucket);
    b.putObject("ownerIdentity").put("principalId", "local");
    b.put("arn", "arn:aws:s3:::" + bucket);
    ObjectNode obj = s3Node.putObject("object");
    obj.put("key", java.net.URLEncoder.encode(o.key(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("%2F", "/"));
    obj.put("size", o.size());
    obj.put("eTag", o.eTag().replace("\"", ""));
    obj.put("sequencer", sequencer);
    return root;
  }

  private boolean isDelivered(S3Object o) {
    if (delivered.containsKey(identity(o))) {
      return true;
    }
    // A position saved before puts were told apart by time named them key#eTag: those entries still
    // cover the objects that were there then, so an upgraded runtime evaluates nothing twice.
    return legacyCutoff != null && modified(o).isBefore(legacyCutoff)
        && delivered.containsKey(o.key() + "#" + o.eTag());
  }

  private void load() {
    if (!Files.exists(stateFile)) {
      return;
    }
    try {
      JsonNode state = PipelineJson.mapper().readTree(stateFile.toFile());
      state.path("delivered").fields().forEachRemaining(e -> delivered.put(e.getKey(), e.getValue().asText()));
      if (state.hasNonNull("legacyCutoff")) {
        legacyCutoff = Instant.parse(state.get("legacyCutoff").asText());
      } else if (state.path("version").asInt(1) < STATE_VERSION && !delivered.isEmpty()) {
        legacyCutoff = Files.getLastModifiedTime(stateFile).toInstant().plusSeconds(1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the poller state " + stateFile, e);
    }
  }

  private void save() {
    synchronized (saveLock) {
      write();
    }
  }

  private void write() {
    ObjectNode state = PipelineJson.mapper().createObjectNode();
    state.put("version", STATE_VERSION);
    if (legacyCutoff != null) {
      state.put("legacyCutoff", legacyCutoff.toString());
    }
    ObjectNode d = state.putObject("delivered");
    new HashMap<>(delivered).forEach(d::put);
    try {
      AtomicFiles.replace(stateFile, PipelineJson.bytes(state));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the poller state " + stateFile, e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    workers.shutdownNow();
  }
}
