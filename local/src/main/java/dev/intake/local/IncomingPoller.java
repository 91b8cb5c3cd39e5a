package dev.intake.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.contracts.BucketLayout;
import dev.intake.engines.AtomicFiles;
import dev.intake.engines.ObjectVersion;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Stands in for S3 event notifications of a versioned bucket: for every put under {@code incoming/}
 * it has not delivered yet, builds the S3 event JSON (the shape of test-events/s3-put.json, with the
 * version id the local S3 kept for that put), turns it into an {@link S3Event} with the Lambda
 * runtime's own serializer and calls the intake handler. The S3 server announces each put as it
 * keeps its version; every round also goes through all kept versions (and lists {@code incoming/}
 * for objects put before versions were kept), so nothing announced and lost is missed. Which puts
 * were delivered is persisted, so a restart delivers each new one once and misses none; a failed
 * delivery is retried next round.
 */
public final class IncomingPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IncomingPoller.class);
  private static final int STATE_VERSION = 2;
  /** How old an object without a kept version must be before a round delivers it as listed. */
  static final java.time.Duration VERSION_GRACE = java.time.Duration.ofSeconds(10);
  private static final PojoSerializer<S3Event> SERIALIZER =
      LambdaEventSerializers.serializerFor(S3Event.class, IncomingPoller.class.getClassLoader());

  /** The versions the local S3 kept of a bucket's puts, in put order. */
  @FunctionalInterface
  public interface Versions {
    List<ObjectVersion> of(String bucket);

    Versions NONE = bucket -> List.of();
  }

  private final S3Client s3;
  private final Versions versions;
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

  public IncomingPoller(S3Client s3, Versions versions, String bucket, IntakeHandler intake, Path stateFile,
      Clock clock, int workers) {
    this.s3 = s3;
    this.versions = versions;
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
   * The S3 server announces a put (as S3 event notifications would): deliver it now, without
   * waiting for the next round. The rounds stay as the safety net for anything missed.
   */
  public void announce(ObjectVersion version) {
    if (!incoming(version.key())) {
      return;
    }
    Put put = Put.of(version);
    workers.submit(() -> {
      try {
        if (!isDelivered(put) && deliver(put)) {
          save();
        }
      } catch (RuntimeException e) {
        LOG.warn("Announced put of {} not delivered now ({}); the next round will", put.key(), e.toString());
      }
      return null;
    });
  }

  private static boolean incoming(String key) {
    return key.startsWith(BucketLayout.INCOMING) && !key.endsWith("/");
  }

  /** One round: deliver every put not delivered yet, in put order; returns how many were delivered. */
  public int pollOnce() {
    synchronized (pollLock) {
      return deliverUndelivered();
    }
  }

  private int deliverUndelivered() {
    List<Put> fresh = new ArrayList<>();
    Instant now = clock.instant();
    Set<String> kept = new HashSet<>();
    for (ObjectVersion v : versions.of(bucket)) {
      if (incoming(v.key())) {
        kept.add(v.key() + "#" + v.eTag());
        consider(Put.of(v), now, fresh);
      }
    }
    // Objects of which the server kept no version (put before it kept versions, or a put whose version
    // the server never got to keep): as listed. A put younger than the grace may be one whose version
    // is being kept right now; the next rounds look again.
    Instant settled = now.minus(VERSION_GRACE);
    for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
        .prefix(BucketLayout.INCOMING).build()).contents()) {
      if (incoming(o.key()) && o.eTag() != null && !kept.contains(o.key() + "#" + o.eTag().replace("\"", ""))
          && modified(o).isBefore(settled)) {
        consider(Put.of(o), now, fresh);
      }
    }
    List<Future<Boolean>> results = new ArrayList<>();
    for (Put p : fresh) {
      results.add(workers.submit(() -> deliver(p)));
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

  private void consider(Put p, Instant now, List<Put> fresh) {
    String id = p.identity();
    if (!isDelivered(p) && !inFlight.contains(id) && !retryAfter.getOrDefault(id, Instant.MIN).isAfter(now)) {
      fresh.add(p);
    }
  }

  private boolean deliver(Put p) {
    String id = p.identity();
    if (!inFlight.add(id)) {
      // Announced and found by a round at once: the other delivery is under way.
      return false;
    }
    try {
      if (isDelivered(p)) {
        // The other delivery finished between this one's round and now.
        return false;
      }
      S3Event event = SERIALIZER.fromJson(eventJson(p).toString());
      intake.handleRequest(event, null);
      delivered.put(id, p.eTag());
      retryAfter.remove(id);
      failures.remove(id);
      return true;
    } catch (RuntimeException e) {
      // Like Lambda's asynchronous retries, but without giving up: nothing uploaded is dropped.
      int n = failures.merge(id, 1, Integer::sum);
      long backoff = Math.min(30_000L, 500L << Math.min(n, 6));
      retryAfter.put(id, clock.instant().plusMillis(backoff));
      LOG.warn("Intake of {} failed (attempt {}), retrying in {} ms: {}", p.key(), n, backoff, e.toString());
      return false;
    } finally {
      inFlight.remove(id);
    }
  }

  /**
   * One put to deliver: a version the server kept, or an object it kept none of (then the same
   * bytes uploaded again later are a new put by their modification time, evaluated again, as S3
   * would announce them again).
   *
   * @param sequencer a version's own; for an object without one, from its modification time, so it
   *     carries the same sequencer (and submission id) when announced, listed or delivered again
   */
  record Put(String key, String eTag, long size, Instant lastModified, String versionId, String sequencer) {

    static Put of(ObjectVersion v) {
      return new Put(v.key(), v.eTag(), v.size(), v.lastModified(), v.versionId(), v.sequencer());
    }

    static Put of(S3Object o) {
      Instant modified = modified(o);
      return new Put(o.key(), o.eTag().replace("\"", ""), o.size(), modified, null,
          String.format("%016X", modified.getEpochSecond()));
    }

    String identity() {
      return versionId != null ? key + "#" + versionId : key + "#" + eTag + "#" + lastModified.getEpochSecond();
    }
  }

  // The file server keeps whole seconds in its HTTP headers and more in its listings: use seconds.
  private static Instant modified(S3Object o) {
    return o.lastModified() == null ? Instant.EPOCH : o.lastModified().truncatedTo(ChronoUnit.SECONDS);
  }

  /** The S3 event notification JSON for one put, in the shape of test-events/s3-put.json. */
  ObjectNode eventJson(Put p) {
    ObjectNode root = PipelineJson.mapper().createObjectNode();
    ArrayNode records = root.putArray("Records");
    ObjectNode r = records.addObject();
    r.put("eventVersion", "2.1");
    r.put("eventSource", "aws:s3");
    r.put("awsRegion", "us-east-1");
    r.put("eventTime", p.lastModified().toString());
    r.put("eventName", "ObjectCreated:Put");
    r.putObject("userIdentity").put("principalId", "local");
    r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    r.putObject("responseElements").put("x-amz-request-id", p.sequencer());
    ObjectNode s3Node = r.putObject("s3");
    s3Node.put("s3SchemaVersion", "1.0");
    s3Node.put("configurationId", "local-poller");
    ObjectNode b = s3Node.putObject("bucket");
    b.put("name", bucket);
    b.putObject("ownerIdentity").put("principalId", "local");
    b.put("arn", "arn:aws:s3:::" + bucket);
    ObjectNode obj = s3Node.putObject("object");
    obj.put("key", java.net.URLEncoder.encode(p.key(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("%2F", "/"));
    obj.put("size", p.size());
    obj.put("eTag", p.eTag());
    if (p.versionId() != null) {
      obj.put("versionId", p.versionId());
    }
    obj.put("sequencer", p.sequencer());
    return root;
  }

  private boolean isDelivered(Put p) {
    if (delivered.containsKey(p.identity())) {
      return true;
    }
    // A position saved before puts were told apart by time named them key#eTag (the listing's quoted
    // eTag): those entries still cover the objects that were there then, so an upgraded runtime
    // evaluates nothing twice.
    return legacyCutoff != null && p.lastModified().isBefore(legacyCutoff)
        && delivered.containsKey(p.key() + "#\"" + p.eTag() + "\"");
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
