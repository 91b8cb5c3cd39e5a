package dev.intake.aws;

import static dev.intake.contracts.SubmissionsTable.PARTITION_KEY;
import static dev.intake.contracts.SubmissionsTable.SORT_KEY;

import dev.intake.contracts.SubmissionsTable.Index;
import dev.intake.pipeline.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the submissions table where nothing else does: for the tests and the local runtime (on
 * AWS the CDK stack creates it, from the same {@link dev.intake.contracts.SubmissionsTable} names).
 */
public final class SubmissionTableSetup {

  private static final Logger LOG = LoggerFactory.getLogger(SubmissionTableSetup.class);

  private SubmissionTableSetup() {
  }

  /**
   * Creates the table with the layout {@link DynamoDbSubmissionStore} uses (on-demand billing) unless
   * it exists, and waits until it and its indexes are ACTIVE.
   *
   * @throws IllegalStateException when a table of that name exists without this store's indexes
   */
  public static void create(DynamoDbClient dynamoDb, String tableName) {
    try {
      TableDescription existing = dynamoDb.describeTable(b -> b.tableName(tableName)).table();
      requireLayout(existing);
    } catch (ResourceNotFoundException e) {
      try {
        dynamoDb.createTable(b -> b.tableName(tableName)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(keyAttributes())
            .keySchema(keySchema(PARTITION_KEY, SORT_KEY))
            .globalSecondaryIndexes(Arrays.stream(Index.values()).map(SubmissionTableSetup::index).toList()));
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
    Set<String> indexes = Arrays.stream(Index.values()).map(Index::indexName).collect(Collectors.toSet());
    List<String> present = table.globalSecondaryIndexes().stream()
        .map(GlobalSecondaryIndexDescription::indexName)
        .toList();
    if (!present.containsAll(indexes)) {
      throw new IllegalStateException("Table " + table.tableName() + " exists without the indexes " + indexes
          + " (has " + present + "); it was created by an older version of the pipeline: start with a new data"
          + " folder (move the old one aside)");
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
      AwsFailures.pause(pauseMillis);
      pauseMillis = Math.min(pauseMillis * 2, 1000);
    }
  }

  /** The table's and every index's key attributes, all strings. */
  private static List<AttributeDefinition> keyAttributes() {
    List<String> names = new ArrayList<>(List.of(PARTITION_KEY, SORT_KEY));
    for (Index index : Index.values()) {
      names.add(index.partitionKey());
      names.add(index.sortKey());
    }
    return names.stream()
        .map(name -> AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build())
        .toList();
  }

  private static List<KeySchemaElement> keySchema(String hash, String range) {
    return List.of(
        KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
  }

  private static GlobalSecondaryIndex index(Index index) {
    return GlobalSecondaryIndex.builder()
        .indexName(index.indexName())
        .keySchema(keySchema(index.partitionKey(), index.sortKey()))
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
        .build();
  }
}
