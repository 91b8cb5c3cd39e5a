package dev.intake.testing;

import dev.intake.pipeline.SubmissionStore;
import dev.intake.pipeline.SubmissionStoreContract;

/** The fake the service and handler tests use, held to the same contract as the DynamoDB store. */
class InMemorySubmissionStoreTest extends SubmissionStoreContract {

  @Override
  protected SubmissionStore newStore() {
    return new InMemorySubmissionStore();
  }
}
