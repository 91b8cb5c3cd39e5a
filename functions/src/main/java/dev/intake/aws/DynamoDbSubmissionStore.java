package dev.intake.aws;

import static dev.intake.aws.SubmissionItems.DECISION_PREFIX;
import static dev.intake.aws.SubmissionItems.DOCUMENT_PREFIX;
import static dev.intake.aws.SubmissionItems.FINDING_PREFIX;
import static dev.intake.aws.SubmissionItems.PARTNER_PREFIX;
import static dev.intake.aws.SubmissionItems.STATUS_PREFIX;
import static dev.intake.aws.SubmissionItems.SUBMISSION_PREFIX;
import static dev.intake.aws.SubmissionItems.REVIEW_OPEN;
import static dev.intake.aws.SubmissionItems.decisionItem;
import static dev.intake.aws.SubmissionItems.decisionSortKey;
import static dev.intake.aws.SubmissionItems.findingItem;
import static dev.intake.aws.SubmissionItems.n;
import static dev.intake.aws.SubmissionItems.orderKey;
import static dev.intake.aws.SubmissionItems.reviewAttributes;
import static dev.intake.aws.SubmissionItems.reviewPartition;
import static dev.intake.aws.SubmissionItems.s;
import static dev.intake.aws.SubmissionItems.submissionItem;
import static dev.intake.aws.SubmissionItems.submissionKey;
import static dev.intake.aws.SubmissionItems.summary;
import static dev.intake.aws.SubmissionItems.time;
import static dev.intake.aws.SubmissionItems.toSubmission;
import static dev.intake.contracts.SubmissionsTable.PARTITION_KEY;
import static dev.intake.contracts.SubmissionsTable.SORT_KEY;
import static dev.intake.contracts.SubmissionsTable.TTL_ATTRIBUTE;

