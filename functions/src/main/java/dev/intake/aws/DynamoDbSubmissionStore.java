package dev.intake.aws;

import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The submission store on one DynamoDB table (low-level client: no reflection at cold start).
 *
 * <p>Layout, shared with the CDK stack (keep the names in step):
 * <ul>
 *   <li>submission: {@code PK=SUB#{id}}, {@code SK=META}; {@code GSI1PK=PARTNER#{partnerId}},
 *       {@code GSI2PK=STATUS#{status}}, {@code GSI3PK=SUBMISSIONS}, each with sort key
 *       {@code {receivedAt}#{id}}; {@code GSI4PK=DOC#{documentId}},
 *       {@code GSI4SK={sequencer zero-padded to 64}#{id}}; {@code statusRank} = status rank;
 *   <li>finding: {@code SK=FINDING#{index, 5 digits}} — a retried write overwrites, never adds;
 *   <li>decision: {@code SK=DECISION#{at}#{decisionId}}, written only if absent.
 * </ul>
 * Times in keys are ISO-8601 UTC with exactly nine fraction digits, so string order is time order.
 * Every status write is conditional on {@code statusRank} (no transactions: dynalite lacks them).
 *
 * <p>With a retention, every item of a submission carries {@value #TTL_ATTRIBUTE} (epoch seconds:
 * received + retention; a decision: made + retention), the table's time-to-live attribute, and a
 * submission past it reads as absent even before DynamoDB deletes it (that can take days), so the
 * API never links to reports the bucket's lifecycle rule of the same retention has removed.
 */
public final class DynamoDbSubmissionStore implements SubmissionStore {

  public static final String INDEX_BY_PARTNER = "byPartner";
  public static final String INDEX_BY_STATUS = "byStatus";
  public static final String INDEX_ALL = "all";
  public static final String INDEX_BY_DOCUMENT = "byDocument";
  public static final int MAX_LIST_LIMIT = 100;
  /** The table's time-to-live attribute; the CDK stack enables TTL on the same name (infra Storage). */
  public static final String TTL_ATTRIBUTE = "expiresAt";

  static final String SUBMISSION_PREFIX = "SUB#";
  static final String META = "META";
  static final String PARTNER_PREFIX = "PARTNER#";
  static final String STATUS_PREFIX = "STATUS#";
  static final String ALL_PARTITION = "SUBMISSIONS";
  static final String DOCUMENT_PREFIX = "DOC#";
  static final String FINDING_PREFIX = "FINDING#";
  static final String DECISION_PREFIX = "DECISION#";
  static final int SEQUENCER_WIDTH = 64;
  static final int MAX_FAILURE_CHARS = 8000;

  /** Every status write sets these together: the status, its rank (for the conditions) and the status index key. */
  private static final String SET_STATUS =
      "SET #status = :status, statusRank = :rank, GSI2PK = :gsi2pk, updatedAt = :at";

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSubmissionStore.class);
  private static final DateTimeFormatter SORTABLE_INSTANT =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter(Locale.ROOT);
  private static final Pattern SEQUENCER = Pattern.compile("[0-9A-Fa-f]{1," + SEQUENCER_WIDTH + "}");
  private static final int BATCH_SIZE = 25;
  private static final int BATCH_ATTEMPTS = 8;
  private static final int FILTERED_PAGE_SIZE = 100;
  private static final int MAX_QUERIES_PER_LIST = 10;
  private static final Map<String, String> STATUS_NAME = Map.of("#status", "status");

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final int filteredPageSize;
  private final int maxQueriesPerList;
  private final Duration retention;
  private final Clock clock;

  /** A store whose items never expire (the local runtime, most tests). */
  public DynamoDbSubmissionStore(DynamoDbClient dynamoDb, String tableName) {
    this(dynamoDb, tableName, FILTERED_PAGE_SIZE, MAX_QUERIES_PER_LIST, null, Clock.systemUTC());
  }

  /**
   * A store whose items expire {@code retention} after their submission was received.
   *
   * @param clock decides when an item has expired on reads
   */
  public DynamoDbSubmissionStore(DynamoDbClient dynamoDb, String tableName, Duration retention, Clock clock) {
    this(dynamoDb, tableName, FILTERED_PAGE_SIZE, MAX_QUERIES_PER_LIST, Objects.requireNonNull(retention, "retention"),
        clock);
  }

  /** With smaller bounds on a filtered listing, so a test can reach them with a few items. */
  DynamoDbSubmissionStore(DynamoDbClient dynamoDb, String tableName, int filteredPageSize, int maxQueriesPerList) {
    this(dynamoDb, tableName, filteredPageSize, maxQueriesPerList, null, Clock.systemUTC());
  }

  private DynamoDbSubmissionStore(DynamoDbClient dynamoDb, String tableName, int filteredPageSize,
      int maxQueriesPerList, Duration retention, Clock clock) {
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("retention must be positive, was " + retention);
    }
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.filteredPageSize = filteredPageSize;
    this.maxQueriesPerList = maxQueriesPerList;
    this.retention = retention;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public String tableName() {
    return tableName;
  }

  // ---------------------------------------------------------------- writes

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the sequencer is not hexadecimal of at most 64 digits
   *     (S3 gives upper-case hex; only then is the padded string order the upload order)
   */
  @Override
  public boolean create(Submission submission) {
    Map<String, AttributeValue> item = submissionItem(submission);
    expireAfter(item, submission.receivedAt());
    try {
      dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(PK)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw AwsFailures.translate("create " + submission.submissionId(), e);
    }
  }

  /** {@inheritDoc} Also false when there is no such submission. */
  @Override
  public boolean advance(String submissionId, SubmissionStatus next, Instant at) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(at, "at");
    return conditionalUpdate("advance " + submissionId, submissionId, SET_STATUS,
        "attribute_exists(PK) AND statusRank < :rank", statusValues(next, at));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Order matters because there are no transactions: the findings are written first, then the
   * status flips to terminal under a condition. A crash between the two leaves the findings of an
   * evaluation that is not yet visible as done; the retry rewrites the same items and flips the
   * status. A call for a submission that is already terminal (or absent) writes nothing.
   */
  @Override
  public boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey, String annotatedKey,
      Instant at) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(at, "at");
    Optional<Submission> current = get(submissionId);
    if (current.isEmpty()) {
      LOG.warn("Evaluation for unknown submission {} not saved", submissionId);
      return false;
    }
    if (current.get().status().terminal()) {
      return false;
    }
    writeFindings(submissionId, report.findings(), current.get().receivedAt());

    Map<String, AttributeValue> values = statusValues(SubmissionStatus.of(report.status()), at);
    values.put(":summary", summary(report.summary()));
    values.put(":cv", s(report.checklistVersion()));
    values.put(":pn", s(report.partner().name() == null ? "" : report.partner().name()));
    StringBuilder set = new StringBuilder(SET_STATUS + ", summary = :summary, checklistVersion = :cv, "
        + "partnerName = :pn");
    List<String> remove = new ArrayList<>();
    setOrRemove("reportKey", ":rk", reportKey, set, remove, values);
    setOrRemove("annotatedKey", ":ak", annotatedKey, set, remove, values);
    String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    values.put(":terminal", n(SubmissionStatus.READY.rank()));
    return conditionalUpdate("save evaluation of " + submissionId, submissionId, update,
        "attribute_exists(PK) AND statusRank < :terminal", values);
  }

  /**
   * {@inheritDoc} Also false when there is no such submission. A reason longer than 8,000
   * characters is cut there.
   */
  @Override
  public boolean markFailed(String submissionId, String reason, Instant at) {
    Objects.requireNonNull(at, "at");
    String why = reason == null || reason.isBlank() ? "no reason given" : reason;
    if (why.length() > MAX_FAILURE_CHARS) {
      why = why.substring(0, MAX_FAILURE_CHARS - 1) + "…";
    }
    Map<String, AttributeValue> values = statusValues(SubmissionStatus.FAILED, at);
    values.put(":failure", s(why));
    return conditionalUpdate("mark failed " + submissionId, submissionId, SET_STATUS + ", failure = :failure",
        "attribute_exists(PK) AND statusRank < :rank", values);
  }

  private static Map<String, AttributeValue> statusValues(SubmissionStatus status, Instant at) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":status", s(status.name()));
    values.put(":rank", n(status.rank()));
    values.put(":gsi2pk", s(STATUS_PREFIX + status.name()));
    values.put(":at", s(time(at)));
    return values;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The sort key holds the decision's time and id, so a retry must pass the same decision (the
   * same {@code at}): the record is made once and retried whole.
   */
  @Override
  public void addDecision(Decision decision) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(SUBMISSION_PREFIX + decision.submissionId()));
    item.put("SK", s(DECISION_PREFIX + time(decision.at()) + "#" + decision.decisionId()));
    item.put("decisionId", s(decision.decisionId()));
    item.put("submissionId", s(decision.submissionId()));
    item.put("action", s(decision.action().name()));
    item.put("comment", s(decision.comment()));
    putIfNotNull(item, "findingRef", decision.findingRef());
    item.put("reviewer", s(decision.reviewer()));
    item.put("at", s(time(decision.at())));
    expireAfter(item, decision.at());
    try {
      dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(PK)"));
    } catch (ConditionalCheckFailedException e) {
      LOG.debug("Decision {} on {} already recorded", decision.decisionId(), decision.submissionId());
    } catch (SdkException e) {
      throw AwsFailures.translate("add decision to " + decision.submissionId(), e);
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Optional<Submission> get(String submissionId) {
    Map<String, AttributeValue> key = submissionKey(submissionId);
    try {
      var response = dynamoDb.getItem(b -> b.tableName(tableName).key(key).consistentRead(true));
      return response.hasItem() && !response.item().isEmpty() && !expired(response.item())
          ? Optional.of(toSubmission(response.item()))
          : Optional.empty();
    } catch (SdkException e) {
      throw AwsFailures.translate("get " + submissionId, e);
    }
  }

  /** {@inheritDoc} In the order of their index in the report. */
  @Override
  public List<Finding> findings(String submissionId) {
    List<Map<String, AttributeValue>> items = queryPrefix("findings of " + submissionId, submissionId,
        FINDING_PREFIX);
    items.sort(Comparator.comparingLong(item -> Long.parseLong(item.get("findingIndex").n())));
    return items.stream().map(DynamoDbSubmissionStore::toFinding).toList();
  }

  @Override
  public List<Decision> decisions(String submissionId) {
    return queryPrefix("decisions of " + submissionId, submissionId, DECISION_PREFIX).stream()
        .map(DynamoDbSubmissionStore::toDecision)
        .toList();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A partner listing filtered by status reads the partner's index and filters; to bound the work
   * of one call it reads at most ten pages of the index, so such a page may hold fewer than
   * {@code limit} items (even none) and still carry a next token. A token is only valid for the
   * same partner and status it was issued for.
   *
   * @throws IllegalArgumentException when {@code limit} is outside 1..100 or the token is not one
   *     this listing issued
   */
  @Override
  public Page<Submission> list(String partnerId, SubmissionStatus status, int limit, String nextToken) {
    if (limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIST_LIMIT + ", was " + limit);
    }
    ListQuery query = ListQuery.of(partnerId, status);
    Map<String, AttributeValue> start = PageTokens.decode(query, nextToken);
    List<Submission> items = new ArrayList<>(limit);
    for (int calls = 1; ; calls++) {
      QueryResponse response = listPage(query, start, limit - items.size());
      List<Map<String, AttributeValue>> page = response.items();
      boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
      for (int i = 0; i < page.size(); i++) {
        items.add(toSubmission(page.get(i)));
        if (items.size() == limit) {
          // Resume right after the last item returned, not after the page: with a filter the
          // page may have read further than the items this call hands out.
          boolean rest = i < page.size() - 1 || more;
          return new Page<>(items, rest ? PageTokens.encode(query, page.get(i)) : null);
        }
      }
      if (!more) {
        return new Page<>(items, null);
      }
      start = response.lastEvaluatedKey();
      if (calls >= maxQueriesPerList) {
        return new Page<>(items, PageTokens.encode(query, start));
      }
    }
  }

  @Override
  public List<Submission> history(String documentId) {
    QueryRequest request = QueryRequest.builder()
        .tableName(tableName)
        .indexName(INDEX_BY_DOCUMENT)
        .keyConditionExpression("GSI4PK = :pk")
        .expressionAttributeValues(Map.of(":pk", s(DOCUMENT_PREFIX + documentId)))
        .scanIndexForward(true)
        .build();
    return queryAll("history of " + documentId, request).stream()
        .map(DynamoDbSubmissionStore::toSubmission)
        .toList();
  }

  // ---------------------------------------------------------------- table

  /**
   * Creates the table with the layout this store uses (on-demand billing) unless it exists, and
   * waits until it and its indexes are ACTIVE. For tests and the local runtime; on AWS the CDK
   * stack creates the table.
   *
   * @throws IllegalStateException when a table of that name exists without this store's indexes
   */
  public static void createTable(DynamoDbClient dynamoDb, String tableName) {
    try {
      TableDescription existing = dynamoDb.describeTable(b -> b.tableName(tableName)).table();
      requireLayout(existing);
    } catch (ResourceNotFoundException e) {
      try {
        dynamoDb.createTable(b -> b.tableName(tableName)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(stringAttributes("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK",
                "GSI3PK", "GSI3SK", "GSI4PK", "GSI4SK"))
            .keySchema(keySchema("PK", "SK"))
            .globalSecondaryIndexes(
                index(INDEX_BY_PARTNER, "GSI1PK", "GSI1SK"),
                index(INDEX_BY_STATUS, "GSI2PK", "GSI2SK"),
                index(INDEX_ALL, "GSI3PK", "GSI3SK"),
                index(INDEX_BY_DOCUMENT, "GSI4PK", "GSI4SK")));
        LOG.info("Created table {}", tableName);
      } catch (ResourceInUseException raced) {
        LOG.debug("Table {} was created concurrently", tableName);
      }
    } catch (SdkException e) {
      throw AwsFailures.translate("create table " + tableName, e);
    }
    awaitActive(dynamoDb, tableName, Duration.ofSeconds(60));
  }

  private static void requireLayout(TableDescription table) {
    Set<String> indexes = Set.of(INDEX_BY_PARTNER, INDEX_BY_STATUS, INDEX_ALL, INDEX_BY_DOCUMENT);
    List<String> present = table.globalSecondaryIndexes().stream()
        .map(GlobalSecondaryIndexDescription::indexName)
        .toList();
    if (!present.containsAll(indexes)) {
      throw new IllegalStateException("Table " + table.tableName() + " exists without the indexes " + indexes
          + " (has " + present + ")");
    }
  }

  private static void awaitActive(DynamoDbClient dynamoDb, String tableName, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseMillis = 50;
    while (true) {
      TableDescription table;
      try {
        table = dynamoDb.describeTable(b -> b.tableName(tableName)).table();
      } catch (SdkException e) {
        throw AwsFailures.translate("describe table " + tableName, e);
      }
      boolean indexesActive = table.globalSecondaryIndexes().stream()
          .allMatch(gsi -> gsi.indexStatus() == IndexStatus.ACTIVE);
      if (table.tableStatus() == TableStatus.ACTIVE && indexesActive) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StoreUnavailableException("Table " + tableName + " not ACTIVE after " + timeout, null);
      }
      pause(pauseMillis);
      pauseMillis = Math.min(pauseMillis * 2, 1000);
    }
  }

  private static AttributeDefinition[] stringAttributes(String... names) {
    AttributeDefinition[] out = new AttributeDefinition[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = AttributeDefinition.builder().attributeName(names[i]).attributeType(ScalarAttributeType.S).build();
    }
    return out;
  }

  private static List<KeySchemaElement> keySchema(String hash, String range) {
    return List.of(
        KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
  }

  private static GlobalSecondaryIndex index(String name, String hash, String range) {
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(keySchema(hash, range))
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
        .build();
  }

  // ---------------------------------------------------------------- plumbing

  private boolean conditionalUpdate(String operation, String submissionId, String update, String condition,
      Map<String, AttributeValue> values) {
    Map<String, AttributeValue> key = submissionKey(submissionId);
    try {
      dynamoDb.updateItem(b -> b.tableName(tableName)
          .key(key)
          .updateExpression(update)
          .conditionExpression(condition)
          .expressionAttributeNames(STATUS_NAME)
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw AwsFailures.translate(operation, e);
    }
  }

  private void writeFindings(String submissionId, List<Finding> findings, Instant receivedAt) {
    List<WriteRequest> writes = new ArrayList<>(findings.size());
    for (int i = 0; i < findings.size(); i++) {
      Map<String, AttributeValue> item = findingItem(submissionId, i, findings.get(i));
      expireAfter(item, receivedAt);
      writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }
    for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
      writeBatch(submissionId, writes.subList(from, Math.min(from + BATCH_SIZE, writes.size())));
    }
  }

  private void writeBatch(String submissionId, List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    long pauseMillis = 50;
    for (int attempt = 1; ; attempt++) {
      Map<String, List<WriteRequest>> request = Map.of(tableName, pending);
      BatchWriteItemResponse response;
      try {
        response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
      } catch (SdkException e) {
        throw AwsFailures.translate("write findings of " + submissionId, e);
      }
      List<WriteRequest> unprocessed = response.hasUnprocessedItems()
          ? response.unprocessedItems().getOrDefault(tableName, List.of())
          : List.of();
      if (unprocessed.isEmpty()) {
        return;
      }
      if (attempt == BATCH_ATTEMPTS) {
        throw new StoreUnavailableException(unprocessed.size() + " findings of " + submissionId
            + " still unprocessed after " + attempt + " attempts", null);
      }
      LOG.debug("{} findings of {} unprocessed, retrying", unprocessed.size(), submissionId);
      pending = unprocessed;
      pause(pauseMillis + ThreadLocalRandom.current().nextLong(pauseMillis));
      pauseMillis = Math.min(pauseMillis * 2, 2000);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("Interrupted while waiting to retry", e);
    }
  }

  private QueryResponse listPage(ListQuery query, Map<String, AttributeValue> start, int remaining) {
    Map<String, String> names = new HashMap<>();
    names.put("#pk", query.partitionAttribute());
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pk", s(query.partitionValue()));
    QueryRequest.Builder b = QueryRequest.builder()
        .tableName(tableName)
        .indexName(query.index())
        .keyConditionExpression("#pk = :pk")
        .scanIndexForward(false)
        .exclusiveStartKey(start);
    if (query.filterStatus() != null) {
      names.put("#status", "status");
      values.put(":status", s(query.filterStatus().name()));
      b.filterExpression("#status = :status").limit(Math.max(remaining + 1, filteredPageSize));
    } else {
      // One more than needed: if it comes back there is a next page, if not this is the last one,
      // and a client never has to fetch an empty page to learn that.
      b.limit(remaining + 1);
    }
    QueryRequest request = b.expressionAttributeNames(names).expressionAttributeValues(values).build();
    try {
      return dynamoDb.query(request);
    } catch (SdkException e) {
      throw AwsFailures.translate("list " + query.index(), e);
    }
  }

  private List<Map<String, AttributeValue>> queryPrefix(String operation, String submissionId, String prefix) {
    QueryRequest request = QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
        .expressionAttributeValues(Map.of(":pk", s(SUBMISSION_PREFIX + submissionId), ":prefix", s(prefix)))
        .consistentRead(true)
        .scanIndexForward(true)
        .build();
    return queryAll(operation, request);
  }

  private List<Map<String, AttributeValue>> queryAll(String operation, QueryRequest first) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    QueryRequest request = first;
    try {
      while (true) {
        QueryResponse response = dynamoDb.query(request);
        out.addAll(response.items());
        if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
          return out;
        }
        request = request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
      }
    } catch (SdkException e) {
      throw AwsFailures.translate(operation, e);
    }
  }

  /** Stamps the item with its expiry, {@code from} + retention, when this store has a retention. */
  private void expireAfter(Map<String, AttributeValue> item, Instant from) {
    if (retention != null) {
      item.put(TTL_ATTRIBUTE, n(from.plus(retention).getEpochSecond()));
    }
  }

  /** Past its expiry: DynamoDB may not have deleted it yet, but it is gone for the API. */
  private boolean expired(Map<String, AttributeValue> item) {
    AttributeValue expiresAt = item.get(TTL_ATTRIBUTE);
    return expiresAt != null && expiresAt.n() != null
        && Long.parseLong(expiresAt.n()) <= clock.instant().getEpochSecond();
  }

  // ---------------------------------------------------------------- mapping

  private static Map<String, AttributeValue> submissionKey(String submissionId) {
    Objects.requireNonNull(submissionId, "submissionId");
    return Map.of("PK", s(SUBMISSION_PREFIX + submissionId), "SK", s(META));
  }

  private static Map<String, AttributeValue> submissionItem(Submission sub) {
    String id = sub.submissionId();
    String received = time(sub.receivedAt());
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(SUBMISSION_PREFIX + id));
    item.put("SK", s(META));
    item.put("submissionId", s(id));
    item.put("partnerId", s(sub.partnerId()));
    putIfNotNull(item, "fileName", sub.fileName());
    putIfNotNull(item, "bucket", sub.bucket());
    putIfNotNull(item, "key", sub.key());
    putIfNotNull(item, "versionId", sub.versionId());
    putIfNotNull(item, "sequencer", sub.sequencer());
    putIfNotNull(item, "documentId", sub.documentId());
    item.put("sizeBytes", n(sub.sizeBytes()));
    item.put("receivedAt", s(received));
    putIfNotNull(item, "asOf", sub.asOf() == null ? null : sub.asOf().toString());
    item.put("status", s(sub.status().name()));
    item.put("statusRank", n(sub.status().rank()));
    if (sub.summary() != null) {
      item.put("summary", summary(sub.summary()));
    }
    putIfNotNull(item, "checklistVersion", sub.checklistVersion());
    putIfNotNull(item, "partnerName", sub.partnerName());
    putIfNotNull(item, "reportKey", sub.reportKey());
    putIfNotNull(item, "annotatedKey", sub.annotatedKey());
    putIfNotNull(item, "failure", sub.failure());
    putIfNotNull(item, "updatedAt", sub.updatedAt() == null ? null : time(sub.updatedAt()));
    String sortKey = received + "#" + id;
    item.put("GSI1PK", s(PARTNER_PREFIX + sub.partnerId()));
    item.put("GSI1SK", s(sortKey));
    item.put("GSI2PK", s(STATUS_PREFIX + sub.status().name()));
    item.put("GSI2SK", s(sortKey));
    item.put("GSI3PK", s(ALL_PARTITION));
    item.put("GSI3SK", s(sortKey));
    if (sub.documentId() != null) {
      item.put("GSI4PK", s(DOCUMENT_PREFIX + sub.documentId()));
      item.put("GSI4SK", s(paddedSequencer(sub.sequencer()) + "#" + id));
    }
    return item;
  }

  /** Zero-padded upper-case hex of fixed width: string order is then the sequencer's order. */
  static String paddedSequencer(String sequencer) {
    if (sequencer == null) {
      return "0".repeat(SEQUENCER_WIDTH);
    }
    if (!SEQUENCER.matcher(sequencer).matches()) {
      throw new IllegalArgumentException("sequencer must be 1 to " + SEQUENCER_WIDTH + " hex digits: " + sequencer);
    }
    return "0".repeat(SEQUENCER_WIDTH - sequencer.length()) + sequencer.toUpperCase(Locale.ROOT);
  }

  private static Submission toSubmission(Map<String, AttributeValue> item) {
    return new Submission(
        str(item, "submissionId"),
        str(item, "partnerId"),
        str(item, "fileName"),
        str(item, "bucket"),
        str(item, "key"),
        str(item, "versionId"),
        str(item, "sequencer"),
        str(item, "documentId"),
        item.containsKey("sizeBytes") ? Long.parseLong(item.get("sizeBytes").n()) : 0L,
        Instant.parse(str(item, "receivedAt")),
        optional(item, "asOf", LocalDate::parse),
        SubmissionStatus.valueOf(str(item, "status")),
        item.containsKey("summary") ? toSummary(item.get("summary").m()) : null,
        str(item, "checklistVersion"),
        str(item, "partnerName"),
        str(item, "reportKey"),
        str(item, "annotatedKey"),
        str(item, "failure"),
        optional(item, "updatedAt", Instant::parse));
  }

  private static Map<String, AttributeValue> findingItem(String submissionId, int index, Finding f) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(SUBMISSION_PREFIX + submissionId));
    item.put("SK", s(FINDING_PREFIX + String.format(Locale.ROOT, "%05d", index)));
    item.put("findingIndex", n(index));
    item.put("ruleId", s(f.ruleId()));
    item.put("checklistRef", s(f.checklistRef()));
    item.put("severity", s(f.severity().name()));
    item.put("message", s(f.message()));
    item.put("remediation", s(f.remediation()));
    CellRef location = f.location();
    if (location != null) {
      Map<String, AttributeValue> loc = new LinkedHashMap<>();
      loc.put("sheet", s(location.sheet()));
      putIfNotNull(loc, "cell", location.cell());
      if (location.row() != null) {
        loc.put("row", n(location.row()));
      }
      item.put("location", AttributeValue.fromM(loc));
    }
    return item;
  }

  private static Finding toFinding(Map<String, AttributeValue> item) {
    CellRef location = null;
    if (item.containsKey("location")) {
      Map<String, AttributeValue> loc = item.get("location").m();
      location = new CellRef(str(loc, "sheet"), str(loc, "cell"),
          loc.containsKey("row") ? Integer.valueOf(loc.get("row").n()) : null);
    }
    return new Finding(str(item, "ruleId"), str(item, "checklistRef"), Severity.valueOf(str(item, "severity")),
        str(item, "message"), str(item, "remediation"), location);
  }

  private static Decision toDecision(Map<String, AttributeValue> item) {
    return new Decision(str(item, "decisionId"), str(item, "submissionId"),
        Decision.Action.valueOf(str(item, "action")), str(item, "comment"), str(item, "findingRef"),
        str(item, "reviewer"), Instant.parse(str(item, "at")));
  }

  private static AttributeValue summary(Summary summary) {
    return AttributeValue.fromM(Map.of(
        "blockers", n(summary.blockers()),
        "warnings", n(summary.warnings()),
        "passed", n(summary.passed())));
  }

  private static Summary toSummary(Map<String, AttributeValue> m) {
    return new Summary(Integer.parseInt(m.get("blockers").n()), Integer.parseInt(m.get("warnings").n()),
        Integer.parseInt(m.get("passed").n()));
  }

  private static void setOrRemove(String attribute, String placeholder, String value, StringBuilder set,
      List<String> remove, Map<String, AttributeValue> values) {
    if (value == null) {
      remove.add(attribute);
    } else {
      set.append(", ").append(attribute).append(" = ").append(placeholder);
      values.put(placeholder, s(value));
    }
  }

  static String time(Instant instant) {
    return SORTABLE_INSTANT.format(instant);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static void putIfNotNull(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static <T> T optional(Map<String, AttributeValue> item, String name, Function<String, T> parse) {
    String value = str(item, name);
    return value == null ? null : parse.apply(value);
  }
}
