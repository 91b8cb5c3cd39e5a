package dev.intake.pipeline;

/** What a read of an object that must still be the one an event announced found. */
public sealed interface ObjectRead {

  /** The announced object's bytes (at most the limit asked for, plus one). */
  record Found(byte[] bytes) implements ObjectRead {
  }

  /** No object under the key any more (deleted). */
  record Missing() implements ObjectRead {
  }

  /** The key now holds other bytes (a later upload replaced the announced one). */
  record Replaced() implements ObjectRead {
  }
}