import dev.intake.contracts.LambdaEnvironment;
import dev.intake.contracts.SubmissionsTable;
import dev.intake.contracts.SubmissionsTable.Index;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.Review;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionQuery;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The submission store on one DynamoDB table (low-level client: no reflection at cold start). The
 * item layout is {@link SubmissionItems}'s; {@link SubmissionTableSetup} creates the table where the
 * CDK stack does not. Every status write is conditional on {@code statusRank} (no transactions:
 * dynalite lacks them).
 *
 * <p>With a retention, every item of a submission carries {@link SubmissionsTable#TTL_ATTRIBUTE}
 * (epoch seconds: received + retention; a decision: made + retention), the table's time-to-live
 * attribute, and a submission past it reads as absent even before DynamoDB deletes it (that can take
 * days), so the API never links to reports the bucket's lifecycle rule of the same retention has removed.
 *
 * <p>A listing's page tokens are signed with {@link PageTokenKeys}: stores that hand tokens to one
 * another (the API's containers on AWS, one runtime across restarts) must be given the same keys
 * ({@link #withPageTokenKeys}); a store given none signs with a random key of its own.
 */
public final class DynamoDbSubmissionStore implements SubmissionStore {

  public static final int MAX_LIST_LIMIT = 100;

  /**
   * How long after a write the thread's neighbour queries are repeated
   * ({@link dev.intake.pipeline.Threads.Settle}): they read the partner index, a GSI, whose reads are
   * eventually consistent; DynamoDB propagates to a GSI usually well within a second. dynalite updates
   * its indexes with the write: no settle locally.
   */
  public static final Duration INDEX_SETTLE = Duration.ofSeconds(2);

  static final int MAX_FAILURE_CHARS = 8000;

  private static final String ABSENT = "attribute_not_exists(" + PARTITION_KEY + ")";
  private static final String PRESENT = "attribute_exists(" + PARTITION_KEY + ")";

  /** Every status write sets these together: the status, its rank (for the conditions) and the status index key. */
  private static final String SET_STATUS =
      "SET #status = :status, statusRank = :rank, " + Index.BY_STATUS.partitionKey() + " = :gsi2pk, updatedAt = :at";

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSubmissionStore.class);
  private static final int BATCH_SIZE = 25;
  private static final int BATCH_ATTEMPTS = 8;
  private static final int FILTERED_PAGE_SIZE = 100;
  private static final int MAX_QUERIES_PER_LIST = 10;
  /** Reads of a partner's index per page while looking for a submission's neighbours in its thread. */
  private static final int JUDGED_PAGE_SIZE = 25;
  /** Read-then-write attempts of a projection before a race is reported as a retryable failure. */
  private static final int RACE_ATTEMPTS = 5;
  private static final Map<String, String> STATUS_NAME = Map.of("#status", "status");

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final int filteredPageSize;
  private final int maxQueriesPerList;
  private final Duration retention;
  private final Clock clock;
  private final PageTokenKeys pageTokenKeys;

  /** A store whose items never expire (the local runtime, most tests). */
  public DynamoDbSubmissionStore(DynamoDbClient dynamoDb, String tableName) {
    this(dynamoDb, tableName, FILTERED_PAGE_SIZE, MAX_QUERIES_PER_LIST, null, Clock.systemUTC(),
        PageTokenKeys.random());
  }

  /**
   * A store whose items expire {@code retention} after their submission was received.
   *
   * @param clock decides when an item has expired on reads
   */
  public DynamoDbSubmissionStore(DynamoDbClient dynamoDb, String tableName, Duration retention, Clock clock) {
    this(dynamoDb, tableName, FILTERED_PAGE_SIZE, MAX_QUERIES_PER_LIST, Objects.requireNonNull(retention, "retention"),
        clock, PageTokenKeys.random());
  }

  /** With smaller bounds on a filtered listing, so a test can reach them with a few items. */
  DynamoDbSubmissionStore(DynamoDbClient dynamoDb, String tableName, int filteredPageSize, int maxQueriesPerList) {
    this(dynamoDb, tableName, filteredPageSize, maxQueriesPerList, null, Clock.systemUTC(), PageTokenKeys.random());
  }

  private DynamoDbSubmissionStore(DynamoDbClient dynamoDb, String tableName, int filteredPageSize,
      int maxQueriesPerList, Duration retention, Clock clock, PageTokenKeys pageTokenKeys) {
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("retention must be positive, was " + retention);
    }
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.filteredPageSize = filteredPageSize;
    this.maxQueriesPerList = maxQueriesPerList;
    this.retention = retention;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pageTokenKeys = Objects.requireNonNull(pageTokenKeys, "pageTokenKeys");
  }

  /**
   * The store a function's environment names: the table {@code TABLE_NAME}, its items expiring
   * {@code RETENTION_DAYS} after receipt when that is set.
   */
  static DynamoDbSubmissionStore fromEnvironment(DynamoDbClient dynamoDb, FunctionEnvironment env) {
    String table = env.required(LambdaEnvironment.TABLE_NAME);
    String days = env.get(LambdaEnvironment.RETENTION_DAYS);
    if (days == null || days.isBlank()) {
      return new DynamoDbSubmissionStore(dynamoDb, table);
    }
    try {
      return new DynamoDbSubmissionStore(dynamoDb, table, Duration.ofDays(Long.parseLong(days.strip())), env.clock());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(LambdaEnvironment.RETENTION_DAYS + " must be a positive number of days, was '"
          + days + "'", e);
    }
  }

  /** This store, signing and checking page tokens with {@code keys}. */
  public DynamoDbSubmissionStore withPageTokenKeys(PageTokenKeys keys) {
    return new DynamoDbSubmissionStore(dynamoDb, tableName, filteredPageSize, maxQueriesPerList, retention, clock,
        keys);
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
      dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression(ABSENT));
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
        PRESENT + " AND statusRank < :rank", statusValues(next, at));
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
      Submission previous, Instant at) {
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
    // Evaluated: into the office's open queue (no decision can precede the verdict).
    values.put(":queue", s(REVIEW_OPEN));
    StringBuilder set = new StringBuilder(SET_STATUS + ", summary = :summary, checklistVersion = :cv, "
        + "partnerName = :pn, " + Index.BY_REVIEW.partitionKey() + " = :queue");
    List<String> remove = new ArrayList<>();
    setOrRemove("reportKey", ":rk", reportKey, set, remove, values);
    setOrRemove("annotatedKey", ":ak", annotatedKey, set, remove, values);
    if (previous != null) {
      // Nothing links a submission before its verdict (only judged ones are linked), so no condition.
      set.append(", previousSubmissionId = :prev, previousKey = :prevKey");
      values.put(":prev", s(previous.submissionId()));
      values.put(":prevKey", s(orderKey(previous)));
    }
    String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    values.put(":terminal", n(SubmissionStatus.READY.rank()));
    return conditionalUpdate("save evaluation of " + submissionId, submissionId, update,
        PRESENT + " AND statusRank < :terminal", values);
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
    // FAILED is answered by a person too: into the office's open queue.
    values.put(":queue", s(REVIEW_OPEN));
    return conditionalUpdate("mark failed " + submissionId, submissionId, SET_STATUS + ", failure = :failure, "
        + Index.BY_REVIEW.partitionKey() + " = :queue", PRESENT + " AND statusRank < :rank", values);
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
   * <p>The sort key is the decision's sequence number and the put is conditional on it being free:
   * DynamoDB settles which of two concurrent appends of the same number wins.
   */
  @Override
  public boolean addDecision(Decision decision) {
    Map<String, AttributeValue> item = decisionItem(decision);
    expireAfter(item, decision.at());
    try {
      dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression(ABSENT));
      return true;
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> key = Map.of(PARTITION_KEY, s(SUBMISSION_PREFIX + decision.submissionId()),
          SORT_KEY, s(decisionSortKey(decision.sequence())));
      try {
        var held = dynamoDb.getItem(b -> b.tableName(tableName).key(key).consistentRead(true));
        boolean same = held.hasItem() && decision.decisionId().equals(SubmissionItems.str(held.item(), "decisionId"));
        LOG.debug("Decision #{} on {} already held by {}", decision.sequence(), decision.submissionId(),
            same ? "this decision" : "another decision");
        return same;
      } catch (SdkException readFailed) {
        throw AwsFailures.translate("read decision of " + decision.submissionId(), readFailed);
      }
    } catch (SdkException e) {
      throw AwsFailures.translate("add decision to " + decision.submissionId(), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read, then written on the condition that neither the projection nor {@code supersededBy}
   * changed since (the review index partition depends on both); retried a few times on a race.
   */
  @Override
  public boolean saveReview(String submissionId, Review review) {
    Objects.requireNonNull(review, "review");
    for (int attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
      Map<String, AttributeValue> item = metaItem("save review of " + submissionId, submissionId);
      if (item == null) {
        return false;
      }
      Submission current = toSubmission(item);
      if (current.review().decisions() >= review.decisions()) {
        return false;
      }
      Map<String, AttributeValue> values = new HashMap<>();
      StringBuilder set = new StringBuilder("SET ");
      reviewAttributes(review).forEach((name, value) -> {
        set.append(set.length() > 4 ? ", " : "").append(name).append(" = :").append(name);
        values.put(":" + name, value);
      });
      String partition = reviewPartition(current.withReview(review));
      String update = set + (partition == null ? " REMOVE " + Index.BY_REVIEW.partitionKey()
          : ", " + Index.BY_REVIEW.partitionKey() + " = :partition");
      if (partition != null) {
        values.put(":partition", s(partition));
      }
      if (updateIfUnchanged("save review of " + submissionId, submissionId, update, item, values)) {
        return true;
      }
    }
    throw new StoreUnavailableException("the review of " + submissionId + " kept changing while it was saved", null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The link's target is kept with its {@link SubmissionItems#orderKey} ({@code previousKey}) and the
   * write is conditional on the stored one being absent or smaller: DynamoDB settles concurrent links.
   */
  @Override
  public boolean linkPrevious(String submissionId, Submission previous) {
    Objects.requireNonNull(previous, "previous");
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":prev", s(previous.submissionId()));
    values.put(":prevKey", s(orderKey(previous)));
    return update("link " + submissionId + " to " + previous.submissionId(), submissionId,
        "SET previousSubmissionId = :prev, previousKey = :prevKey",
        PRESENT + " AND (attribute_not_exists(previousKey) OR previousKey < :prevKey)", Map.of(), values);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read, then written on the condition that the projection, the status and {@code supersededBy} are
   * as read (the review index partition depends on them), like {@link #saveReview}; the successor is
   * kept with its {@link SubmissionItems#orderKey} ({@code supersededByKey}) for the comparison.
   */
  @Override
  public boolean supersede(String submissionId, Submission later) {
    Objects.requireNonNull(later, "later");
    for (int attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
      Map<String, AttributeValue> item = metaItem("supersede " + submissionId, submissionId);
      if (item == null) {
        return false;
      }
      Submission current = toSubmission(item);
      String currentKey = SubmissionItems.str(item, "supersededByKey");
      // A link stored before the keys were (no supersededByKey) is replaced: it was set once, unordered.
      if (!current.status().terminal() || currentKey != null && currentKey.compareTo(orderKey(later)) <= 0) {
        return false;
      }
      if (supersedeIfUnchanged(current, item, later)) {
        return true;
      }
    }
    throw new StoreUnavailableException(submissionId + " kept changing while it was superseded", null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>When the copy is terminal and superseded by nothing, it is written first on the condition that the
   * stored item still holds what the copy shows ({@link #updateIfUnchanged}: the status, the review's
   * decisions and {@code supersededBy}); only when that fails is the item read as by
   * {@link #supersede(String, Submission)}. A thread's neighbours come from the partner index, which
   * projects every attribute, so in a burst of one partner's uploads this saves one read per link.
   */
  @Override
  public boolean supersede(Submission current, Submission later) {
    Objects.requireNonNull(later, "later");
    boolean expiredCopy = retention != null && !current.receivedAt().plus(retention).isAfter(clock.instant());
    if (current.status().terminal() && current.supersededBy() == null && !expiredCopy) {
      Map<String, AttributeValue> asRead = new HashMap<>();
      asRead.put("statusRank", n(current.status().rank()));
      // Every item carries its review projection from its creation (none yet: zero decisions); an item
      // without one fails the condition and is read.
      asRead.put("reviewDecisions", n(current.review().decisions()));
      if (supersedeIfUnchanged(current, asRead, later)) {
        return true;
      }
    }
    return supersede(current.submissionId(), later);
  }

  /** Links {@code current} to {@code later} if its item still holds what {@code read} does; false if not. */
  private boolean supersedeIfUnchanged(Submission current, Map<String, AttributeValue> read, Submission later) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":later", s(later.submissionId()));
    values.put(":laterKey", s(orderKey(later)));
    String update = "SET supersededBy = :later, supersededByKey = :laterKey";
    String partition = reviewPartition(current.withSupersededBy(later.submissionId()));
    if (partition == null) {
      update += " REMOVE " + Index.BY_REVIEW.partitionKey();
    } else {
      update += ", " + Index.BY_REVIEW.partitionKey() + " = :partition";
      values.put(":partition", s(partition));
    }
    return updateIfUnchanged("supersede " + current.submissionId(), current.submissionId(), update, read, values);
  }

  /**
   * Applies {@code update} if the submission's review projection, status and {@code supersededBy}
   * are still what {@code read} holds; false when any changed.
   */
  private boolean updateIfUnchanged(String operation, String submissionId, String update,
      Map<String, AttributeValue> read, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> all = new HashMap<>(values);
    StringBuilder condition = new StringBuilder(PRESENT);
    all.put(":readRank", read.get("statusRank"));
    condition.append(" AND statusRank = :readRank");
    if (read.containsKey("reviewDecisions")) {
      all.put(":readDecisions", read.get("reviewDecisions"));
      condition.append(" AND reviewDecisions = :readDecisions");
    } else {
      condition.append(" AND attribute_not_exists(reviewDecisions)");
    }
    if (read.containsKey("supersededBy")) {
      all.put(":readSuperseded", read.get("supersededBy"));
      condition.append(" AND supersededBy = :readSuperseded");
    } else {
      condition.append(" AND attribute_not_exists(supersededBy)");
    }
    return update(operation, submissionId, update, condition.toString(), Map.of(), all);
  }

  /** The submission's item, read consistently; null when absent or expired. */
  private Map<String, AttributeValue> metaItem(String operation, String submissionId) {
    Map<String, AttributeValue> key = submissionKey(submissionId);
    try {
      var response = dynamoDb.getItem(b -> b.tableName(tableName).key(key).consistentRead(true));
      return response.hasItem() && !response.item().isEmpty() && !expired(response.item()) ? response.item() : null;
    } catch (SdkException e) {
      throw AwsFailures.translate(operation, e);
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
    return items.stream().map(SubmissionItems::toFinding).toList();
  }

  /** {@inheritDoc} In sequence order: the sort key is the zero-padded number. */
  @Override
  public List<Decision> decisions(String submissionId) {
    return queryPrefix("decisions of " + submissionId, submissionId, DECISION_PREFIX).stream()
        .map(SubmissionItems::toDecision)
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
  public Page<Submission> list(SubmissionQuery filter, int limit, String nextToken) {
    if (limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIST_LIMIT + ", was " + limit);
    }
    ListQuery query = ListQuery.of(filter);
    Map<String, AttributeValue> start = PageTokens.decode(pageTokenKeys, query, nextToken);
    if (query.nothing()) {
      return new Page<>(List.of(), null);
    }
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
          return new Page<>(items, rest ? PageTokens.encode(pageTokenKeys, query, page.get(i)) : null);
        }
      }
      if (!more) {
        return new Page<>(items, null);
      }
      start = response.lastEvaluatedKey();
      if (calls >= maxQueriesPerList) {
        return new Page<>(items, PageTokens.encode(pageTokenKeys, query, start));
      }
    }
  }

  @Override
  public Optional<Submission> previousJudged(Submission s) {
    return firstJudged(partnerQuery(s, false, true), "previous judged submission of " + s.submissionId());
  }

  @Override
  public Optional<Submission> nextJudged(Submission s) {
    return firstJudged(partnerQuery(s, true, true), "next judged submission of " + s.submissionId());
  }

  /** {@inheritDoc} Read from the partner index a page at a time, latest first, until a judged one. */
  @Override
  public List<Submission> sinceLastJudged(Submission s) {
    QueryRequest request = partnerQuery(s, false, false);
    List<Submission> out = new ArrayList<>();
    try {
      while (true) {
        QueryResponse response = dynamoDb.query(request);
        for (Map<String, AttributeValue> item : response.items()) {
          if (!expired(item)) {
            Submission before = toSubmission(item);
            out.add(before);
            if (before.judged()) {
              return out;
            }
          }
        }
        if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
          return out;
        }
        request = request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
      }
    } catch (SdkException e) {
      throw AwsFailures.translate("submissions of " + s.partnerId() + " before " + s.submissionId(), e);
    }
  }

  /**
   * The partner's submissions received after {@code s} (oldest first) or before it (latest first), only
   * READY and ACTION_REQUIRED ones when {@code judgedOnly}, on the partner index, whose sort key is
   * {@link SubmissionItems#orderKey}.
   */
  private QueryRequest partnerQuery(Submission s, boolean after, boolean judgedOnly) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pk", s(PARTNER_PREFIX + s.partnerId()));
    values.put(":from", s(orderKey(s)));
    Map<String, String> names = new HashMap<>();
    names.put("#pk", Index.BY_PARTNER.partitionKey());
    names.put("#sk", Index.BY_PARTNER.sortKey());
    QueryRequest.Builder b = QueryRequest.builder()
        .tableName(tableName)
        .indexName(Index.BY_PARTNER.indexName())
        .keyConditionExpression("#pk = :pk AND #sk " + (after ? ">" : "<") + " :from")
        .scanIndexForward(after)
        .limit(JUDGED_PAGE_SIZE);
    if (judgedOnly) {
      names.putAll(STATUS_NAME);
      values.put(":ready", s(SubmissionStatus.READY.name()));
      values.put(":ar", s(SubmissionStatus.ACTION_REQUIRED.name()));
      b.filterExpression("#status IN (:ready, :ar)");
    }
    return b.expressionAttributeNames(names).expressionAttributeValues(values).build();
  }

  /** The first unexpired item {@code request} finds, reading on page after page. */
  private Optional<Submission> firstJudged(QueryRequest first, String operation) {
    QueryRequest request = first;
    try {
      while (true) {
        QueryResponse response = dynamoDb.query(request);
        for (Map<String, AttributeValue> item : response.items()) {
          if (!expired(item)) {
            return Optional.of(toSubmission(item));
          }
        }
        if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
          return Optional.empty();
        }
        request = request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
      }
    } catch (SdkException e) {
      throw AwsFailures.translate(operation, e);
    }
  }

  @Override
  public List<Submission> history(String documentId) {
    QueryRequest request = QueryRequest.builder()
        .tableName(tableName)
        .indexName(Index.BY_DOCUMENT.indexName())
        .keyConditionExpression(Index.BY_DOCUMENT.partitionKey() + " = :pk")
        .expressionAttributeValues(Map.of(":pk", s(DOCUMENT_PREFIX + documentId)))
        .scanIndexForward(true)
        .build();
    return queryAll("history of " + documentId, request).stream()
        .map(SubmissionItems::toSubmission)
        .toList();
  }

  // ---------------------------------------------------------------- plumbing

  private boolean conditionalUpdate(String operation, String submissionId, String update, String condition,
      Map<String, AttributeValue> values) {
    return update(operation, submissionId, update, condition, STATUS_NAME, values);
  }

  /** A conditional update of the submission's item; false when the condition does not hold. */
  private boolean update(String operation, String submissionId, String update, String condition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> key = submissionKey(submissionId);
    try {
      dynamoDb.updateItem(b -> {
        b.tableName(tableName).key(key).updateExpression(update).conditionExpression(condition)
            .expressionAttributeValues(values);
        if (!names.isEmpty()) {
          b.expressionAttributeNames(names);
        }
      });
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
      AwsFailures.pause(pauseMillis + ThreadLocalRandom.current().nextLong(pauseMillis));
      pauseMillis = Math.min(pauseMillis * 2, 2000);
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

  private QueryResponse listPage(ListQuery query, Map<String, AttributeValue> start, int remaining) {
    QueryRequest.Builder b = QueryRequest.builder()
        .tableName(tableName)
        .indexName(query.index().indexName())
        .keyConditionExpression(query.keyCondition())
        .scanIndexForward(query.oldestFirst())
        .exclusiveStartKey(start);
    if (query.filtered()) {
      b.filterExpression(String.join(" AND ", query.filters())).limit(Math.max(remaining + 1, filteredPageSize));
    } else {
      // One more than needed: if it comes back there is a next page, if not this is the last one,
      // and a client never has to fetch an empty page to learn that.
      b.limit(remaining + 1);
    }
    QueryRequest request = b.expressionAttributeNames(query.names()).expressionAttributeValues(query.values()).build();
    try {
      return dynamoDb.query(request);
    } catch (SdkException e) {
      throw AwsFailures.translate("list " + query.index().indexName(), e);
    }
  }

  private List<Map<String, AttributeValue>> queryPrefix(String operation, String submissionId, String prefix) {
    QueryRequest request = QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression(PARTITION_KEY + " = :pk AND begins_with(" + SORT_KEY + ", :prefix)")
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

  private static void setOrRemove(String attribute, String placeholder, String value, StringBuilder set,
      List<String> remove, Map<String, AttributeValue> values) {
    if (value == null) {
      remove.add(attribute);
    } else {
      set.append(", ").append(attribute).append(" = ").append(placeholder);
      values.put(placeholder, s(value));
    }
  }
}
