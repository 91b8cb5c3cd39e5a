package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.pipeline.SubmissionStoreContract;
import dev.intake.testing.Dynalite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DynamoDB adapter on dynalite: the store's contract, and what only it has (page tokens, bounds, the table). */
class DynamoDbSubmissionStoreTest extends SubmissionStoreContract {

  private static final byte[] KEY = "page-token key of this test, 32+ bytes long".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PREVIOUS_KEY =
      "the key before the last rotation, 32+ bytes".getBytes(StandardCharsets.UTF_8);

  private static AwsClients clients;

  private DynamoDbSubmissionStore dynamoDbStore;

  @BeforeAll
  static void startDynalite() {
    clients = AwsClients.local(Dynalite.shared().endpoint(), null);
  }

  @AfterAll
  static void closeClients() {
    clients.close();
  }

  @Override
  protected SubmissionStore newStore() {
    // A table per test: listings over the whole table see only this test's items.
    String table = Dynalite.uniqueTableName("submissions");
    SubmissionTableSetup.create(clients.dynamoDb(), table);
    dynamoDbStore = new DynamoDbSubmissionStore(clients.dynamoDb(), table).withPageTokenKeys(PageTokenKeys.of(KEY));
    return dynamoDbStore;
  }

  /** The JSON a token carries, which only the key's holder can change. */
  private static ObjectNode payload(String token) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.substring(0,
        token.indexOf('.'))));
  }

  /** A token of {@code payload} signed with {@code key}, as if whoever edited it held the key. */
  private static String signed(ObjectNode payload, byte[] key) {
    String body = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    PageTokenKeys.Key k = new PageTokenKeys.Key(key);
    return body + "." + k.id() + "." + k.sign(body + "." + k.id());
  }
  @Test
  void list_filteredWithSparseMatches_stopsAtTheBoundAndResumesWithoutLosingItems() {
    DynamoDbSubmissionStore bounded = new DynamoDbSubmissionStore(clients.dynamoDb(), dynamoDbStore.tableName(), 2, 2);
    List<Submission> all = createSeries("p1", 12);
    List<Submission> evaluating = List.of(all.get(0), all.get(4), all.get(8));
    evaluating.forEach(s -> store.advance(s.submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(100)));

    List<Page<Submission>> pages = new ArrayList<>();
    String token = null;
    do {
      Page<Submission> page = bounded.list("p1", SubmissionStatus.EVALUATING, 2, token);
      pages.add(page);
      token = page.nextToken();
    } while (token != null && pages.size() < 50);

    assertThat(pages).anySatisfy(page -> {
      assertThat(page.items()).hasSizeLessThan(2);
      assertThat(page.nextToken()).isNotNull();
    });
    assertThat(pages.stream().flatMap(p -> p.items().stream()).map(Submission::submissionId).toList())
        .containsExactlyElementsOf(newestFirstIds(evaluating));
  }
  @Test
  void list_tokenEditedToResumeElsewhereInTheSameListing_isIllegalArgument() throws Exception {
    // given: a token whose resume point is moved to an earlier, well-formed position of the same listing
    createSeries("p1", 5);
    String token = store.list("p1", null, 1, null).nextToken();
    ObjectNode json = payload(token);
    ObjectNode k = (ObjectNode) json.get("k");
    String sort = k.get("GSI1SK").asText();
    String time = sort.substring(0, sort.indexOf('#'));
    k.put("GSI1SK", java.time.Instant.parse(time).minusSeconds(2) + sort.substring(sort.indexOf('#')));
    String edited = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.toString().getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));

    // then: the signature no longer matches
    assertThatThrownBy(() -> store.list("p1", null, 1, edited))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void list_tokenSignedWithAKeyThisStoreDoesNotHold_isIllegalArgument() {
    createSeries("p1", 3);
    DynamoDbSubmissionStore other = new DynamoDbSubmissionStore(clients.dynamoDb(), dynamoDbStore.tableName())
        .withPageTokenKeys(PageTokenKeys.random());
    String foreign = other.list("p1", null, 1, null).nextToken();

    assertThatThrownBy(() -> store.list("p1", null, 1, foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not signed with a key this API holds");
  }

  @Test
  void list_afterARotation_tokenSignedWithThePreviousKeyStillResumes() {
    // given: a token signed before the rotation
    List<Submission> all = createSeries("p1", 3);
    DynamoDbSubmissionStore before = dynamoDbStore.withPageTokenKeys(PageTokenKeys.of(PREVIOUS_KEY));
    String token = before.list("p1", null, 1, null).nextToken();

    // when: the store now signs with a new key and still accepts the previous one
    DynamoDbSubmissionStore after = dynamoDbStore.withPageTokenKeys(PageTokenKeys.of(KEY, PREVIOUS_KEY));
    Page<Submission> next = after.list("p1", null, 1, token);

    // then
    assertThat(next.items()).extracting(Submission::submissionId).containsExactly(newestFirstIds(all).get(1));
    assertThat(next.nextToken().split("\\.")[1]).as("signed with the new key")
        .isEqualTo(new PageTokenKeys.Key(KEY).id());
    assertThatThrownBy(() -> dynamoDbStore.list("p1", null, 1, token))
        .as("once the previous key is no longer accepted")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void list_tokenEditedToPointAtAnotherPartnerBySomeoneHoldingTheKey_isIllegalArgument() throws Exception {
    // Behind the signature, the token's content is still checked against the query.
    createSeries("p1", 3);
    createSeries("p2", 3);
    String token = store.list("p1", null, 1, null).nextToken();
    ObjectNode json = payload(token);
    ((ObjectNode) json.get("k")).put("GSI1PK", "PARTNER#p2");
    String edited = signed(json, KEY);

    assertThatThrownBy(() -> store.list("p1", null, 1, edited))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different listing");
  }

  @Test
  void list_tokenWithKeyOfAnotherKindBySomeoneHoldingTheKey_isIllegalArgument() throws Exception {
    createSeries("p1", 3);
    String token = store.list("p1", null, 1, null).nextToken();
    ObjectNode json = payload(token);
    ((ObjectNode) json.get("k")).put("SK", "FINDING#00000");
    String edited = signed(json, KEY);

    assertThatThrownBy(() -> store.list("p1", null, 1, edited))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextToken");
  }
  @Test
  void createTable_existingTable_isNoOp() {
    Submission submission = received("keep", "p1", T0);
    store.create(submission);

    SubmissionTableSetup.create(clients.dynamoDb(), dynamoDbStore.tableName());

    assertThat(store.get(submission.submissionId())).contains(submission);
  }
  @Test
  void anyCall_dynamoDbUnreachable_isStoreUnavailable() {
    Submission submission = received("down", "p1", T0);
    try (Dynalite privateDynalite = Dynalite.startPrivate();
        AwsClients privateClients = AwsClients.local(privateDynalite.endpoint(), null)) {
      SubmissionTableSetup.create(privateClients.dynamoDb(), "outage");
      DynamoDbSubmissionStore down = new DynamoDbSubmissionStore(privateClients.dynamoDb(), "outage");
      down.create(submission);
      privateDynalite.close();

      assertThatThrownBy(() -> down.get(submission.submissionId())).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> down.create(received("down2", "p1", T0)))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> down.list("p1", null, 10, null)).isInstanceOf(StoreUnavailableException.class);
    }
  }
}
