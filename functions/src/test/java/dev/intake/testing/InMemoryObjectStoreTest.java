package dev.intake.testing;

import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.ObjectStoreContract;

/** The fake the service and handler tests use, held to the same contract as the S3 adapter. */
class InMemoryObjectStoreTest extends ObjectStoreContract {

  @Override
  protected ObjectStore newStore() {
    return new InMemoryObjectStore();
  }
}
